package dev.countersign.report.packet;

/**
 * What a coverage gap is. A stable catalogue: a kind never changes meaning once released, and the
 * packet's JSON, HTML and OSCAL name gaps by it.
 */
public enum GapKind {
  /** A running image whose policy decision is not ALLOW (denied, or only allowed with warnings). */
  RUNNING_WITHOUT_PASSING_VERDICT(
      "running image without a passing verdict", "image.signature.verdicts"),
  /** An image whose verification could not be completed (registry unreachable, timeout). */
  IMAGE_NOT_EVALUATED("image could not be evaluated", "image.signature.verdicts"),
  /** A running container whose runtime reported no registry digest: what runs cannot be named. */
  DIGEST_UNRESOLVED("running container without a registry digest", "inventory.running"),
  /** An image push (PutImage) by a principal that matches none of the CI principal patterns. */
  PUSH_BY_NON_CI_PRINCIPAL("push by a principal other than CI", "cloudtrail.push.events"),
  /** An ECR repository whose tags can be moved to other content. */
  MUTABLE_TAGS("repository with mutable tags", "ecr.repository.settings"),
  /** A running pod's image with no admission record for its digest in the window. */
  ADMISSION_RECORD_MISSING("running image with no admission record", "admission.decisions"),
  /**
   * An admission record that let an image in without a verified decision: no policy evaluated, a
   * policy could not be evaluated, or no policy matched and the webhook allowed it anyway.
   */
  ADMITTED_WITHOUT_VERIFICATION("admitted without a verified decision", "admission.decisions"),
  /** A period inside the window longer than the allowed silence with no admission record at all. */
  ADMISSION_RECORDS_ABSENT("period without admission records", "admission.decisions"),
  /** The decision log's hash chain or signatures do not verify: records were changed or removed. */
  DECISION_LOG_TAMPERED("decision log chain broken", "admission.decisions"),
  /** The cluster's webhook configurations hold no Countersign webhook: nothing verifies images. */
  WEBHOOK_NOT_CONFIGURED("admission webhook not configured", "admission.configuration"),
  /** A webhook configuration of the admission webhook lets requests through when it fails. */
  WEBHOOK_FAILS_OPEN("admission webhook fails open", "admission.configuration"),
  /** A vulnerability finding still open after the remediation SLA. */
  FINDING_PAST_SLA("finding open longer than the SLA", "ecr.scan.findings"),
  /**
   * CloudTrail log file integrity validation found a problem (changed, missing, unsigned files).
   */
  CLOUDTRAIL_INTEGRITY("CloudTrail log integrity problem", "cloudtrail.integrity"),
  /** Part of an input that was asked for could not be collected (access denied, throttled). */
  COLLECTION_INCOMPLETE("evidence could not be collected completely", "coverage.gaps"),
  /** A kind of evidence was not given to the packet at all, so nothing shows it either way. */
  EVIDENCE_NOT_PROVIDED("evidence not provided", "coverage.gaps");

  private final String title;
  private final String evidenceKind;

  GapKind(String title, String evidenceKind) {
    this.title = title;
    this.evidenceKind = evidenceKind;
  }

  /** A short title for people. */
  public String title() {
    return title;
  }

  /** The evidence kind (CMMC evidence mapping key) where the gap shows. */
  public String evidenceKind() {
    return evidenceKind;
  }
}
