package dev.countersign.cli;

import dev.countersign.verify.verdict.Outcome;

/** Process exit codes shared by every verifying command. */
public final class ExitCode {
  /** Verified. */
  public static final int VERIFIED = 0;

  /** Verification failed: the evidence is bad or missing. */
  public static final int FAILED = 1;

  /** Usage or configuration error (bad flags, unreadable input, malformed policy or trust root). */
  public static final int USAGE = 2;

  /** Could not evaluate (registry unreachable, timeout, internal error). */
  public static final int UNEVALUATED = 3;

  private ExitCode() {}

  public static int of(Outcome outcome) {
    switch (outcome) {
      case PASS:
        return VERIFIED;
      case FAIL:
        return FAILED;
      default:
        return UNEVALUATED;
    }
  }
}
