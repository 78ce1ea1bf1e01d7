package dev.countersign.testkit.ca;

import dev.countersign.testkit.encoding.Bytes;
import java.io.ByteArrayInputStream;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Parsing and encoding of X.509 certificates. Parsing uses Bouncy Castle's certificate factory
 * (without registering the provider) because the platform's refuses some deliberately defective
 * certificates, such as an empty subject without a subjectAltName.
 */
public final class Certificates {
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private Certificates() {}

  /** Parses one DER certificate. */
  public static X509Certificate parse(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509", BOUNCY_CASTLE)
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a DER certificate", e);
    }
  }

  /** The DER encoding. */
  public static Bytes der(X509Certificate certificate) {
    try {
      return Bytes.of(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("certificate cannot be encoded", e);
    }
  }

  /** The DER encodings of {@code certificates}, in order. */
  public static List<Bytes> der(List<X509Certificate> certificates) {
    return certificates.stream().map(Certificates::der).toList();
  }

  /** The DER SubjectPublicKeyInfo of the certificate's key. */
  public static Bytes spki(X509Certificate certificate) {
    return Bytes.of(certificate.getPublicKey().getEncoded());
  }
}
