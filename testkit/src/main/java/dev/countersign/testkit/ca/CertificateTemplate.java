package dev.countersign.testkit.ca;

import dev.countersign.testkit.keys.TestKeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * Everything in a v3 certificate except the issuer's signature. Building the TBSCertificate
 * explicitly (rather than through a certificate builder) is what lets the CA sign a precertificate
 * SCT over exactly the TBS that the final certificate will carry minus the SCT extension.
 *
 * <p>Validity instants are truncated to whole seconds, the precision of UTCTime.
 *
 * @param extensions in the order they are encoded
 */
public record CertificateTemplate(
    BigInteger serial,
    X500Name issuer,
    X500Name subject,
    Instant notBefore,
    Instant notAfter,
    PublicKey subjectKey,
    List<Extension> extensions) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public CertificateTemplate {
    notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
    notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
    extensions = List.copyOf(extensions);
  }

  /** A random positive serial of at most 20 octets (RFC 5280 §4.1.2.2). */
  public static BigInteger randomSerial() {
    return new BigInteger(152, RANDOM).setBit(151);
  }

  /** A copy with {@code extension} appended. */
  public CertificateTemplate withExtension(Extension extension) {
    List<Extension> more = new ArrayList<>(extensions);
    more.add(extension);
    return new CertificateTemplate(serial, issuer, subject, notBefore, notAfter, subjectKey, more);
  }

  /** The TBSCertificate as {@code signer} would sign it. */
  public TBSCertificate tbs(TestKeyPair signer) {
    V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
    generator.setSerialNumber(new ASN1Integer(serial));
    generator.setSignature(signatureAlgorithm(signer));
    generator.setIssuer(issuer);
    generator.setStartDate(new Time(Date.from(notBefore)));
    generator.setEndDate(new Time(Date.from(notAfter)));
    generator.setSubject(subject);
    generator.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
    if (!extensions.isEmpty()) {
      generator.setExtensions(new Extensions(extensions.toArray(Extension[]::new)));
    }
    return generator.generateTBSCertificate();
  }

  /** The DER of {@link #tbs}. */
  public byte[] tbsDer(TestKeyPair signer) {
    try {
      return tbs(signer).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Signs the TBSCertificate with {@code signer}'s default scheme. */
  public X509Certificate sign(TestKeyPair signer) {
    byte[] tbs = tbsDer(signer);
    ASN1EncodableVector certificate = new ASN1EncodableVector();
    certificate.add(TBSCertificate.getInstance(tbs));
    certificate.add(signatureAlgorithm(signer));
    certificate.add(new DERBitString(signer.sign(tbs)));
    try {
      return Certificates.parse(new DERSequence(certificate).getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static AlgorithmIdentifier signatureAlgorithm(TestKeyPair signer) {
    return new DefaultSignatureAlgorithmIdentifierFinder()
        .find(signer.algorithm().signatureAlgorithm());
  }
}
