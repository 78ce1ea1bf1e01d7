package dev.countersign.verify.attest;

import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.crypto.KeyAlgorithm;
import dev.countersign.verify.internal.crypto.KeyFormatException;
import dev.countersign.verify.internal.crypto.PublicKeys;
import dev.countersign.verify.internal.crypto.VerificationKey;
import dev.countersign.verify.policy.PolicyException;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A public key trusted to sign DSSE envelopes, with the key id its signatures may name. The key id
 * is only a hint for finding the key; two entries are the same key when their SubjectPublicKeyInfo
 * is the same, whatever their ids (see {@link #fingerprint()}).
 *
 * <p>Signatures are checked over the envelope's PAE with the hash the key conventionally signs
 * with: SHA-256 for P-256 and RSA, SHA-384 for P-384, SHA-512 for P-521; Ed25519 signs the PAE
 * itself.
 */
public final class DsseVerificationKey {
  private final String keyId;
  private final VerificationKey key;
  private final String fingerprint;

  private DsseVerificationKey(String keyId, VerificationKey key) {
    this.keyId = keyId == null ? "" : keyId;
    this.key = key;
    this.fingerprint = HexFormat.of().formatHex(HashAlgorithm.SHA2_256.digest(canonical(key)));
  }

  /**
   * A key from PEM ({@code PUBLIC KEY} or {@code RSA PUBLIC KEY}).
   *
   * @param keyId the id signatures name this key by; may be empty
   * @throws PolicyException if the PEM is not a supported public key
   */
  public static DsseVerificationKey fromPem(String keyId, String pem) {
    try {
      return new DsseVerificationKey(keyId, PublicKeys.fromPem(pem));
    } catch (KeyFormatException e) {
      throw new PolicyException("", "DSSE key '" + keyId + "': " + e.getMessage(), e);
    }
  }

  /**
   * A key from DER SubjectPublicKeyInfo (e.g. a certificate's key, or a Sigstore trust-root key).
   *
   * @throws PolicyException if the bytes are not a supported public key
   */
  public static DsseVerificationKey fromSpki(String keyId, byte[] spki) {
    try {
      return new DsseVerificationKey(keyId, PublicKeys.fromSpki(spki));
    } catch (KeyFormatException e) {
      throw new PolicyException("", "DSSE key '" + keyId + "': " + e.getMessage(), e);
    }
  }

  /**
   * A key from a JCA public key (EC, EdDSA or RSA).
   *
   * @throws PolicyException if the key is not of a supported kind
   */
  public static DsseVerificationKey fromPublicKey(String keyId, java.security.PublicKey key) {
    Objects.requireNonNull(key, "key");
    byte[] der = key.getEncoded();
    if (der == null) {
      throw new PolicyException("", "DSSE key '" + keyId + "' has no X.509 encoding");
    }
    return fromSpki(keyId, der);
  }

  /** The key id signatures may name, empty when none was given. */
  public String keyId() {
    return keyId;
  }

  /** Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo: the key's identity. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The key family, e.g. {@code ECDSA_P256}. */
  public String algorithm() {
    return key.algorithm().name();
  }

  /** The decoded key; an implementation type, not part of the stable API. */
  public VerificationKey verificationKey() {
    return key;
  }

  /** Whether {@code signature} is this key's signature over {@code pae}. */
  public boolean verifies(byte[] pae, byte[] signature) {
    HashAlgorithm hash =
        key.algorithm() == KeyAlgorithm.ED25519
            ? HashAlgorithm.SHA2_512
            : key.algorithm().defaultHash();
    try {
      return key.verifyMessage(pae, hash, signature);
    } catch (RuntimeException e) {
      // A signature that a key cannot even decode is simply not a valid signature by that key.
      return false;
    }
  }

  /** Whether both name the same key material. */
  public boolean sameKey(DsseVerificationKey other) {
    return fingerprint.equals(other.fingerprint);
  }

  private static byte[] canonical(VerificationKey key) {
    byte[] spki = key.spki();
    try {
      return SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(spki)).getEncoded("DER");
    } catch (IOException | RuntimeException e) {
      return spki;
    }
  }

  @Override
  public String toString() {
    return "DsseVerificationKey[" + (keyId.isEmpty() ? "" : keyId + ", ") + algorithm() + "]";
  }
}
