package dev.countersign.testkit.ct;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.HashAlgorithm;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * A Certificate Transparency log that signs precertificate SCTs (RFC 6962 §3.2) for certificates
 * the test CA issues. It keeps no tree: embedded SCTs only promise inclusion.
 */
public final class TestCtLog {
  private static final int SIGNATURE_TYPE_CERTIFICATE_TIMESTAMP = 0;
  private static final int ENTRY_TYPE_PRECERT = 1;
  private static final int TLS_RSA = 1;
  private static final int TLS_ECDSA = 3;

  private final String baseUrl;
  private final TestKeyPair key;

  private TestCtLog(String baseUrl, TestKeyPair key) {
    if (key.algorithm().isEd25519()) {
      throw new IllegalArgumentException("RFC 6962 logs sign with ECDSA or RSA");
    }
    this.baseUrl = baseUrl;
    this.key = key;
  }

  /** A log with a fresh P-256 key. */
  public static TestCtLog create(String baseUrl) {
    return create(baseUrl, KeyAlgorithm.ECDSA_P256);
  }

  /** A log with a fresh key of the given (ECDSA or RSA) algorithm. */
  public static TestCtLog create(String baseUrl, KeyAlgorithm algorithm) {
    return new TestCtLog(baseUrl, TestKeyPair.generate(algorithm));
  }

  /** A log using an existing key. */
  public static TestCtLog withKey(String baseUrl, TestKeyPair key) {
    return new TestCtLog(baseUrl, key);
  }

  /** The URL a trust root lists for this log. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The log's signing key. */
  public TestKeyPair key() {
    return key;
  }

  /** The RFC 6962 log ID: SHA-256 of the DER SubjectPublicKeyInfo. */
  public Bytes logId() {
    return Bytes.of(HashAlgorithm.SHA2_256.digest(key.spki().toByteArray()));
  }

  /**
   * Signs a precertificate SCT.
   *
   * @param issuerSpki DER SubjectPublicKeyInfo of the certificate's issuer
   * @param tbsWithoutSct the final certificate's DER TBSCertificate, without the SCT extension
   * @param timestamp the SCT time (kept to the millisecond)
   * @param extensions CT extensions to include and sign, usually empty
   */
  public SignedCertificateTimestamp signPrecertificate(
      Bytes issuerSpki, byte[] tbsWithoutSct, Instant timestamp, Bytes extensions) {
    long millis = timestamp.toEpochMilli();
    HashAlgorithm hash = key.algorithm().hashAlgorithm();
    byte[] signature = key.sign(signedData(issuerSpki, tbsWithoutSct, millis, extensions), hash);
    return new SignedCertificateTimestamp(
        0,
        logId(),
        millis,
        extensions,
        hash.tlsCode(),
        key.algorithm().isRsa() ? TLS_RSA : TLS_ECDSA,
        Bytes.of(signature));
  }

  private static byte[] signedData(
      Bytes issuerSpki, byte[] tbs, long timestampMillis, Bytes extensions) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0); // sct_version v1
    out.write(SIGNATURE_TYPE_CERTIFICATE_TIMESTAMP);
    Tls.writeUint(out, timestampMillis, 8);
    Tls.writeUint(out, ENTRY_TYPE_PRECERT, 2);
    out.writeBytes(HashAlgorithm.SHA2_256.digest(issuerSpki.toByteArray()));
    Tls.writeUint(out, tbs.length, 3);
    out.writeBytes(tbs);
    Tls.writeUint(out, extensions.length(), 2);
    out.writeBytes(extensions.toByteArray());
    return out.toByteArray();
  }
}
