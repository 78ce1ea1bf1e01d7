package dev.countersign.verify.internal.x509;

import dev.countersign.verify.policy.FulcioExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The identity a Fulcio certificate asserts: its subject alternative name, the OIDC issuer and the
 * Fulcio extensions. Read from a certificate whose chain has not necessarily been checked yet, so
 * callers must only act on it after chain validation.
 *
 * @param subjectAlternativeName the single SAN value (URI, email or Fulcio username)
 * @param sanType {@code uri}, {@code email} or {@code username}
 * @param issuer the OIDC issuer, empty if absent
 * @param extensions Fulcio extension values present in the certificate
 */
public record SignerIdentity(
    String subjectAlternativeName,
    String sanType,
    String issuer,
    Map<FulcioExtension, String> extensions) {
  private static final ASN1ObjectIdentifier ISSUER_V1 =
      new ASN1ObjectIdentifier(FulcioExtension.ISSUER_V1_OID);
  private static final ASN1ObjectIdentifier ISSUER_V2 =
      new ASN1ObjectIdentifier(FulcioExtension.ISSUER_V2_OID);
  private static final ASN1ObjectIdentifier OTHERNAME_SAN =
      new ASN1ObjectIdentifier(FulcioExtension.OTHERNAME_SAN_OID);

  public SignerIdentity {
    extensions = Map.copyOf(extensions);
  }

  /**
   * Reads the identity. A code-signing certificate must carry exactly one SAN of a supported type;
   * anything else is a malformed identity.
   */
  public static SignerIdentity read(ParsedCertificate cert) throws CertificateFormatException {
    try {
      return readUnchecked(cert);
    } catch (RuntimeException e) {
      // Bouncy Castle decodes strings lazily; malformed ones (bad UTF-8, wrong types) surface here.
      throw new CertificateFormatException("malformed identity fields: " + e.getMessage(), e);
    }
  }

  private static SignerIdentity readUnchecked(ParsedCertificate cert)
      throws CertificateFormatException {
    List<String[]> sans = subjectAlternativeNames(cert);
    if (sans.size() != 1) {
      throw new CertificateFormatException(
          "signing certificate must have exactly one subject alternative name, found "
              + sans.size());
    }
    Map<FulcioExtension, String> exts = new EnumMap<>(FulcioExtension.class);
    for (FulcioExtension e : FulcioExtension.values()) {
      extensionValue(cert, new ASN1ObjectIdentifier(e.oid()), e.rawValue())
          .ifPresent(v -> exts.put(e, v));
    }
    String issuer =
        extensionValue(cert, ISSUER_V2, false)
            .or(() -> extensionValueQuiet(cert, ISSUER_V1))
            .orElse("");
    return new SignerIdentity(sans.get(0)[1], sans.get(0)[0], issuer, exts);
  }

  private static List<String[]> subjectAlternativeNames(ParsedCertificate cert)
      throws CertificateFormatException {
    Optional<Extension> ext = cert.extension(Extension.subjectAlternativeName);
    List<String[]> out = new ArrayList<>();
    if (ext.isEmpty()) {
      return out;
    }
    GeneralNames names;
    try {
      names = GeneralNames.getInstance(ext.get().getParsedValue());
    } catch (RuntimeException e) {
      throw new CertificateFormatException("malformed subject alternative name extension", e);
    }
    for (GeneralName n : names.getNames()) {
      switch (n.getTagNo()) {
        case GeneralName.uniformResourceIdentifier:
          out.add(new String[] {"uri", ((ASN1String) n.getName()).getString()});
          break;
        case GeneralName.rfc822Name:
          out.add(new String[] {"email", ((ASN1String) n.getName()).getString()});
          break;
        case GeneralName.otherName:
          out.add(new String[] {"username", otherName(n.getName())});
          break;
        default:
          out.add(new String[] {"unsupported", n.toString()});
          break;
      }
    }
    for (String[] s : out) {
      if (s[0].equals("unsupported")) {
        throw new CertificateFormatException("unsupported subject alternative name " + s[1]);
      }
    }
    return out;
  }

  private static String otherName(ASN1Encodable value) throws CertificateFormatException {
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(value);
      ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(seq.getObjectAt(0));
      if (!OTHERNAME_SAN.equals(type)) {
        throw new CertificateFormatException("unsupported otherName SAN type " + type);
      }
      ASN1Primitive inner =
          ASN1TaggedObject.getInstance(seq.getObjectAt(1))
              .getExplicitBaseObject()
              .toASN1Primitive();
      return ((ASN1String) inner).getString();
    } catch (RuntimeException e) {
      throw new CertificateFormatException("malformed otherName SAN", e);
    }
  }

  private static Optional<String> extensionValueQuiet(
      ParsedCertificate cert, ASN1ObjectIdentifier oid) {
    try {
      return extensionValue(cert, oid, true);
    } catch (CertificateFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> extensionValue(
      ParsedCertificate cert, ASN1ObjectIdentifier oid, boolean raw)
      throws CertificateFormatException {
    Optional<Extension> ext = cert.extension(oid);
    if (ext.isEmpty()) {
      return Optional.empty();
    }
    byte[] octets = ext.get().getExtnValue().getOctets();
    if (raw) {
      return Optional.of(new String(octets, StandardCharsets.UTF_8));
    }
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(octets);
      if (p instanceof ASN1String) {
        return Optional.of(((ASN1String) p).getString());
      }
    } catch (java.io.IOException | RuntimeException e) {
      // fall through to the error below
    }
    throw new CertificateFormatException("extension " + oid + " is not a DER string");
  }
}
