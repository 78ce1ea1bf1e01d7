package dev.countersign.testkit.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/**
 * A key type the testkit can generate, with its default signature scheme and the protobuf-specs
 * {@code PublicKeyDetails} name that trust roots and Rekor v2 entries use for it.
 */
public enum KeyAlgorithm {
  ECDSA_P256("secp256r1", 0, HashAlgorithm.SHA2_256, "PKIX_ECDSA_P256_SHA_256"),
  ECDSA_P384("secp384r1", 0, HashAlgorithm.SHA2_384, "PKIX_ECDSA_P384_SHA_384"),
  ECDSA_P521("secp521r1", 0, HashAlgorithm.SHA2_512, "PKIX_ECDSA_P521_SHA_512"),
  ED25519(null, 0, HashAlgorithm.SHA2_512, "PKIX_ED25519"),
  RSA_2048(null, 2048, HashAlgorithm.SHA2_256, "PKIX_RSA_PKCS1V15_2048_SHA256"),
  RSA_3072(null, 3072, HashAlgorithm.SHA2_256, "PKIX_RSA_PKCS1V15_3072_SHA256");

  private final String curve;
  private final int rsaBits;
  private final HashAlgorithm hash;
  private final String keyDetails;

  KeyAlgorithm(String curve, int rsaBits, HashAlgorithm hash, String keyDetails) {
    this.curve = curve;
    this.rsaBits = rsaBits;
    this.hash = hash;
    this.keyDetails = keyDetails;
  }

  /** True for the ECDSA curves. */
  public boolean isEcdsa() {
    return curve != null;
  }

  /** True for RSA (PKCS#1 v1.5 signatures). */
  public boolean isRsa() {
    return rsaBits > 0;
  }

  /** True for Ed25519. */
  public boolean isEd25519() {
    return this == ED25519;
  }

  /**
   * The digest that goes with this key in Sigstore: the one its default signature scheme uses, and
   * the one a client records as the message digest. For Ed25519, whose signatures hash internally,
   * it is SHA-512, Ed25519's own hash.
   */
  public HashAlgorithm hashAlgorithm() {
    return hash;
  }

  /** The protobuf-specs {@code PublicKeyDetails} name, e.g. {@code PKIX_ECDSA_P256_SHA_256}. */
  public String keyDetails() {
    return keyDetails;
  }

  /** The JCA signature name for signing with {@code digest}, e.g. {@code SHA384withECDSA}. */
  public String signatureAlgorithm(HashAlgorithm digest) {
    if (isEd25519()) {
      return "Ed25519";
    }
    return digest.signaturePrefix() + (isRsa() ? "withRSA" : "withECDSA");
  }

  /** The JCA signature name of the default scheme. */
  public String signatureAlgorithm() {
    return signatureAlgorithm(hash);
  }

  /** Generates a fresh key pair with the platform's strong randomness. */
  public KeyPair generate() {
    try {
      KeyPairGenerator generator;
      if (isEcdsa()) {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve), new SecureRandom());
      } else if (isRsa()) {
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(rsaBits, new SecureRandom());
      } else {
        generator = KeyPairGenerator.getInstance("Ed25519");
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate " + this + " key", e);
    }
  }
}
