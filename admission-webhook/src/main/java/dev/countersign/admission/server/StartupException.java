package dev.countersign.admission.server;

/**
 * The webhook cannot start: a flag, file or configuration is wrong. The message is one line for
 * people; the reason is a stable code ({@code USAGE}, {@code INPUT_UNREADABLE}, {@code
 * POLICY_INVALID}, {@code TRUST_ROOT_INVALID}, {@code TLS_INVALID}).
 */
public final class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public StartupException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public StartupException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
