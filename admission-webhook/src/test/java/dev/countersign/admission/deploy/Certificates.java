package dev.countersign.admission.deploy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/** PEM certificates and keys as the webhook's TLS Secret and caBundle carry them. */
final class Certificates {
  private Certificates() {}

  static X509Certificate parse(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new AssertionError("not a PEM certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Base64 as Kubernetes carries bytes ({@code caBundle}, Secret data); line breaks, as a YAML
   * block scalar leaves them, are ignored as the API server ignores them.
   */
  static String decodeBase64(String value) {
    return new String(
        Base64.getMimeDecoder().decode(value.replaceAll("\\s", "")), StandardCharsets.UTF_8);
  }

  /** DNS names of the certificate's subjectAltName. */
  static List<String> dnsNames(X509Certificate cert) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (((Integer) san.get(0)) == 2) {
            names.add((String) san.get(1));
          }
        }
      }
    } catch (GeneralSecurityException e) {
      throw new AssertionError("unreadable subjectAltName: " + e.getMessage(), e);
    }
    return names;
  }

  /** An unencrypted PKCS#8 private key ({@code openssl genpkey} output). */
  static PrivateKey privateKey(String pem, String algorithm) {
    String body =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance(algorithm)
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new AssertionError("not a PKCS#8 " + algorithm + " private key: " + e.getMessage(), e);
    }
  }

  /** Whether {@code cert} was signed by {@code issuer}'s key. */
  static boolean issuedBy(X509Certificate cert, X509Certificate issuer) {
    try {
      cert.verify(issuer.getPublicKey());
      return cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
