package dev.countersign.verify.verdict;

/**
 * The catalogue of reasons a check can give. A code never changes meaning once released: the same
 * code appears in CLI JSON, admission messages, metric labels and audit packets, so consumers may
 * match on it. New codes may be added.
 */
public enum ReasonCode {
  /** The check passed. */
  OK("the check passed"),

  // --- evidence shape ---
  EVIDENCE_MALFORMED("the evidence (bundle, envelope, statement, entry) could not be parsed"),
  BUNDLE_VERSION_UNSUPPORTED("the bundle media type or version is not supported"),

  // --- artifact binding and signatures ---
  ARTIFACT_DIGEST_MISMATCH("the artifact does not match the digest that was signed"),
  SUBJECT_DIGEST_MISMATCH("no attestation subject matches the artifact or image digest"),
  SIGNATURE_INVALID("the signature does not verify with the signing key"),
  KEY_MISMATCH("the signing key is not the expected key"),
  KEY_UNSUPPORTED("the key type or algorithm is not supported"),

  // --- certificates and identity ---
  CERTIFICATE_MISSING("the evidence carries no signing certificate, so no identity can be shown"),
  CERT_CHAIN_INVALID("the signing certificate does not chain to a trusted certificate authority"),
  CERT_NOT_VALID_AT_SIGNING_TIME(
      "the signing certificate was not valid at the verified signing time"),
  SCT_MISSING("the signing certificate carries no signed certificate timestamp"),
  SCT_INVALID("no signed certificate timestamp verifies against a trusted CT log"),
  IDENTITY_MISMATCH("the certificate identity (SAN, issuer or extensions) is not the expected one"),

  // --- transparency log ---
  TLOG_ENTRY_MISSING("the evidence has no transparency log entry"),
  TLOG_ENTRY_INVALID("the transparency log entry is malformed or of an unsupported kind"),
  TLOG_ENTRY_MISMATCH("the transparency log entry does not match the signature, key or artifact"),
  TLOG_UNTRUSTED("the transparency log is not in the trust root, or its key was not valid then"),
  TLOG_SET_INVALID("the signed entry timestamp (inclusion promise) does not verify"),
  TLOG_INCLUSION_PROOF_INVALID("the inclusion proof does not lead to the checkpoint's root hash"),
  TLOG_CHECKPOINT_INVALID("the checkpoint is malformed or not signed by the log"),

  // --- time ---
  TIMESTAMP_INVALID("an RFC 3161 timestamp does not verify against a trusted timestamp authority"),
  TIMESTAMP_MISSING("no verified signing time (log integration time or RFC 3161 timestamp)"),
  SIGNING_TIME_IN_FUTURE("a verified signing time lies in the future"),

  // --- images and registries ---
  TAG_NOT_DIGEST(
      "the image is referenced by tag; it was resolved to a digest and verified by digest"),
  IMAGE_NOT_FOUND("the image (or the content named) does not exist in the registry"),
  NO_SIGNATURE_FOUND("no signature, attestation or bundle was found for the image"),
  IMAGE_DIGEST_MISMATCH("the signed payload names another image digest"),
  MANIFEST_MALFORMED("the registry served a manifest or index that cannot be parsed"),
  CONTENT_TOO_LARGE("a manifest or blob is larger than the configured limit"),
  CONTENT_DIGEST_MISMATCH("content served by the registry does not match its digest"),
  REGISTRY_UNAVAILABLE("the registry cannot be reached"),
  REGISTRY_TIMEOUT("the registry did not answer within the timeout"),
  REGISTRY_AUTH("the registry refused the credentials (401)"),
  REGISTRY_FORBIDDEN("the credentials may not read the repository (403)"),
  REGISTRY_RATE_LIMITED("the registry rate-limited the requests (429), still after retries"),
  REGISTRY_SERVER_ERROR("the registry answered with a server error, still after retries"),

  // --- attestations: provenance ---
  PREDICATE_MISSING("no verified attestation of the required predicate type was found"),
  BUILDER_ID_MISMATCH("the provenance names another builder than the expected one"),
  BUILDER_UNTRUSTED("the builder (or the workflow that signed) is not a trusted builder"),
  SOURCE_MISMATCH("the provenance names another source repository"),
  SOURCE_BRANCH_MISMATCH("the provenance names another source branch"),
  SOURCE_TAG_MISMATCH("the provenance names another source tag"),
  BUILD_TYPE_MISMATCH("the provenance names another build type"),
  PROVENANCE_INCONSISTENT("the provenance contradicts the certificate that signed it"),
  SLSA_LEVEL_INSUFFICIENT("the evidence supports a lower SLSA build level than required"),

  // --- attestations: SBOM and vulnerabilities ---
  SBOM_MISSING("no verified SBOM attestation was found"),
  SBOM_INVALID("the SBOM does not validate against its format's schema"),
  SBOM_POLICY_VIOLATION("the SBOM breaks the SBOM policy"),
  SBOM_DENIED_COMPONENT("the SBOM lists a denied component (package URL and version)"),
  SBOM_DENIED_LICENSE("the SBOM lists a component under a denied licence"),
  SBOM_SUBJECT_MISMATCH("the SBOM describes another artifact than the one verified"),
  SBOM_TOO_OLD("the SBOM is older than the policy allows"),
  VULNERABILITY_UNMITIGATED(
      "a vulnerability at or above the denied severity has no VEX statement mitigating it"),

  // --- policy ---
  NO_MATCHING_POLICY("no policy applies to the image"),
  POLICY_WARNING("a policy in warn or audit mode failed; admitted with a warning"),

  // --- trust root ---
  TRUST_ROOT_UNKNOWN("the named trust root is not configured"),
  TRUST_ROOT_EXPIRED("the trust root or its metadata has expired"),

  // --- admission ---
  DEADLINE_EXCEEDED(
      "verification did not finish within the admission deadline, so the request was denied"),
  ADMISSION_OVERLOADED(
      "the webhook was saturated and shed the request with a denial instead of timing out"),
  ADMISSION_REQUEST_MALFORMED("the admission request could not be read"),

  // --- could not evaluate ---
  INPUT_UNREADABLE("an input (artifact, bundle, key) could not be read"),
  NO_CHECKS_EVALUATED("no check was evaluated, so nothing was verified"),
  INTERNAL_ERROR("an unexpected error stopped the evaluation");

  private final String description;

  ReasonCode(String description) {
    this.description = description;
  }

  /**
   * The broader class a code belongs to, for consumers that group failures (dashboards, alerts):
   * every registry fault that makes the registry unusable is in {@link #REGISTRY_UNAVAILABLE}, both
   * credential refusals in {@link #REGISTRY_AUTH}, every SBOM gate in {@link
   * #SBOM_POLICY_VIOLATION}. Other codes are their own category.
   */
  public ReasonCode category() {
    switch (this) {
      case REGISTRY_TIMEOUT:
      case REGISTRY_RATE_LIMITED:
      case REGISTRY_SERVER_ERROR:
        return REGISTRY_UNAVAILABLE;
      case REGISTRY_FORBIDDEN:
        return REGISTRY_AUTH;
      case SBOM_DENIED_COMPONENT:
      case SBOM_DENIED_LICENSE:
      case SBOM_SUBJECT_MISMATCH:
      case SBOM_TOO_OLD:
      case VULNERABILITY_UNMITIGATED:
        return SBOM_POLICY_VIOLATION;
      case SOURCE_BRANCH_MISMATCH:
      case SOURCE_TAG_MISMATCH:
        return SOURCE_MISMATCH;
      default:
        return this;
    }
  }

  /** One sentence saying what the code means, for people. */
  public String description() {
    return description;
  }
}
