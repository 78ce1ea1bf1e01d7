package dev.countersign.admission.http;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
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
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed server identities for 127.0.0.1, written as PEM the ways openssl writes them. */
record TestTls(KeyPair keys, X509Certificate certificate) {

  enum KeyFormat {
    /** BEGIN PRIVATE KEY */
    PKCS8,
    /** BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY */
    TRADITIONAL,
    /** BEGIN ENCRYPTED PRIVATE KEY */
    ENCRYPTED
  }

  static TestTls ec() {
    return create("EC");
  }

  static TestTls rsa() {
    return create("RSA");
  }

  static TestTls create(String algorithm) {
    try {
      // Bouncy Castle's EC keys encode their curve inside the SEC1 structure, as openssl's
      // "BEGIN EC PRIVATE KEY" files do; the JDK's leave it out.
      KeyPairGenerator g =
          algorithm.equals("EC")
              ? KeyPairGenerator.getInstance(
                  algorithm, new org.bouncycastle.jce.provider.BouncyCastleProvider())
              : KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        g.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        g.initialize(2048);
      }
      KeyPair keys = g.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=countersign-webhook.test");
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(1))),
              name,
              keys.getPublic());
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")
              }));
      String sig = algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(b.build(new JcaContentSignerBuilder(sig).build(keys.getPrivate())));
      return new TestTls(keys, cert);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Path writeCertificate(Path file) {
    return write(file, certificate);
  }

  Path writeKey(Path file, KeyFormat format) {
    try {
      return switch (format) {
        case TRADITIONAL -> write(file, keys.getPrivate());
        case PKCS8 -> write(file, new JcaPKCS8Generator(keys.getPrivate(), null));
        case ENCRYPTED ->
            write(
                file,
                new JcaPKCS8Generator(
                    keys.getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                        .setPassword("secret".toCharArray())
                        .build()));
      };
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path write(Path file, Object pemObject) {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(pemObject);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path tmp = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), w.toString());
      return Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client context trusting exactly these certificates. */
  static SSLContext trusting(X509Certificate... certificates) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      for (int i = 0; i < certificates.length; i++) {
        ks.setCertificateEntry("c" + i, certificates[i]);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
