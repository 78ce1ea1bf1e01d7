package dev.countersign.admission.records.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * A public key that can check decision-log signatures: Ed25519 or ECDSA P-256, nothing else.
 *
 * <p>The key id is the SHA-256 of the DER SubjectPublicKeyInfo as written in the genesis line. Keys
 * are compared by their normalised encoding (named curve, uncompressed point), so a pinned PEM
 * written by another tool matches the same key in a log.
 */
public final class LogKey {
  static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
  static final ECNamedDomainParameters P256_DOMAIN =
      new ECNamedDomainParameters(
          SECObjectIdentifiers.secp256r1, P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

  private final KeyAlgorithm algorithm;
  private final AsymmetricKeyParameter params;
  private final byte[] spki;
  private final String keyId;
  private final String normalizedId;

  private LogKey(KeyAlgorithm algorithm, AsymmetricKeyParameter params, byte[] spki) {
    this.algorithm = algorithm;
    this.params = params;
    this.spki = spki.clone();
    this.keyId = LogFormat.sha256Hex(spki);
    this.normalizedId = LogFormat.sha256Hex(normalizedSpki(params));
  }

  /** Reads a DER SubjectPublicKeyInfo; the message of the exception says what is wrong. */
  public static LogKey fromSpki(byte[] spki) throws KeyFormatException {
    AsymmetricKeyParameter p;
    try {
      p = PublicKeyFactory.createKey(spki);
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException("not a DER SubjectPublicKeyInfo: " + e.getMessage());
    }
    return new LogKey(algorithmOf(p), p, spki);
  }

  public static LogKey fromPublicKey(PublicKey key) throws KeyFormatException {
    Objects.requireNonNull(key, "key");
    byte[] encoded = key.getEncoded();
    if (encoded == null || !"X.509".equalsIgnoreCase(key.getFormat())) {
      throw new KeyFormatException(
          "the " + key.getAlgorithm() + " public key has no X.509 (SubjectPublicKeyInfo) encoding");
    }
    return fromSpki(encoded);
  }

  /** A key from public parameters, written in normalised form (as a writer's genesis has it). */
  static LogKey fromParameters(AsymmetricKeyParameter publicParams) throws KeyFormatException {
    return new LogKey(algorithmOf(publicParams), publicParams, normalizedSpki(publicParams));
  }

  private static KeyAlgorithm algorithmOf(AsymmetricKeyParameter p) throws KeyFormatException {
    if (p.isPrivate()) {
      throw new KeyFormatException("a private key where a public key was expected");
    }
    if (p instanceof Ed25519PublicKeyParameters) {
      return KeyAlgorithm.ED25519;
    }
    if (p instanceof ECPublicKeyParameters) {
      if (!isP256(((ECPublicKeyParameters) p).getParameters())) {
        throw new KeyFormatException("an EC key on a curve other than P-256");
      }
      return KeyAlgorithm.ECDSA_P256_SHA256;
    }
    throw new KeyFormatException(
        "a " + p.getClass().getSimpleName().replace("PublicKeyParameters", "") + " key");
  }

  static boolean isP256(ECDomainParameters d) {
    return d.getCurve().equals(P256.getCurve())
        && d.getG().equals(P256.getG())
        && d.getN().equals(P256.getN());
  }

  private static byte[] normalizedSpki(AsymmetricKeyParameter p) {
    AsymmetricKeyParameter normal = p;
    if (p instanceof ECPublicKeyParameters) {
      normal =
          new ECPublicKeyParameters(
              ((ECPublicKeyParameters) p).getQ().normalize(), LogKey.P256_DOMAIN);
    }
    try {
      return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(normal)
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("encoding a public key in memory", e);
    }
  }

  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** SHA-256 (hex) of the SubjectPublicKeyInfo bytes this key was read from. */
  public String keyId() {
    return keyId;
  }

  /** The SubjectPublicKeyInfo bytes this key was read from. */
  public byte[] spki() {
    return spki.clone();
  }

  /** Whether both are the same key, whatever the encoding they were read from. */
  public boolean sameKey(LogKey other) {
    return normalizedId.equals(other.normalizedId);
  }

  /** Checks a signature over {@code data[0..length)}; false for any malformed signature. */
  public boolean verify(byte[] data, int length, byte[] signature) {
    try {
      if (algorithm == KeyAlgorithm.ED25519) {
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, params);
        v.update(data, 0, length);
        return v.verifySignature(signature);
      }
      DSADigestSigner v =
          new DSADigestSigner(new ECDSASigner(), new SHA256Digest(), StandardDSAEncoding.INSTANCE);
      v.init(false, params);
      v.update(data, 0, length);
      return v.verifySignature(signature);
    } catch (RuntimeException e) {
      // Bouncy Castle reports some malformed encodings by exception: still just "does not verify".
      return false;
    }
  }

  /** Whether a signature has a shape this algorithm can produce (length, DER structure). */
  public boolean plausibleSignature(byte[] signature) {
    if (algorithm == KeyAlgorithm.ED25519) {
      return signature.length == Ed25519PublicKeyParameters.KEY_SIZE * 2;
    }
    try {
      BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(P256.getN(), signature);
      return rs.length == 2;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogKey && Arrays.equals(spki, ((LogKey) o).spki);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(spki);
  }

  @Override
  public String toString() {
    return algorithm.id() + " key " + keyId;
  }
}
