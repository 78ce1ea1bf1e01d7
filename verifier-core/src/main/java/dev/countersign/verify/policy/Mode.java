package dev.countersign.verify.policy;

/** What a failing policy does. */
public enum Mode {
  /** Deny. */
  ENFORCE,
  /** Allow, with a warning that says why the policy failed. */
  WARN,
  /** Allow silently; the failure is only recorded (for roll-outs). */
  AUDIT
}
