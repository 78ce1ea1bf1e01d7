package dev.countersign.verify.policy;

import java.util.Objects;

/**
 * One finding of {@link PolicyLint}.
 *
 * @param severity how serious it is
 * @param code a stable identifier, e.g. {@code IDENTITY_OVERBROAD}
 * @param location {@code file:line: field.path}
 * @param message what is wrong and what to do about it
 */
public record LintFinding(Severity severity, String code, String location, String message) {

  /** How serious a finding is. */
  public enum Severity {
    /** The policy cannot be loaded, or accepts signers it almost certainly should not. */
    ERROR,
    /** Likely a mistake or a weakened check; review it. */
    WARNING,
    /** Worth knowing (for example, a policy that does not block). */
    INFO
  }

  public LintFinding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    location = location == null ? "" : location;
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return location + ": " + severity + " " + code + ": " + message;
  }
}
