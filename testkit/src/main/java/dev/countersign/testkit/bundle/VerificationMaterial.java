package dev.countersign.testkit.bundle;

import dev.countersign.testkit.encoding.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A bundle's {@code verificationMaterial}. Exactly one of the three key forms is normally set;
 * leaving all null (or setting several) writes the bundle that way, for negative tests.
 *
 * @param certificateChain DER certificates for {@code x509CertificateChain} (v0.1, v0.2), or null
 * @param certificate the DER leaf for {@code certificate} (v0.3), or null
 * @param publicKeyHint the hint for {@code publicKey}, or null
 * @param tlogEntries the transparency-log entries
 * @param rfc3161Timestamps DER TimeStampResp values; {@code timestampVerificationData} is omitted
 *     when empty
 */
public record VerificationMaterial(
    List<Bytes> certificateChain,
    Bytes certificate,
    String publicKeyHint,
    List<TlogEntry> tlogEntries,
    List<Bytes> rfc3161Timestamps) {

  public VerificationMaterial {
    certificateChain = certificateChain == null ? null : List.copyOf(certificateChain);
    tlogEntries = List.copyOf(tlogEntries);
    rfc3161Timestamps = List.copyOf(rfc3161Timestamps);
  }

  /** Material naming a certificate chain. */
  public static VerificationMaterial ofChain(List<Bytes> chain) {
    return new VerificationMaterial(chain, null, null, List.of(), List.of());
  }

  /** Material naming a single leaf certificate. */
  public static VerificationMaterial ofCertificate(Bytes leaf) {
    return new VerificationMaterial(null, leaf, null, List.of(), List.of());
  }

  /** Material naming a public key by hint. */
  public static VerificationMaterial ofPublicKey(String hint) {
    return new VerificationMaterial(null, null, hint, List.of(), List.of());
  }

  /** A copy with these tlog entries. */
  public VerificationMaterial withTlogEntries(List<TlogEntry> entries) {
    return new VerificationMaterial(
        certificateChain, certificate, publicKeyHint, entries, rfc3161Timestamps);
  }

  /** A copy with the entry at {@code index} transformed. */
  public VerificationMaterial withTlogEntry(int index, UnaryOperator<TlogEntry> change) {
    List<TlogEntry> changed = new ArrayList<>(tlogEntries);
    changed.set(index, change.apply(changed.get(index)));
    return withTlogEntries(changed);
  }

  /** A copy with these RFC 3161 timestamps. */
  public VerificationMaterial withRfc3161Timestamps(List<Bytes> timestamps) {
    return new VerificationMaterial(
        certificateChain, certificate, publicKeyHint, tlogEntries, timestamps);
  }

  /** A copy naming a certificate chain instead of any other key form. */
  public VerificationMaterial withCertificateChain(List<Bytes> chain) {
    return new VerificationMaterial(chain, null, null, tlogEntries, rfc3161Timestamps);
  }

  /** A copy naming a single certificate instead of any other key form. */
  public VerificationMaterial withCertificate(Bytes leaf) {
    return new VerificationMaterial(null, leaf, null, tlogEntries, rfc3161Timestamps);
  }

  /** A copy naming a public-key hint instead of any other key form. */
  public VerificationMaterial withPublicKeyHint(String hint) {
    return new VerificationMaterial(null, null, hint, tlogEntries, rfc3161Timestamps);
  }
}
