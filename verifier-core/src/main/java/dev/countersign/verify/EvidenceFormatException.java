package dev.countersign.verify;

import dev.countersign.verify.verdict.ReasonCode;
import java.util.Objects;

/**
 * Evidence (a bundle, DSSE envelope, in-toto statement, ...) does not have the required shape. It
 * carries the reason code a verdict should report and the JSON path of the offending field.
 */
public class EvidenceFormatException extends Exception {
  private static final long serialVersionUID = 1L;
  private final ReasonCode reason;
  private final String path;

  public EvidenceFormatException(ReasonCode reason, String path, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason);
    this.path = path == null ? "" : path;
  }

  public EvidenceFormatException(ReasonCode reason, String path, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason);
    this.path = path == null ? "" : path;
  }

  public ReasonCode reason() {
    return reason;
  }

  /** The JSON path of the field at fault; empty for the whole document. */
  public String path() {
    return path;
  }

  /** Message prefixed with the path, when there is one. */
  public String describe() {
    return path.isEmpty() ? getMessage() : path + ": " + getMessage();
  }
}
