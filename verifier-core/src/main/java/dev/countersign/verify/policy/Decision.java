package dev.countersign.verify.policy;

/** What the policies that apply to an image decide. */
public enum Decision {
  /** Every enforcing policy passed (audit-mode failures are recorded, not shown). */
  ALLOW,
  /** Every enforcing policy passed, but a warn-mode policy failed: allow and show why. */
  ALLOW_WITH_WARNINGS,
  /** An enforcing policy failed or could not be evaluated, or no policy applies (by default). */
  DENY
}
