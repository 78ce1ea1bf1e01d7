package dev.countersign.admission.config;

/**
 * The webhook's configuration (policies, trust roots) cannot be loaded. At start-up the webhook
 * refuses to start; on a reload the previous configuration stays in force.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public ConfigException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** A stable code: {@code POLICY_INVALID} or {@code TRUST_ROOT_INVALID}. */
  public String reason() {
    return reason;
  }
}
