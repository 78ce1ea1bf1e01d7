package dev.countersign.verify.policy;

/**
 * A policy or expectation is invalid (bad regular expression, unknown field, malformed key). This
 * is a configuration error, raised when the policy is built or loaded, never during verification.
 * The location names the file, line and field when known.
 */
public class PolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String location;
  private final String detail;

  public PolicyException(String location, String message) {
    super(location == null || location.isEmpty() ? message : location + ": " + message);
    this.location = location == null ? "" : location;
    this.detail = message;
  }

  public PolicyException(String location, String message, Throwable cause) {
    super(location == null || location.isEmpty() ? message : location + ": " + message, cause);
    this.location = location == null ? "" : location;
    this.detail = message;
  }

  /** The problem without its location. */
  public String detail() {
    return detail;
  }

  /** Where the problem is, e.g. {@code policies/prod.yaml:12: spec.authorities[0].keyless}. */
  public String location() {
    return location;
  }
}
