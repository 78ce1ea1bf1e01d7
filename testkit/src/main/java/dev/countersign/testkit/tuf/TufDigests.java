package dev.countersign.testkit.tuf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The HASHES objects TUF metadata lists for files: SHA-256 and SHA-512, lower-case hex. */
public final class TufDigests {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TufDigests() {}

  /** {@code {"sha256": ..., "sha512": ...}} of {@code content}. */
  public static ObjectNode hashes(byte[] content) {
    ObjectNode hashes = MAPPER.createObjectNode();
    hashes.put("sha256", sha256Hex(content));
    hashes.put("sha512", sha512Hex(content));
    return hashes;
  }

  public static String sha256Hex(byte[] content) {
    return HexFormat.of().formatHex(digest("SHA-256", content));
  }

  public static String sha512Hex(byte[] content) {
    return HexFormat.of().formatHex(digest("SHA-512", content));
  }

  private static byte[] digest(String algorithm, byte[] content) {
    try {
      return MessageDigest.getInstance(algorithm).digest(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks " + algorithm, e);
    }
  }
}
