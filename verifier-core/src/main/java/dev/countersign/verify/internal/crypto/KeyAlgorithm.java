package dev.countersign.verify.internal.crypto;

/** Public key families the verifier accepts. */
public enum KeyAlgorithm {
  ECDSA_P256(HashAlgorithm.SHA2_256),
  ECDSA_P384(HashAlgorithm.SHA2_384),
  ECDSA_P521(HashAlgorithm.SHA2_512),
  ED25519(HashAlgorithm.SHA2_512),
  RSA(HashAlgorithm.SHA2_256);

  private final HashAlgorithm defaultHash;

  KeyAlgorithm(HashAlgorithm defaultHash) {
    this.defaultHash = defaultHash;
  }

  /**
   * The hash this key conventionally signs with (Sigstore key details: P-256/SHA-256,
   * P-384/SHA-384, P-521/SHA-512, RSA/SHA-256).
   */
  public HashAlgorithm defaultHash() {
    return defaultHash;
  }

  public boolean isEcdsa() {
    return this == ECDSA_P256 || this == ECDSA_P384 || this == ECDSA_P521;
  }
}
