package dev.countersign.report.packet.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of files and bytes. File hashes are remembered by file identity (device and inode, size
 * and modification time), so the hard links of a practice folder are read once.
 */
public final class Hashes {
  private final Map<Object, String> byFile = new ConcurrentHashMap<>();

  /** Lower-case hex SHA-256 of a file's bytes. */
  public String file(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    Object key = a.fileKey();
    if (key == null) {
      return compute(file);
    }
    Object identity = java.util.List.of(key, a.size(), a.lastModifiedTime().toMillis());
    String known = byFile.get(identity);
    if (known != null) {
      return known;
    }
    String h = compute(file);
    byFile.put(identity, h);
    return h;
  }

  public static String compute(Path file) throws IOException {
    MessageDigest sha = sha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  public static String of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
