package dev.countersign.report.oscal;

/**
 * How an observation was made, in OSCAL's terms. A tool examines artifacts and tests mechanisms; it
 * does not interview, so OSCAL's INTERVIEW has no counterpart here.
 */
public enum Method {
  /** Reviewing, inspecting or analysing artifacts: files, records, configurations. */
  EXAMINE,
  /** Exercising a mechanism and comparing its behaviour with what is expected. */
  TEST
}
