package dev.countersign.report.cmmc;

import java.util.Optional;

/**
 * How far a kind of evidence supports an assessment objective. None of these is a determination:
 * whether an objective is met is the assessor's decision.
 */
public enum Coverage {
  /** The evidence itself demonstrates the objective for the assessed scope. */
  DIRECT("direct"),
  /** The evidence contributes; the assessor needs other evidence as well. */
  PARTIAL("partial"),
  /**
   * The objective is met by the organisation's own policy, procedure, plan or records; the evidence
   * only shows where the technical side fits.
   */
  ORGANIZATION_DOCUMENTS("organization-documents");

  private final String key;

  Coverage(String key) {
    this.key = key;
  }

  /** The spelling used in the mapping file and in OSCAL output, e.g. {@code partial}. */
  public String key() {
    return key;
  }

  /** The coverage spelled {@code key}, if it is one. */
  public static Optional<Coverage> fromKey(String key) {
    for (Coverage c : values()) {
      if (c.key.equals(key)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
