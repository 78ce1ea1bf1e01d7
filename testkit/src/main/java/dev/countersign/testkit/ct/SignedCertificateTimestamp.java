package dev.countersign.testkit.ct;

import dev.countersign.testkit.encoding.Bytes;
import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * A v1 signed certificate timestamp (RFC 6962 §3.2) with its signature in TLS {@code
 * DigitallySigned} form.
 *
 * @param version SCT version, 0 for v1
 * @param logId SHA-256 of the log's DER public key
 * @param timestampMillis milliseconds since the epoch
 * @param extensions opaque CT extensions, usually empty
 * @param hashAlgorithm TLS hash code (4 = SHA-256)
 * @param signatureAlgorithm TLS signature code (1 = RSA, 3 = ECDSA)
 * @param signature the DER signature
 */
public record SignedCertificateTimestamp(
    int version,
    Bytes logId,
    long timestampMillis,
    Bytes extensions,
    int hashAlgorithm,
    int signatureAlgorithm,
    Bytes signature) {

  /** The timestamp as an instant. */
  public Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  /** The TLS encoding of the SCT, as it appears inside a SignedCertificateTimestampList. */
  public byte[] toTls() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(version);
    out.writeBytes(logId.toByteArray());
    Tls.writeUint(out, timestampMillis, 8);
    Tls.writeUint(out, extensions.length(), 2);
    out.writeBytes(extensions.toByteArray());
    out.write(hashAlgorithm);
    out.write(signatureAlgorithm);
    Tls.writeUint(out, signature.length(), 2);
    out.writeBytes(signature.toByteArray());
    return out.toByteArray();
  }

  /** A copy with a different signature, for tampered variants. */
  public SignedCertificateTimestamp withSignature(Bytes newSignature) {
    return new SignedCertificateTimestamp(
        version,
        logId,
        timestampMillis,
        extensions,
        hashAlgorithm,
        signatureAlgorithm,
        newSignature);
  }
}
