package dev.countersign.verify.internal.x509;

import dev.countersign.verify.internal.crypto.Der;
import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.crypto.KeyAlgorithm;
import dev.countersign.verify.internal.crypto.KeyFormatException;
import dev.countersign.verify.internal.crypto.PublicKeys;
import dev.countersign.verify.internal.crypto.RsaPadding;
import dev.countersign.verify.internal.crypto.VerificationKey;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * An X.509 certificate parsed once into the facts verification needs. The TBS bytes are sliced from
 * the original DER, never re-encoded, so the signature is checked over exactly what was signed.
 */
public final class ParsedCertificate {
  private final byte[] der;
  private final byte[] tbs;
  private final Certificate cert;
  private final byte[] spki;
  private final Instant notBefore;
  private final Instant notAfter;
  private final boolean ca;
  private final int pathLength;
  private final KeyUsage keyUsage;
  private final List<KeyPurposeId> extendedKeyUsages;
  private volatile VerificationKey publicKey;

  private ParsedCertificate(byte[] der) throws CertificateFormatException {
    this.der = der;
    try {
      Der.Tlv tbsTlv = Der.firstElementOfSequence(der);
      this.tbs = tbsTlv.bytes(der);
      this.cert = Certificate.getInstance(ASN1Primitive.fromByteArray(der));
      this.spki = cert.getSubjectPublicKeyInfo().getEncoded("DER");
      this.notBefore = cert.getStartDate().getDate().toInstant();
      this.notAfter = cert.getEndDate().getDate().toInstant();
      Extensions exts = cert.getTBSCertificate().getExtensions();
      BasicConstraints bc = exts == null ? null : BasicConstraints.fromExtensions(exts);
      this.ca = bc != null && bc.isCA();
      BigInteger pl = bc == null ? null : bc.getPathLenConstraint();
      this.pathLength = pl == null ? -1 : pl.intValueExact();
      this.keyUsage = exts == null ? null : KeyUsage.fromExtensions(exts);
      ExtendedKeyUsage eku = exts == null ? null : ExtendedKeyUsage.fromExtensions(exts);
      this.extendedKeyUsages =
          eku == null ? List.of() : Collections.unmodifiableList(Arrays.asList(eku.getUsages()));
      // Names are decoded lazily; decode them now so a malformed name is a parse error here, not a
      // surprise later in chain building or in a message.
      cert.getSubject().toString();
      cert.getIssuer().toString();
    } catch (IOException
        | IllegalArgumentException
        | IllegalStateException
        | ArithmeticException e) {
      throw new CertificateFormatException("malformed X.509 certificate: " + e.getMessage(), e);
    }
    if (cert.getVersionNumber() != 3 && cert.getTBSCertificate().getExtensions() != null) {
      throw new CertificateFormatException("certificate with extensions is not version 3");
    }
  }

  /** Parses a DER certificate. */
  public static ParsedCertificate parse(byte[] der) throws CertificateFormatException {
    if (der == null || der.length == 0) {
      throw new CertificateFormatException("empty certificate");
    }
    return new ParsedCertificate(der.clone());
  }

  public byte[] der() {
    return der.clone();
  }

  /** The raw TBSCertificate bytes, as signed. */
  byte[] tbs() {
    return tbs;
  }

  /** The BC ASN.1 structure, for re-encoding work such as SCT precertificate reconstruction. */
  Certificate asn1() {
    return cert;
  }

  public X500Name subject() {
    return cert.getSubject();
  }

  public X500Name issuer() {
    return cert.getIssuer();
  }

  public BigInteger serialNumber() {
    return cert.getSerialNumber().getValue();
  }

  public Instant notBefore() {
    return notBefore;
  }

  public Instant notAfter() {
    return notAfter;
  }

  /** RFC 5280 validity: inclusive at both ends. */
  public boolean validAt(Instant t) {
    return !t.isBefore(notBefore) && !t.isAfter(notAfter);
  }

  public byte[] spki() {
    return spki.clone();
  }

  public boolean isCa() {
    return ca;
  }

  /** The basicConstraints path length, or -1 when unlimited. */
  public int pathLength() {
    return pathLength;
  }

  /** Empty when the certificate has no keyUsage extension. */
  public Optional<KeyUsage> keyUsage() {
    return Optional.ofNullable(keyUsage);
  }

  public List<KeyPurposeId> extendedKeyUsages() {
    return extendedKeyUsages;
  }

  public Optional<Extension> extension(ASN1ObjectIdentifier oid) {
    Extensions exts = cert.getTBSCertificate().getExtensions();
    return exts == null ? Optional.empty() : Optional.ofNullable(exts.getExtension(oid));
  }

  /** OIDs of critical extensions. */
  public List<ASN1ObjectIdentifier> criticalExtensionOids() {
    Extensions exts = cert.getTBSCertificate().getExtensions();
    if (exts == null) {
      return List.of();
    }
    return List.of(exts.getCriticalExtensionOIDs());
  }

  public Optional<byte[]> subjectKeyIdentifier() {
    Extensions exts = cert.getTBSCertificate().getExtensions();
    SubjectKeyIdentifier ski = exts == null ? null : SubjectKeyIdentifier.fromExtensions(exts);
    return ski == null ? Optional.empty() : Optional.of(ski.getKeyIdentifier());
  }

  public Optional<byte[]> authorityKeyIdentifier() {
    Extensions exts = cert.getTBSCertificate().getExtensions();
    AuthorityKeyIdentifier aki = exts == null ? null : AuthorityKeyIdentifier.fromExtensions(exts);
    return aki == null || aki.getKeyIdentifier() == null
        ? Optional.empty()
        : Optional.of(aki.getKeyIdentifier());
  }

  /** The certificate's public key, decoded once. */
  public VerificationKey publicKey() throws KeyFormatException {
    VerificationKey k = publicKey;
    if (k == null) {
      k = PublicKeys.fromSpki(spki);
      publicKey = k;
    }
    return k;
  }

  /** Self-issued (subject equals issuer). */
  public boolean isSelfIssued() {
    return subject().equals(issuer());
  }

  /** Checks this certificate's signature with the issuer's key. */
  public boolean isSignedBy(VerificationKey issuerKey) {
    AlgorithmIdentifier alg = cert.getSignatureAlgorithm();
    if (!alg.equals(cert.getTBSCertificate().getSignature())) {
      return false;
    }
    Optional<SignatureScheme> scheme = SignatureScheme.of(alg);
    if (scheme.isEmpty() || !scheme.get().matches(issuerKey)) {
      return false;
    }
    byte[] sig = cert.getSignature().getOctets();
    return scheme.get().verify(issuerKey, tbs, sig);
  }

  /** SHA-256 of the DER, hex. */
  public String sha256Hex() {
    return HexFormat.of().formatHex(HashAlgorithm.SHA2_256.digest(der));
  }

  /** Byte equality of the DER encodings. */
  public boolean sameAs(ParsedCertificate other) {
    return MessageDigest.isEqual(der, other.der);
  }

  @Override
  public String toString() {
    return "Certificate[subject="
        + subject()
        + ", issuer="
        + issuer()
        + ", serial="
        + serialNumber()
        + "]";
  }

  /** Signature algorithms certificates may use. */
  enum SignatureScheme {
    ECDSA_SHA256(HashAlgorithm.SHA2_256, false),
    ECDSA_SHA384(HashAlgorithm.SHA2_384, false),
    ECDSA_SHA512(HashAlgorithm.SHA2_512, false),
    RSA_SHA256(HashAlgorithm.SHA2_256, false),
    RSA_SHA384(HashAlgorithm.SHA2_384, false),
    RSA_SHA512(HashAlgorithm.SHA2_512, false),
    RSA_PSS_SHA256(HashAlgorithm.SHA2_256, true),
    RSA_PSS_SHA384(HashAlgorithm.SHA2_384, true),
    RSA_PSS_SHA512(HashAlgorithm.SHA2_512, true),
    ED25519(HashAlgorithm.SHA2_512, false);

    private final HashAlgorithm hash;
    private final boolean pss;

    SignatureScheme(HashAlgorithm hash, boolean pss) {
      this.hash = hash;
      this.pss = pss;
    }

    static Optional<SignatureScheme> of(AlgorithmIdentifier alg) {
      ASN1ObjectIdentifier oid = alg.getAlgorithm();
      if (X9ObjectIdentifiers.ecdsa_with_SHA256.equals(oid)) {
        return Optional.of(ECDSA_SHA256);
      } else if (X9ObjectIdentifiers.ecdsa_with_SHA384.equals(oid)) {
        return Optional.of(ECDSA_SHA384);
      } else if (X9ObjectIdentifiers.ecdsa_with_SHA512.equals(oid)) {
        return Optional.of(ECDSA_SHA512);
      } else if (PKCSObjectIdentifiers.sha256WithRSAEncryption.equals(oid)) {
        return Optional.of(RSA_SHA256);
      } else if (PKCSObjectIdentifiers.sha384WithRSAEncryption.equals(oid)) {
        return Optional.of(RSA_SHA384);
      } else if (PKCSObjectIdentifiers.sha512WithRSAEncryption.equals(oid)) {
        return Optional.of(RSA_SHA512);
      } else if (EdECObjectIdentifiers.id_Ed25519.equals(oid)) {
        return Optional.of(ED25519);
      } else if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
        try {
          RSASSAPSSparams p =
              RSASSAPSSparams.getInstance(ASN1Sequence.getInstance(alg.getParameters()));
          Optional<HashAlgorithm> h = HashAlgorithm.fromOid(p.getHashAlgorithm().getAlgorithm());
          if (h.isEmpty() || p.getSaltLength().intValue() != h.get().length()) {
            return Optional.empty();
          }
          switch (h.get()) {
            case SHA2_384:
              return Optional.of(RSA_PSS_SHA384);
            case SHA2_512:
              return Optional.of(RSA_PSS_SHA512);
            default:
              return Optional.of(RSA_PSS_SHA256);
          }
        } catch (RuntimeException e) {
          return Optional.empty();
        }
      }
      return Optional.empty();
    }

    boolean matches(VerificationKey key) {
      switch (this) {
        case ECDSA_SHA256:
        case ECDSA_SHA384:
        case ECDSA_SHA512:
          return key.algorithm().isEcdsa();
        case ED25519:
          return key.algorithm() == KeyAlgorithm.ED25519;
        default:
          return key.algorithm() == KeyAlgorithm.RSA;
      }
    }

    boolean verify(VerificationKey key, byte[] data, byte[] sig) {
      return RsaPadding.verify(key, data, hash, sig, pss);
    }
  }

  static List<ParsedCertificate> parseAll(List<byte[]> ders) throws CertificateFormatException {
    List<ParsedCertificate> out = new ArrayList<>(ders.size());
    for (byte[] d : ders) {
      out.add(parse(d));
    }
    return out;
  }
}
