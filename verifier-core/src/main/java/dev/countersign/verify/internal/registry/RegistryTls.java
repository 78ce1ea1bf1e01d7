package dev.countersign.verify.internal.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context for registry connections: the JDK's trusted CAs, plus the CA certificates of a
 * private registry when configured. Certificates are added, never substituted: a custom bundle must
 * not make public registries untrusted, and nothing here turns verification off (hostname checks
 * stay with the JDK HTTP client).
 */
final class RegistryTls {
  private RegistryTls() {}

  /**
   * The JDK default context when no extra CAs are given; otherwise a context whose trust store
   * holds the JDK's CAs and every certificate of the PEM files.
   *
   * @throws IllegalArgumentException if a file cannot be read or holds no certificate
   */
  static SSLContext context(List<Path> caCertificates) {
    try {
      if (caCertificates.isEmpty()) {
        return SSLContext.getDefault();
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore(caCertificates));
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("TLS is not available in this JVM", e);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the registry TLS trust store", e);
    }
  }

  /** The JDK's trusted CAs followed by every certificate of the PEM files. */
  static KeyStore trustStore(List<Path> caCertificates)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int n = 0;
    for (X509Certificate ca : jdkDefaultTrustManager().getAcceptedIssuers()) {
      store.setCertificateEntry("jdk-" + n++, ca);
    }
    for (Path pem : caCertificates) {
      for (Certificate c : read(pem)) {
        store.setCertificateEntry("custom-" + n++, c);
      }
    }
    return store;
  }

  private static X509TrustManager jdkDefaultTrustManager() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager) {
        return (X509TrustManager) tm;
      }
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }

  private static Collection<? extends Certificate> read(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("no certificate in registry CA file " + pem);
      }
      return certs;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read registry CA file " + pem + ": " + e, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PEM certificate file: " + pem + ": " + e, e);
    }
  }
}
