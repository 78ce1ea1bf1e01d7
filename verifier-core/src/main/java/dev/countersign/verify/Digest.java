package dev.countersign.verify;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:ab12...}.
 *
 * @param algorithm lower-case algorithm name: {@code sha256}, {@code sha384} or {@code sha512}
 * @param value the raw digest bytes
 */
public record Digest(String algorithm, byte[] value) {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(value, "value");
    algorithm = algorithm.toLowerCase(Locale.ROOT);
    int expected = expectedLength(algorithm);
    if (expected < 0) {
      throw new IllegalArgumentException("unsupported digest algorithm '" + algorithm + "'");
    }
    if (value.length != expected) {
      throw new IllegalArgumentException(
          algorithm + " digest must be " + expected + " bytes, not " + value.length);
    }
    value = value.clone();
  }

  private static int expectedLength(String algorithm) {
    switch (algorithm) {
      case "sha256":
        return 32;
      case "sha384":
        return 48;
      case "sha512":
        return 64;
      default:
        return -1;
    }
  }

  /** Parses {@code algorithm:hex}; empty if the text is not of that form. */
  public static Optional<Digest> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int colon = text.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String alg = text.substring(0, colon).toLowerCase(Locale.ROOT);
    String hex = text.substring(colon + 1);
    int len = expectedLength(alg);
    if (len < 0 || hex.length() != len * 2 || !HEX.matcher(hex).matches()) {
      return Optional.empty();
    }
    return Optional.of(new Digest(alg, HexFormat.of().parseHex(hex)));
  }

  /** Parses {@code algorithm:hex} or throws IllegalArgumentException. */
  public static Digest parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () -> new IllegalArgumentException("not a digest of the form sha256:<hex>: " + text));
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(value);
  }

  /** Constant-time comparison of algorithm and value. */
  public boolean matches(Digest other) {
    return other != null
        && algorithm.equals(other.algorithm)
        && MessageDigest.isEqual(value, other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest && matches((Digest) o);
  }

  @Override
  public int hashCode() {
    return algorithm.hashCode() * 31 + java.util.Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex();
  }
}
