package dev.countersign.report.aws;

import java.util.Objects;

/**
 * Misconfiguration of an AWS evidence collection: an impossible time window, an unreadable key
 * file, a folder that does not exist. Problems met while collecting are not thrown but reported as
 * data ({@link CollectionProblem}, {@link IntegrityProblem}).
 */
public final class AwsEvidenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final AwsReason reason;

  public AwsEvidenceException(AwsReason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason);
  }

  public AwsEvidenceException(AwsReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason);
  }

  public AwsReason reason() {
    return reason;
  }
}
