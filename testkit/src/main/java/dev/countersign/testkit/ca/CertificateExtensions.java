package dev.countersign.testkit.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** Factories for the standard X.509 extensions the test CAs put into certificates. */
public final class CertificateExtensions {
  private CertificateExtensions() {}

  /** Critical basicConstraints; {@code pathLength} is ignored unless {@code ca}, null for none. */
  public static Extension basicConstraints(boolean ca, Integer pathLength) {
    BasicConstraints value =
        ca && pathLength != null ? new BasicConstraints(pathLength) : new BasicConstraints(ca);
    return create(Extension.basicConstraints, true, value);
  }

  /** Critical keyUsage with the given {@link KeyUsage} bits. */
  public static Extension keyUsage(int bits) {
    return create(Extension.keyUsage, true, new KeyUsage(bits));
  }

  /** extendedKeyUsage with the given purposes. */
  public static Extension extendedKeyUsage(boolean critical, KeyPurposeId... purposes) {
    return create(Extension.extendedKeyUsage, critical, new ExtendedKeyUsage(purposes));
  }

  /** subjectKeyIdentifier computed by RFC 5280 §4.2.1.2 method 1 (SHA-1 of the key bits). */
  public static Extension subjectKeyIdentifier(PublicKey key) {
    return create(Extension.subjectKeyIdentifier, false, utils().createSubjectKeyIdentifier(key));
  }

  /** authorityKeyIdentifier holding only the issuer's key identifier, as Fulcio writes it. */
  public static Extension authorityKeyIdentifier(PublicKey issuerKey) {
    return create(
        Extension.authorityKeyIdentifier, false, utils().createAuthorityKeyIdentifier(issuerKey));
  }

  /** subjectAltName with a single name. */
  public static Extension subjectAlternativeName(GeneralName name, boolean critical) {
    return create(Extension.subjectAlternativeName, critical, new GeneralNames(name));
  }

  /** An arbitrary extension whose value is the DER of {@code value}. */
  public static Extension create(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
    try {
      return Extension.create(oid, critical, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JcaX509ExtensionUtils utils() {
    try {
      return new JcaX509ExtensionUtils();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by the Java platform", e);
    }
  }
}
