package dev.countersign.testkit.encoding;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * PEM (RFC 7468) encoding in the exact layout Sigstore clients put into Rekor entries: 64-character
 * lines, LF line endings and a trailing newline.
 */
public final class Pem {
  private Pem() {}

  /** Encodes {@code der} under the given label, for example {@code CERTIFICATE}. */
  public static String encode(String label, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
  }

  /** A {@code CERTIFICATE} block. */
  public static String certificate(X509Certificate certificate) {
    try {
      return encode("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("certificate cannot be encoded", e);
    }
  }

  /** A {@code PUBLIC KEY} block holding the DER SubjectPublicKeyInfo. */
  public static String publicKey(PublicKey key) {
    return encode("PUBLIC KEY", key.getEncoded());
  }
}
