package dev.countersign.verify.internal.crypto;

import java.io.IOException;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/** Decodes public keys from SubjectPublicKeyInfo DER, PEM, or protobuf key details. */
public final class PublicKeys {
  private PublicKeys() {}

  /** Decodes a DER SubjectPublicKeyInfo. */
  public static VerificationKey fromSpki(byte[] der) throws KeyFormatException {
    if (der == null || der.length == 0) {
      throw new KeyFormatException("empty public key");
    }
    SubjectPublicKeyInfo spki;
    try {
      ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
      spki = SubjectPublicKeyInfo.getInstance(primitive);
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException("not a DER SubjectPublicKeyInfo: " + e.getMessage(), e);
    }
    return fromSpki(spki, der);
  }

  static VerificationKey fromSpki(SubjectPublicKeyInfo spki, byte[] der) throws KeyFormatException {
    ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
    AsymmetricKeyParameter params;
    try {
      params = PublicKeyFactory.createKey(spki);
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException("invalid " + alg + " public key: " + e.getMessage(), e);
    }
    if (params instanceof ECPublicKeyParameters) {
      ASN1ObjectIdentifier curve =
          ASN1ObjectIdentifier.getInstance(spki.getAlgorithm().getParameters());
      KeyAlgorithm ka;
      if (SECObjectIdentifiers.secp256r1.equals(curve)) {
        ka = KeyAlgorithm.ECDSA_P256;
      } else if (SECObjectIdentifiers.secp384r1.equals(curve)) {
        ka = KeyAlgorithm.ECDSA_P384;
      } else if (SECObjectIdentifiers.secp521r1.equals(curve)) {
        ka = KeyAlgorithm.ECDSA_P521;
      } else {
        String name = NISTNamedCurves.getName(curve);
        throw new KeyFormatException(
            "unsupported elliptic curve " + (name != null ? name : String.valueOf(curve)));
      }
      return new EcdsaVerificationKey(ka, (ECPublicKeyParameters) params, der);
    }
    if (params instanceof Ed25519PublicKeyParameters) {
      return new Ed25519VerificationKey((Ed25519PublicKeyParameters) params, der);
    }
    if (params instanceof RSAKeyParameters) {
      RSAKeyParameters rsa = (RSAKeyParameters) params;
      if (rsa.getModulus().bitLength() < RsaVerificationKey.MIN_MODULUS_BITS) {
        throw new KeyFormatException(
            "RSA key of " + rsa.getModulus().bitLength() + " bits is below the 2048-bit minimum");
      }
      boolean pss = PKCSObjectIdentifiers.id_RSASSA_PSS.equals(alg);
      return new RsaVerificationKey(rsa, der, pss);
    }
    throw new KeyFormatException("unsupported public key algorithm " + alg);
  }

  /**
   * Decodes a key as the Sigstore protobuf {@code PublicKey} describes it: {@code rawBytes} is DER
   * SubjectPublicKeyInfo, except for the PKCS1_* key details, where it is a DER RSAPublicKey.
   */
  public static VerificationKey fromKeyDetails(byte[] rawBytes, String keyDetails)
      throws KeyFormatException {
    String details = keyDetails == null ? "" : keyDetails.toUpperCase(Locale.ROOT);
    VerificationKey key;
    if (details.startsWith("PKCS1_RSA")) {
      try {
        RSAPublicKey rsa = RSAPublicKey.getInstance(ASN1Primitive.fromByteArray(rawBytes));
        SubjectPublicKeyInfo spki =
            new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                rsa);
        key = fromSpki(spki.getEncoded("DER"));
      } catch (IOException | RuntimeException e) {
        throw new KeyFormatException("invalid PKCS#1 RSA public key: " + e.getMessage(), e);
      }
    } else {
      key = fromSpki(rawBytes);
    }
    if (details.contains("RSA_PSS") && key instanceof RsaVerificationKey) {
      key = ((RsaVerificationKey) key).withPss(true);
    }
    checkDetailsMatch(key, details);
    return key;
  }

  private static void checkDetailsMatch(VerificationKey key, String details)
      throws KeyFormatException {
    if (details.isEmpty() || details.equals("PUBLIC_KEY_DETAILS_UNSPECIFIED")) {
      return;
    }
    KeyAlgorithm a = key.algorithm();
    boolean ok;
    if (details.contains("ECDSA_P256")) {
      ok = a == KeyAlgorithm.ECDSA_P256;
    } else if (details.contains("ECDSA_P384")) {
      ok = a == KeyAlgorithm.ECDSA_P384;
    } else if (details.contains("ECDSA_P521")) {
      ok = a == KeyAlgorithm.ECDSA_P521;
    } else if (details.equals("PKIX_ED25519")) {
      ok = a == KeyAlgorithm.ED25519;
    } else if (details.contains("RSA")) {
      ok = a == KeyAlgorithm.RSA;
    } else {
      throw new KeyFormatException("unsupported key details " + details);
    }
    if (!ok) {
      throw new KeyFormatException("key details " + details + " do not match a " + a + " key");
    }
  }

  /**
   * Decodes a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) or "RSA PUBLIC KEY" block. Certificates are
   * not keys and are refused.
   */
  public static VerificationKey fromPem(String pem) throws KeyFormatException {
    if (pem == null) {
      throw new KeyFormatException("no PEM data");
    }
    Pem.Block block =
        Pem.first(pem).orElseThrow(() -> new KeyFormatException("no PEM block found"));
    switch (block.type()) {
      case "PUBLIC KEY":
        return fromSpki(block.der());
      case "RSA PUBLIC KEY":
        return fromKeyDetails(block.der(), "PKCS1_RSA_PKCS1V5");
      case "CERTIFICATE":
        throw new KeyFormatException("expected a PEM public key, found a certificate");
      default:
        throw new KeyFormatException("unsupported PEM block type '" + block.type() + "'");
    }
  }

  /** PEM-encodes a DER SubjectPublicKeyInfo. */
  public static String toPem(byte[] spki) {
    return Pem.encode("PUBLIC KEY", spki);
  }

  /** Whether two keys are the same (byte-equal SubjectPublicKeyInfo after re-encoding). */
  public static boolean sameKey(VerificationKey a, VerificationKey b) {
    return java.security.MessageDigest.isEqual(canonical(a.spki()), canonical(b.spki()));
  }

  private static byte[] canonical(byte[] spki) {
    try {
      return SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(spki)).getEncoded("DER");
    } catch (IOException | RuntimeException e) {
      return spki;
    }
  }
}
