package dev.countersign.verify.internal.x509;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An RFC 6962 v1 SignedCertificateTimestamp as embedded in a certificate.
 *
 * @param logId the CT log id (SHA-256 of its key)
 * @param timestamp milliseconds since the epoch
 * @param extensions the SCT extensions (covered by the signature)
 * @param hashAlgorithm TLS HashAlgorithm code (4 = sha256)
 * @param signatureAlgorithm TLS SignatureAlgorithm code (1 = rsa, 3 = ecdsa, 7 = ed25519)
 * @param signature the signature bytes
 */
record SignedCertificateTimestamp(
    byte[] logId,
    long timestamp,
    byte[] extensions,
    int hashAlgorithm,
    int signatureAlgorithm,
    byte[] signature) {

  /** Parses a TLS-encoded SignedCertificateTimestampList. */
  static List<SignedCertificateTimestamp> parseList(byte[] tls) {
    ByteBuffer in = ByteBuffer.wrap(tls);
    int total = u16(in);
    if (total != in.remaining()) {
      throw new IllegalArgumentException("SCT list length does not match its contents");
    }
    List<SignedCertificateTimestamp> out = new ArrayList<>();
    while (in.hasRemaining()) {
      int len = u16(in);
      if (len > in.remaining()) {
        throw new IllegalArgumentException("SCT runs past the list");
      }
      byte[] sct = new byte[len];
      in.get(sct);
      out.add(parse(sct));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("SCT list is empty");
    }
    return out;
  }

  private static SignedCertificateTimestamp parse(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int version = u8(in);
    if (version != 0) {
      throw new IllegalArgumentException("unsupported SCT version " + version);
    }
    byte[] logId = take(in, 32);
    long timestamp = in.getLong();
    byte[] ext = take(in, u16(in));
    int hash = u8(in);
    int sigAlg = u8(in);
    byte[] sig = take(in, u16(in));
    if (in.hasRemaining()) {
      throw new IllegalArgumentException("trailing bytes after SCT");
    }
    return new SignedCertificateTimestamp(logId, timestamp, ext, hash, sigAlg, sig);
  }

  private static int u8(ByteBuffer in) {
    return in.get() & 0xff;
  }

  private static int u16(ByteBuffer in) {
    return in.getShort() & 0xffff;
  }

  private static byte[] take(ByteBuffer in, int n) {
    if (n > in.remaining()) {
      throw new IllegalArgumentException("truncated SCT");
    }
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedCertificateTimestamp
        && Arrays.equals(((SignedCertificateTimestamp) o).signature, signature);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(signature);
  }
}
