package dev.countersign.report.cmmc;

/** Whether a NIST SP 800-171 Rev. 2 requirement is basic (from FIPS 200) or derived (SP 800-53). */
public enum RequirementType {
  BASIC,
  DERIVED
}
