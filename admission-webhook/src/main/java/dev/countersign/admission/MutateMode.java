package dev.countersign.admission;

/** How {@code POST /mutate} records the digests it verified. */
public enum MutateMode {
  /** Replace {@code repo:tag} by {@code repo:tag@sha256:...} in every allowed image field. */
  PATCH,
  /**
   * Leave images untouched and add the annotation {@value
   * dev.countersign.admission.AdmissionController#DIGESTS_ANNOTATION} with the verified digests, so
   * GitOps tools comparing image fields see no drift.
   */
  ANNOTATE
}
