package dev.countersign.report.packet.internal;

import dev.countersign.admission.records.DecisionLogKeys;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Signing and checking the manifest: Ed25519, or ECDSA P-256 with SHA-256, over the exact bytes of
 * {@code manifest.json}. Keys are read and named as decision-log keys are (PEM; key id = SHA-256 of
 * the SubjectPublicKeyInfo), so one key format serves both.
 */
public final class ManifestKey {
  private ManifestKey() {}

  public static String algorithm(PublicKey key) {
    return key.getAlgorithm().equals("EC") ? "ECDSA-P256-SHA256" : "Ed25519";
  }

  private static String jca(String algorithm) {
    return algorithm.equals("ECDSA-P256-SHA256") ? "SHA256withECDSA" : "Ed25519";
  }

  public static byte[] sign(PrivateKey key, PublicKey publicKey, byte[] content) {
    try {
      Signature s = Signature.getInstance(jca(algorithm(publicKey)));
      s.initSign(key);
      s.update(content);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with a key DecisionLogKeys accepted", e);
    }
  }

  public static boolean verify(PublicKey key, String algorithm, byte[] content, byte[] signature) {
    if (!algorithm.equals(algorithm(key))) {
      return false;
    }
    try {
      Signature s = Signature.getInstance(jca(algorithm));
      s.initVerify(key);
      s.update(content);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  public static String keyId(PublicKey key) {
    return DecisionLogKeys.keyId(key);
  }
}
