package dev.countersign.testkit.ct;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;

/** The embedded-SCT certificate extension (RFC 6962 §3.3). */
public final class SctList {
  /** The extension's object identifier. */
  public static final ASN1ObjectIdentifier OID =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");

  private SctList() {}

  /** The TLS {@code SignedCertificateTimestampList}: a u16 total length, then u16-prefixed SCTs. */
  public static byte[] encodeList(List<SignedCertificateTimestamp> scts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (SignedCertificateTimestamp sct : scts) {
      byte[] tls = sct.toTls();
      Tls.writeUint(body, tls.length, 2);
      body.writeBytes(tls);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tls.writeUint(out, body.size(), 2);
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /**
   * The non-critical extension carrying {@code scts}; its value is a DER OCTET STRING wrapping the
   * TLS list, inside the extension's own OCTET STRING.
   */
  public static Extension extension(List<SignedCertificateTimestamp> scts) {
    try {
      byte[] wrapped = new DEROctetString(encodeList(scts)).getEncoded(ASN1Encoding.DER);
      return new Extension(OID, false, wrapped);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
