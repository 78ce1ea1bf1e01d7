package dev.countersign.verify.internal.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;

/** The hash functions Sigstore evidence uses, with their names in each format. */
public enum HashAlgorithm {
  SHA2_256("SHA-256", "sha256", 32, NISTObjectIdentifiers.id_sha256),
  SHA2_384("SHA-384", "sha384", 48, NISTObjectIdentifiers.id_sha384),
  SHA2_512("SHA-512", "sha512", 64, NISTObjectIdentifiers.id_sha512);

  private final String jcaName;
  private final String shortName;
  private final int length;
  private final ASN1ObjectIdentifier oid;

  HashAlgorithm(String jcaName, String shortName, int length, ASN1ObjectIdentifier oid) {
    this.jcaName = jcaName;
    this.shortName = shortName;
    this.length = length;
    this.oid = oid;
  }

  /** The lower-case name used in digests such as {@code sha256:abcd} and in-toto subjects. */
  public String shortName() {
    return shortName;
  }

  /** Digest length in bytes. */
  public int length() {
    return length;
  }

  public ASN1ObjectIdentifier oid() {
    return oid;
  }

  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + jcaName, e);
    }
  }

  public byte[] digest(byte[] data) {
    return newDigest().digest(data);
  }

  /** Protobuf enum names ({@code SHA2_256}), short names ({@code sha256}) and JCA names. */
  public static Optional<HashAlgorithm> fromName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    switch (n) {
      case "sha2256":
      case "sha256":
        return Optional.of(SHA2_256);
      case "sha2384":
      case "sha384":
        return Optional.of(SHA2_384);
      case "sha2512":
      case "sha512":
        return Optional.of(SHA2_512);
      default:
        return Optional.empty();
    }
  }

  public static Optional<HashAlgorithm> fromOid(ASN1ObjectIdentifier oid) {
    for (HashAlgorithm h : values()) {
      if (h.oid.equals(oid)) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }
}
