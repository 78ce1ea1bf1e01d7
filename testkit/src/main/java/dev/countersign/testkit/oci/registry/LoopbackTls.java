package dev.countersign.testkit.oci.registry;

import dev.countersign.testkit.ca.CertificateExtensions;
import dev.countersign.testkit.ca.CertificateTemplate;
import dev.countersign.testkit.encoding.Pem;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * A throw-away CA and a server certificate for {@code 127.0.0.1} and {@code localhost}, so a test
 * registry can serve HTTPS that clients trust through {@link #clientContext()} only.
 *
 * @param ca the self-signed CA certificate clients trust
 * @param server the server certificate
 * @param serverKey the server's key
 */
public record LoopbackTls(X509Certificate ca, X509Certificate server, TestKeyPair serverKey) {

  /** Fresh keys, certificates valid from an hour before {@code now} for two days. */
  public static LoopbackTls create(Instant now) {
    TestKeyPair caKey = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);
    TestKeyPair serverKey = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);
    X500Name caName = new X500Name("CN=countersign test registry CA");
    Instant from = now.minus(Duration.ofHours(1));
    Instant to = now.plus(Duration.ofDays(2));
    X509Certificate ca =
        new CertificateTemplate(
                CertificateTemplate.randomSerial(),
                caName,
                caName,
                from,
                to,
                caKey.publicKey(),
                List.of(
                    CertificateExtensions.keyUsage(KeyUsage.keyCertSign),
                    CertificateExtensions.basicConstraints(true, 0)))
            .sign(caKey);
    GeneralNames names =
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.dNSName, "localhost")
            });
    X509Certificate server =
        new CertificateTemplate(
                CertificateTemplate.randomSerial(),
                caName,
                new X500Name("CN=127.0.0.1"),
                from,
                to,
                serverKey.publicKey(),
                List.of(
                    CertificateExtensions.keyUsage(KeyUsage.digitalSignature),
                    CertificateExtensions.extendedKeyUsage(false, KeyPurposeId.id_kp_serverAuth),
                    CertificateExtensions.create(Extension.subjectAlternativeName, false, names)))
            .sign(caKey);
    return new LoopbackTls(ca, server, serverKey);
  }

  /** The server's certificate chain as PEM (server first), distribution's {@code certificate}. */
  public String certificateChainPem() {
    return Pem.certificate(server) + Pem.certificate(ca);
  }

  /** The server key as a PKCS#8 PEM, distribution's {@code key}. */
  public String privateKeyPem() {
    return Pem.encode("PRIVATE KEY", serverKey.privateKey().getEncoded());
  }

  /** A client context trusting only {@link #ca}. */
  public SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("countersign-test-ca", ca);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the test trust store", e);
    }
  }
}
