package dev.countersign.verify.oci;

/** Where to look for evidence of an image digest. */
public enum EvidenceLocation {
  /** cosign's classic tag {@code sha256-<hex>.sig}. */
  SIGNATURE_TAG,
  /** cosign's classic tag {@code sha256-<hex>.att}. */
  ATTESTATION_TAG,
  /** OCI 1.1 referrers (the referrers API, or the {@code sha256-<hex>} referrers tag index). */
  REFERRERS
}
