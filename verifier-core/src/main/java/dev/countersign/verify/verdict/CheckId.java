package dev.countersign.verify.verdict;

/**
 * The catalogue of checks. The string form ({@link #id()}) is stable and appears in verdict JSON.
 */
public enum CheckId {
  IMAGE_RESOLVE("image.resolve"),
  EVIDENCE_DISCOVERY("evidence.discovery"),
  IMAGE_SIGNATURE("image.signature"),
  BUNDLE_FORMAT("bundle.format"),
  TRUST_ROOT("trust-root"),
  ARTIFACT_DIGEST("artifact.digest"),
  PAYLOAD_SUBJECT("payload.subject"),
  SIGNATURE("signature"),
  SIGNING_KEY("signing-key"),
  TLOG_ENTRY("tlog.entry"),
  TLOG_BODY("tlog.body"),
  TLOG_SET("tlog.set"),
  TLOG_INCLUSION("tlog.inclusion"),
  RFC3161_TIMESTAMP("timestamp.rfc3161"),
  SIGNING_TIME("signing-time"),
  CERTIFICATE_CHAIN("certificate.chain"),
  CERTIFICATE_SCT("certificate.sct"),
  IDENTITY("identity"),
  /** The signed statement is of the predicate type an attestation requirement names. */
  PREDICATE_TYPE("predicate.type"),
  /** SLSA provenance expectations (builder, source, ref, build type, level). */
  PROVENANCE("provenance"),
  /** SBOM validity and gates (components, licences, vulnerabilities, age, subject). */
  SBOM("sbom"),
  /** One attestation requirement of a policy, summarised. */
  ATTESTATION("attestation"),
  /** Which policies apply to the image. */
  POLICY("policy"),
  EVALUATION("evaluation");

  private final String id;

  CheckId(String id) {
    this.id = id;
  }

  /** The stable identifier used in JSON. */
  public String id() {
    return id;
  }

  /** Parses the stable identifier. */
  public static CheckId fromId(String id) {
    for (CheckId c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown check id: " + id);
  }
}
