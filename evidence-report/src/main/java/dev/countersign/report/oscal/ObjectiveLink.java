package dev.countersign.report.oscal;

import dev.countersign.report.cmmc.Coverage;
import java.util.Objects;

/**
 * That an observation supports a CMMC assessment objective, and how far. This is never a
 * determination that the objective is satisfied.
 *
 * @param objectiveId the objective in CMMC form, e.g. {@code CM.L2-3.4.8[c]}
 * @param coverage direct, partial or organization-documents
 */
public record ObjectiveLink(String objectiveId, Coverage coverage) {
  public ObjectiveLink {
    Text.requireLine(objectiveId, "objectiveId");
    Objects.requireNonNull(coverage, "coverage");
  }
}
