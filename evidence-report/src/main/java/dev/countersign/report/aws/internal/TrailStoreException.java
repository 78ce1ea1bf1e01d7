package dev.countersign.report.aws.internal;

import dev.countersign.report.aws.AwsReason;
import java.io.IOException;

/** A trail file or folder that could not be listed or read, with the reason. */
public final class TrailStoreException extends IOException {
  private static final long serialVersionUID = 1L;
  private final AwsReason reason;

  public TrailStoreException(AwsReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public AwsReason reason() {
    return reason;
  }
}
