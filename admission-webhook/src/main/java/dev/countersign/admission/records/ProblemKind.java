package dev.countersign.admission.records;

/** What is wrong with a line of a decision log. Names are stable: reports and tools match them. */
public enum ProblemKind {
  /** The line's bytes are not what was signed or chained: its signature or hash does not match. */
  EDITED,
  /** Lines are missing: a gap in sequence numbers, a missing genesis, or a broken file link. */
  REMOVED,
  /** A line appears out of order: swapped with a neighbour, moved, or copied. */
  REORDERED,
  /** The log ends early: an incomplete last line, or no closing line at the end. */
  TRUNCATED,
  /**
   * The signature is unusable (wrong algorithm, bad encoding) or fails on a line the chain vouches
   * for.
   */
  BAD_SIGNATURE,
  /** The line (or the whole log) is signed by a key other than the log's or the expected key. */
  WRONG_KEY,
  /** The line is not a decision-log line at all (not JSON, missing fields, too long). */
  MALFORMED
}
