package dev.countersign.cli;

/** A usage or configuration problem reported as one line, exit code 2. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public UsageException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A stable reason code such as INPUT_UNREADABLE or POLICY_INVALID. */
  public String reason() {
    return reason;
  }
}
