package dev.countersign.verify.oci;

import java.util.Map;
import java.util.Optional;

/**
 * One piece of evidence found beside an image in a registry or layout, not yet verified.
 *
 * @param kind what it is
 * @param location where it was found, for reports (e.g. {@code registry/repo:sha256-ab12.sig layer
 *     0})
 * @param content the signed content: the simple-signing payload of a cosign signature, the DSSE
 *     envelope JSON of a cosign attestation, or the Sigstore bundle JSON
 * @param annotations the layer's annotations (cosign keeps signature, certificate, chain and Rekor
 *     bundle there)
 * @param predicateType the in-toto predicate type the manifest advertises, if any (not trusted:
 *     verification reads the signed statement)
 */
public record StoredEvidence(
    Kind kind,
    String location,
    byte[] content,
    Map<String, String> annotations,
    Optional<String> predicateType) {

  /** Kinds of stored evidence. */
  public enum Kind {
    /** A cosign simple-signing signature layer (classic {@code .sig} tag or referrer). */
    COSIGN_SIGNATURE,
    /** A cosign DSSE attestation layer (classic {@code .att} tag or referrer). */
    COSIGN_ATTESTATION,
    /** A Sigstore bundle stored as an OCI 1.1 referrer. */
    SIGSTORE_BUNDLE
  }

  public StoredEvidence {
    content = content.clone();
    annotations = Map.copyOf(annotations);
  }

  @Override
  public byte[] content() {
    return content.clone();
  }
}
