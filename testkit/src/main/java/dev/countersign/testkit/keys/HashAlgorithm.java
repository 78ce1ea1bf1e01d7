package dev.countersign.testkit.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;

/** The SHA-2 digests Sigstore uses, with the names each format spells them by. */
public enum HashAlgorithm {
  SHA2_256("SHA-256", "SHA256", "sha256", NISTObjectIdentifiers.id_sha256, 4),
  SHA2_384("SHA-384", "SHA384", "sha384", NISTObjectIdentifiers.id_sha384, 5),
  SHA2_512("SHA-512", "SHA512", "sha512", NISTObjectIdentifiers.id_sha512, 6);

  private final String jcaName;
  private final String signaturePrefix;
  private final String rekorName;
  private final ASN1ObjectIdentifier oid;
  private final int tlsCode;

  HashAlgorithm(
      String jcaName,
      String signaturePrefix,
      String rekorName,
      ASN1ObjectIdentifier oid,
      int tlsCode) {
    this.jcaName = jcaName;
    this.signaturePrefix = signaturePrefix;
    this.rekorName = rekorName;
    this.oid = oid;
    this.tlsCode = tlsCode;
  }

  /** The JCA {@link MessageDigest} name, e.g. {@code SHA-256}. */
  public String jcaName() {
    return jcaName;
  }

  /** The prefix of JCA signature names, e.g. {@code SHA256} in {@code SHA256withECDSA}. */
  public String signaturePrefix() {
    return signaturePrefix;
  }

  /** The name in Rekor v1 entry bodies, e.g. {@code sha256}. */
  public String rekorName() {
    return rekorName;
  }

  /** The protobuf-specs {@code HashAlgorithm} enum name, e.g. {@code SHA2_256}. */
  public String protoName() {
    return name();
  }

  /** The algorithm's ASN.1 object identifier. */
  public ASN1ObjectIdentifier oid() {
    return oid;
  }

  /** The TLS {@code HashAlgorithm} code (RFC 5246 §7.4.1.4.1) used in SCTs. */
  public int tlsCode() {
    return tlsCode;
  }

  /** Digests {@code data}. */
  public byte[] digest(byte[] data) {
    try {
      return MessageDigest.getInstance(jcaName).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaName + " is required by the Java platform", e);
    }
  }
}
