package dev.countersign.admission.records.internal;

import java.util.Optional;

/** The signature algorithms a decision log may be signed with, by their names in the log. */
public enum KeyAlgorithm {
  /** Ed25519 (RFC 8032), 64-byte signatures over the signed bytes themselves. */
  ED25519("Ed25519"),
  /** ECDSA on NIST P-256 over the SHA-256 of the signed bytes, DER-encoded as openssl writes it. */
  ECDSA_P256_SHA256("ECDSA-P256-SHA256");

  private final String id;

  KeyAlgorithm(String id) {
    this.id = id;
  }

  /** The name used in the {@code alg} fields. */
  public String id() {
    return id;
  }

  public static Optional<KeyAlgorithm> fromId(String id) {
    for (KeyAlgorithm a : values()) {
      if (a.id.equals(id)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
