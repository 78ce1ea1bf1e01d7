package dev.countersign.report.aws;

import java.time.Instant;
import java.util.Objects;

/**
 * The period evidence is collected for: from {@code start} inclusive to {@code end} exclusive, so
 * consecutive windows never count an event twice.
 */
public record TimeWindow(Instant start, Instant end) {
  public TimeWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new AwsEvidenceException(
          AwsReason.CONFIGURATION_INVALID,
          "the time window must end after it starts: " + start + " .. " + end);
    }
  }

  public static TimeWindow of(Instant start, Instant end) {
    return new TimeWindow(start, end);
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  @Override
  public String toString() {
    return start + "/" + end;
  }
}
