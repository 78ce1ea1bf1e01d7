package dev.countersign.report.aws.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * CloudTrail's digest keys: ListPublicKeys returns DER {@code RSAPublicKey} (PKCS#1), and the
 * fingerprint in digest files is the hex MD5 of exactly those bytes.
 */
public final class RsaKeys {
  private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private RsaKeys() {}

  /** A PKCS#1 DER key as a JCA key. */
  public static PublicKey fromPkcs1(byte[] pkcs1) throws GeneralSecurityException {
    // SubjectPublicKeyInfo ::= SEQUENCE { algorithm rsaEncryption, BIT STRING { RSAPublicKey } }
    byte[] bitString = concat(new byte[] {0x00}, pkcs1);
    byte[] spki = tlv(0x30, concat(RSA_ALGORITHM_IDENTIFIER, tlv(0x03, bitString)));
    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
    // Re-encoding must give back the same bytes, or the fingerprint would name another key.
    if (!MessageDigest.isEqual(toPkcs1((RSAPublicKey) key), pkcs1)) {
      throw new GeneralSecurityException("not a DER-encoded PKCS#1 RSA public key");
    }
    return key;
  }

  /** An X.509 SubjectPublicKeyInfo (PEM "PUBLIC KEY") as a JCA key. */
  public static RSAPublicKey fromSpki(byte[] spki) throws GeneralSecurityException {
    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
    if (!(key instanceof RSAPublicKey)) {
      throw new GeneralSecurityException("not an RSA key");
    }
    return (RSAPublicKey) key;
  }

  public static RSAPublicKey fromComponents(BigInteger modulus, BigInteger exponent)
      throws GeneralSecurityException {
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
  }

  /** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }, DER. */
  public static byte[] toPkcs1(RSAPublicKey key) {
    return tlv(
        0x30,
        concat(
            tlv(0x02, key.getModulus().toByteArray()),
            tlv(0x02, key.getPublicExponent().toByteArray())));
  }

  /** CloudTrail's fingerprint: hex MD5 of the PKCS#1 DER bytes. */
  public static String fingerprint(byte[] pkcs1) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(pkcs1));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((n >>> (8 * i)) & 0xff);
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
