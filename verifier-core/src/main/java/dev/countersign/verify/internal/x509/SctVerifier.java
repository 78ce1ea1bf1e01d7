package dev.countersign.verify.internal.x509;

import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.crypto.KeyAlgorithm;
import dev.countersign.verify.internal.trust.LogAuthority;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Verifies the SCTs embedded in a signing certificate (RFC 6962 §3.3): each SCT signs the
 * precertificate entry, i.e. the certificate's TBS without the SCT list, bound to the issuer's key.
 */
public final class SctVerifier {
  static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");
  static final KeyPurposeId PRECERT_SIGNING =
      KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.4"));

  private SctVerifier() {}

  /** Outcome of SCT verification. */
  public enum Status {
    VERIFIED,
    MISSING,
    INVALID
  }

  /**
   * Result.
   *
   * @param status outcome
   * @param detail for people
   * @param logIdHex the CT log whose SCT verified (empty unless VERIFIED)
   * @param timestamp that SCT's time (null unless VERIFIED)
   */
  public record Result(Status status, String detail, String logIdHex, Instant timestamp) {}

  /**
   * @param leaf the signing certificate
   * @param path the validated path (leaf first), used to find the issuer whose key the SCT binds
   * @param ctLogs the trust root's CT logs
   */
  public static Result verify(
      ParsedCertificate leaf, List<ParsedCertificate> path, List<LogAuthority> ctLogs) {
    Optional<Extension> ext = leaf.extension(SCT_LIST);
    if (ext.isEmpty()) {
      return new Result(Status.MISSING, "the signing certificate has no embedded SCT", "", null);
    }
    List<SignedCertificateTimestamp> scts;
    byte[] signedPrefixTbs;
    try {
      byte[] tls =
          ASN1OctetString.getInstance(
                  ASN1Primitive.fromByteArray(ext.get().getExtnValue().getOctets()))
              .getOctets();
      scts = SignedCertificateTimestamp.parseList(tls);
      signedPrefixTbs = precertificateTbs(leaf);
    } catch (IOException | RuntimeException e) {
      return new Result(
          Status.INVALID, "the embedded SCT list is malformed: " + e.getMessage(), "", null);
    }
    ParsedCertificate issuer = issuerOf(path);
    if (issuer == null) {
      return new Result(Status.INVALID, "no issuer certificate to bind the SCT to", "", null);
    }
    byte[] issuerKeyHash = HashAlgorithm.SHA2_256.digest(issuer.spki());
    StringBuilder problems = new StringBuilder();
    for (SignedCertificateTimestamp sct : scts) {
      Instant when = Instant.ofEpochMilli(sct.timestamp());
      List<LogAuthority> logs =
          ctLogs.stream().filter(l -> l.hasId(sct.logId()) && l.validFor().contains(when)).toList();
      if (logs.isEmpty()) {
        appendProblem(
            problems,
            "SCT from CT log "
                + HexFormat.of().formatHex(sct.logId())
                + " which the trust root does not trust at "
                + when);
        continue;
      }
      byte[] signed = signedData(sct, issuerKeyHash, signedPrefixTbs);
      for (LogAuthority log : logs) {
        if (verifySignature(log, sct, signed)) {
          return new Result(
              Status.VERIFIED,
              "SCT from CT log " + log.baseUrl() + " verified",
              log.logIdHex(),
              when);
        }
      }
      appendProblem(
          problems, "SCT signature from CT log " + logs.get(0).baseUrl() + " does not verify");
    }
    return new Result(Status.INVALID, problems.toString(), "", null);
  }

  private static void appendProblem(StringBuilder sb, String p) {
    if (sb.length() > 0) {
      sb.append("; ");
    }
    sb.append(p);
  }

  private static ParsedCertificate issuerOf(List<ParsedCertificate> path) {
    if (path.size() < 2) {
      return null;
    }
    ParsedCertificate issuer = path.get(1);
    // A dedicated precertificate-signing certificate stands in for the real issuer (RFC 6962 3.1).
    if (issuer.extendedKeyUsages().contains(PRECERT_SIGNING)) {
      return path.size() > 2 ? path.get(2) : null;
    }
    return issuer;
  }

  private static boolean verifySignature(
      LogAuthority log, SignedCertificateTimestamp sct, byte[] signed) {
    HashAlgorithm hash;
    switch (sct.hashAlgorithm()) {
      case 4:
        hash = HashAlgorithm.SHA2_256;
        break;
      case 5:
        hash = HashAlgorithm.SHA2_384;
        break;
      case 6:
        hash = HashAlgorithm.SHA2_512;
        break;
      default:
        return false;
    }
    KeyAlgorithm ka = log.key().algorithm();
    boolean algMatches =
        (sct.signatureAlgorithm() == 3 && ka.isEcdsa())
            || (sct.signatureAlgorithm() == 1 && ka == KeyAlgorithm.RSA)
            || (sct.signatureAlgorithm() == 7 && ka == KeyAlgorithm.ED25519);
    return algMatches && log.key().verifyMessage(signed, hash, sct.signature());
  }

  /** The digitally-signed struct of RFC 6962 §3.2 for a precert entry. */
  private static byte[] signedData(
      SignedCertificateTimestamp sct, byte[] issuerKeyHash, byte[] tbs) {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(tbs.length + 64 + sct.extensions().length);
    out.write(0); // sct_version v1
    out.write(0); // signature_type certificate_timestamp
    for (int i = 7; i >= 0; i--) {
      out.write((int) (sct.timestamp() >>> (8 * i)));
    }
    out.write(0); // entry_type precert_entry (1), big-endian u16
    out.write(1);
    out.writeBytes(issuerKeyHash);
    out.write(tbs.length >>> 16);
    out.write(tbs.length >>> 8);
    out.write(tbs.length);
    out.writeBytes(tbs);
    out.write(sct.extensions().length >>> 8);
    out.write(sct.extensions().length);
    out.writeBytes(sct.extensions());
    return out.toByteArray();
  }

  /** The leaf's TBSCertificate re-encoded without the SCT list extension. */
  static byte[] precertificateTbs(ParsedCertificate leaf) throws IOException {
    ASN1Sequence tbs = ASN1Sequence.getInstance(leaf.asn1().getTBSCertificate().toASN1Primitive());
    ASN1EncodableVector rebuilt = new ASN1EncodableVector();
    for (int i = 0; i < tbs.size(); i++) {
      var element = tbs.getObjectAt(i);
      if (element instanceof ASN1TaggedObject && ((ASN1TaggedObject) element).getTagNo() == 3) {
        Extensions exts =
            Extensions.getInstance(((ASN1TaggedObject) element).getExplicitBaseObject());
        ASN1EncodableVector kept = new ASN1EncodableVector();
        for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
          if (!SCT_LIST.equals(oid)) {
            kept.add(exts.getExtension(oid));
          }
        }
        rebuilt.add(new DERTaggedObject(true, 3, new DERSequence(kept)));
      } else {
        rebuilt.add(element);
      }
    }
    return new DERSequence(rebuilt).getEncoded("DER");
  }
}
