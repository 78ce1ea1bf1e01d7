package dev.countersign.verify.internal.crypto;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Ed25519 (pure). Prehashed verification is not possible and always fails. */
final class Ed25519VerificationKey implements VerificationKey {
  private final Ed25519PublicKeyParameters params;
  private final byte[] raw;
  private final byte[] spki;

  Ed25519VerificationKey(Ed25519PublicKeyParameters params, byte[] spki) {
    this.params = params;
    this.raw = params.getEncoded();
    this.spki = spki;
  }

  @Override
  public KeyAlgorithm algorithm() {
    return KeyAlgorithm.ED25519;
  }

  @Override
  public byte[] spki() {
    return spki.clone();
  }

  /** The 32-byte public key. */
  byte[] raw() {
    return raw.clone();
  }

  @Override
  public boolean verifyMessage(byte[] message, HashAlgorithm hash, byte[] signature) {
    if (message == null || signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    return Ed25519.verify(signature, 0, raw, 0, message, 0, message.length);
  }

  @Override
  public boolean verifyDigest(byte[] digest, HashAlgorithm hash, byte[] signature) {
    return false;
  }
}
