package dev.countersign.verify.verdict;

/** The result of one check. */
public enum Status {
  /** The check ran and the evidence satisfied it. */
  PASS,
  /** The check ran and the evidence is bad or missing. */
  FAIL,
  /** The check could not be evaluated (I/O, timeout, internal error). */
  ERROR,
  /**
   * The check does not apply to this evidence or deployment (for example SCTs when the trust root
   * declares no CT log). A skipped check never makes a verdict pass on its own.
   */
  SKIPPED
}
