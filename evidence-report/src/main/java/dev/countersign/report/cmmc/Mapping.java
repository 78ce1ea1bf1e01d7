package dev.countersign.report.cmmc;

import java.util.Objects;

/**
 * That a kind of evidence supports an assessment objective, how far, and why.
 *
 * @param objective the objective supported
 * @param evidenceKind the kind of evidence
 * @param coverage direct, partial, or needing the organisation's own documents
 * @param rationale one sentence an assessor can check
 */
public record Mapping(
    Objective objective, EvidenceKind evidenceKind, Coverage coverage, String rationale) {
  public Mapping {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(evidenceKind, "evidenceKind");
    Objects.requireNonNull(coverage, "coverage");
    Objects.requireNonNull(rationale, "rationale");
  }
}
