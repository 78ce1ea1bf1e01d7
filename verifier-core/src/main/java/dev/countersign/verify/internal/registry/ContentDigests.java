package dev.countersign.verify.internal.registry;

import dev.countersign.verify.Digest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Computes content digests in the algorithm a descriptor or reference names. */
public final class ContentDigests {
  private ContentDigests() {}

  /** The digest of {@code bytes} with {@code algorithm} ({@code sha256}, {@code sha384}, ...). */
  public static Digest compute(String algorithm, byte[] bytes) {
    return new Digest(algorithm, messageDigest(algorithm).digest(bytes));
  }

  /** Whether {@code bytes} hash to {@code expected} (constant-time comparison). */
  public static boolean matches(Digest expected, byte[] bytes) {
    return expected.matches(compute(expected.algorithm(), bytes));
  }

  private static MessageDigest messageDigest(String algorithm) {
    String jca;
    switch (algorithm) {
      case "sha256":
        jca = "SHA-256";
        break;
      case "sha384":
        jca = "SHA-384";
        break;
      case "sha512":
        jca = "SHA-512";
        break;
      default:
        throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
    }
    try {
      return MessageDigest.getInstance(jca);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jca + " is required by the Java platform", e);
    }
  }
}
