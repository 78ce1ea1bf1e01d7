package dev.countersign.testkit.oci.cosign;

/** The Rekor v1 entry kind that logs a cosign attestation; cosign versions differ. */
public enum AttestationLogKind {
  /** {@code intoto 0.0.1}: hashes of the envelope as submitted and of its payload. */
  INTOTO_V001,
  /** {@code intoto 0.0.2}: the envelope without payload, signatures and verifiers. */
  INTOTO_V002,
  /** {@code dsse 0.0.1}. */
  DSSE_V001
}
