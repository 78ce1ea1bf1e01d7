package dev.countersign.verify.internal.sbom;

import dev.countersign.verify.Digest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Digest algorithm names of CycloneDX, SPDX and OpenVEX brought to one spelling. */
final class Hashes {
  private Hashes() {}

  /**
   * {@code SHA-256}, {@code SHA256}, {@code sha-256} become {@code sha256}; {@code SHA3-256}
   * becomes {@code sha3-256}; others are lower-cased.
   */
  static String algorithm(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.startsWith("sha-")) {
      n = "sha" + n.substring(4);
    }
    return n;
  }

  static String hex(String value) {
    return value.trim().toLowerCase(Locale.ROOT);
  }

  /** The hash of the digest's algorithm in a component's hashes, if present. */
  static Optional<String> of(Map<String, String> hashes, Digest digest) {
    return Optional.ofNullable(hashes.get(digest.algorithm()));
  }

  /** Whether two hash maps share an algorithm with equal values. */
  static boolean overlap(Map<String, String> a, Map<String, String> b) {
    for (Map.Entry<String, String> e : a.entrySet()) {
      String other = b.get(e.getKey());
      if (other != null && other.equals(e.getValue())) {
        return true;
      }
    }
    return false;
  }
}
