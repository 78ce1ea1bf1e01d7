package dev.countersign.cli;

import dev.countersign.admission.server.Durations;
import dev.countersign.report.aws.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/**
 * The period the AWS evidence covers. CloudTrail delivers a trail's files some minutes after the
 * events they hold, so files delivered up to {@code --trail-delivery-lag} after the window still
 * belong to it.
 */
final class EvidenceWindowOptions {
  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "Start of the evidence window (RFC 3339 UTC).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "End of the evidence window (default: now).")
  String to;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Length of the window ending at --to, when --from is not given (default 30d).")
  Duration length = Duration.ofDays(30);

  @Option(
      names = "--trail-delivery-lag",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "Trail files delivered up to this long after the window belong to it (default 2h).")
  Duration trailDeliveryLag = Duration.ofHours(2);

  /** The window the options name; UsageException when a time is malformed or the window empty. */
  TimeWindow timeWindow() {
    Instant end = to == null ? Instant.now() : instant("--to", to);
    Instant start = from == null ? end.minus(length) : instant("--from", from);
    if (!end.isAfter(start)) {
      throw new UsageException(
          "USAGE", "the window must end after it starts: " + start + " .. " + end);
    }
    return TimeWindow.of(start, end);
  }

  private static Instant instant(String option, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "USAGE",
          option + " '" + text + "' is not an RFC 3339 UTC time such as 2025-09-01T00:00:00Z");
    }
  }
}
