package dev.countersign.verify.internal.crypto;

/**
 * Verifies RSA signatures with the padding a signature algorithm names (PKCS#1 v1.5 or PSS),
 * whatever padding the key was loaded with. Other keys verify as usual.
 */
public final class RsaPadding {
  private RsaPadding() {}

  public static boolean verify(
      VerificationKey key, byte[] message, HashAlgorithm hash, byte[] sig, boolean pss) {
    if (key instanceof RsaVerificationKey) {
      return ((RsaVerificationKey) key).withPss(pss).verifyMessage(message, hash, sig);
    }
    return !pss && key.verifyMessage(message, hash, sig);
  }
}
