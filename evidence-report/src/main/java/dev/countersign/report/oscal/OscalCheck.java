package dev.countersign.report.oscal;

/** Which check found an {@link OscalProblem}. Stable codes. */
public enum OscalCheck {
  /** The file is missing, unreadable or not JSON. */
  JSON_SYNTAX,
  /** The official OSCAL 1.1.3 assessment-results JSON schema. */
  SCHEMA,
  /**
   * The packet rule that no objective is declared satisfied or not satisfied: that is the
   * assessor's determination, so a packet never carries findings or an objective status.
   */
  NO_DETERMINATION
}
