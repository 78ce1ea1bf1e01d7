package dev.countersign.testkit.dsse;

import dev.countersign.testkit.keys.HashAlgorithm;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One subject of an in-toto Statement.
 *
 * @param name the artifact's name
 * @param digest algorithm name (e.g. {@code sha256}) to lowercase hex digest, in output order
 */
public record InTotoSubject(String name, Map<String, String> digest) {

  public InTotoSubject {
    digest = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(digest));
  }

  /** A subject identified by the SHA-256 of {@code content}. */
  public static InTotoSubject sha256(String name, byte[] content) {
    return of(name, content, HashAlgorithm.SHA2_256);
  }

  /** A subject identified by the SHA-512 of {@code content}. */
  public static InTotoSubject sha512(String name, byte[] content) {
    return of(name, content, HashAlgorithm.SHA2_512);
  }

  /** A subject identified by both the SHA-256 and the SHA-512 of {@code content}. */
  public static InTotoSubject sha256AndSha512(String name, byte[] content) {
    Map<String, String> both = new LinkedHashMap<>();
    both.put("sha256", hex(HashAlgorithm.SHA2_256.digest(content)));
    both.put("sha512", hex(HashAlgorithm.SHA2_512.digest(content)));
    return new InTotoSubject(name, both);
  }

  private static InTotoSubject of(String name, byte[] content, HashAlgorithm algorithm) {
    return new InTotoSubject(name, Map.of(algorithm.rekorName(), hex(algorithm.digest(content))));
  }

  private static String hex(byte[] digest) {
    return java.util.HexFormat.of().formatHex(digest);
  }
}
