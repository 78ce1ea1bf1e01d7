package dev.countersign.verify.internal.registry;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA and a server certificate for 127.0.0.1 and localhost, for HTTPS test servers. */
final class TestTlsCa {
  final X509Certificate caCertificate;
  final SSLContext serverContext;

  private TestTlsCa(X509Certificate caCertificate, SSLContext serverContext) {
    this.caCertificate = caCertificate;
    this.serverContext = serverContext;
  }

  static TestTlsCa create(String name) throws Exception {
    KeyPair caKeys = ecKeys();
    Instant now = Instant.now();
    X500Name caName = new X500Name("CN=" + name + " test CA");
    X509v3CertificateBuilder ca =
        new JcaX509v3CertificateBuilder(
            caName,
            BigInteger.ONE,
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            caName,
            caKeys.getPublic());
    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    ca.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    X509Certificate caCert = sign(ca, caKeys);

    KeyPair serverKeys = ecKeys();
    X509v3CertificateBuilder leaf =
        new JcaX509v3CertificateBuilder(
            caName,
            BigInteger.TWO,
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name("CN=localhost"),
            serverKeys.getPublic());
    leaf.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.dNSName, "localhost")
            }));
    leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    X509Certificate serverCert = sign(leaf, caKeys);

    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    char[] pw = "test".toCharArray();
    ks.setKeyEntry(
        "server", serverKeys.getPrivate(), pw, new X509Certificate[] {serverCert, caCert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return new TestTlsCa(caCert, ctx);
  }

  /** Writes the CA certificate as PEM. */
  Path writePem(Path dir) throws IOException, GeneralSecurityException {
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(caCertificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    Path file =
        dir.resolve(
            "registry-ca-" + caCertificate.getSerialNumber() + "-" + System.nanoTime() + ".pem");
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
    return file;
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer) throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }
}
