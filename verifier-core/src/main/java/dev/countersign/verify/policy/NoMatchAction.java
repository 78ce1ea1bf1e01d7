package dev.countersign.verify.policy;

/**
 * What happens to an image no policy applies to. The default is {@link #DENY}: an image outside
 * every policy was never checked, so admitting it would fail open.
 */
public enum NoMatchAction {
  /** Deny with {@code NO_MATCHING_POLICY}. */
  DENY,
  /** Allow, with a {@code NO_MATCHING_POLICY} warning (for roll-outs). */
  WARN,
  /** Allow; the decision still records that no policy applied. */
  ALLOW
}
