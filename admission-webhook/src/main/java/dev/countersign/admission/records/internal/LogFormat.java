package dev.countersign.admission.records.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The constants of the decision-log line format, version 1 (documented in the module's RECORDS.md).
 * Changing any of them makes a new format, never a new meaning for an old one.
 */
public final class LogFormat {
  /** The format named in every genesis line. */
  public static final String FORMAT = "countersign.decision-log/v1";

  /**
   * The {@code prev} of the genesis line of a new log: SHA-256 of the UTF-8 bytes of {@link
   * #FORMAT}, so every line, the first included, names a hash before it.
   */
  public static final String GENESIS_PREV = sha256Hex(FORMAT.getBytes(StandardCharsets.UTF_8));

  /** Longest line a writer produces and a reader accepts, newline excluded. */
  public static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

  /** What separates the signed part of a line from its signature. */
  static final byte[] SIG_MARKER = ",\"sig\":".getBytes(StandardCharsets.US_ASCII);

  /** Close-line reason: the writer stopped; a later writer may append to the same file. */
  public static final String CLOSE_SHUTDOWN = "shutdown";

  /** Close-line reason: the log continues in the file named by {@code nextFile}. */
  public static final String CLOSE_ROTATED = "rotated";

  private LogFormat() {}

  /** Lower-case hex SHA-256 of {@code bytes[0..length)}. */
  public static String sha256Hex(byte[] bytes, int length) {
    MessageDigest md = sha256();
    md.update(bytes, 0, length);
    return HexFormat.of().formatHex(md.digest());
  }

  public static String sha256Hex(byte[] bytes) {
    return sha256Hex(bytes, bytes.length);
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Whether {@code s} is 64 lower-case hex digits. */
  static boolean isSha256Hex(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
