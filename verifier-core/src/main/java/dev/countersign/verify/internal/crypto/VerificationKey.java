package dev.countersign.verify.internal.crypto;

/**
 * A public key ready to verify signatures. Implementations are immutable and thread-safe; keys from
 * a trust root are decoded once and reused, which also lets the elliptic-curve code cache its
 * precomputation for that point.
 */
public interface VerificationKey {

  KeyAlgorithm algorithm();

  /** The DER SubjectPublicKeyInfo. */
  byte[] spki();

  /**
   * Verifies a signature over a whole message. ECDSA and RSA hash it with {@code hash}; Ed25519
   * signs the message itself and ignores {@code hash}.
   */
  boolean verifyMessage(byte[] message, HashAlgorithm hash, byte[] signature);

  /**
   * Verifies a signature given only the message digest. Not possible for pure Ed25519, which
   * returns false.
   */
  boolean verifyDigest(byte[] digest, HashAlgorithm hash, byte[] signature);

  /** True when {@link #verifyDigest} can work for this key. */
  default boolean supportsPrehashed() {
    return algorithm() != KeyAlgorithm.ED25519;
  }
}
