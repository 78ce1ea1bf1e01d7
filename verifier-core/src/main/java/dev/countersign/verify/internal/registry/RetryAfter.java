package dev.countersign.verify.internal.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses a {@code Retry-After} header: delay seconds or an HTTP-date (RFC 9110 §10.2.3). */
final class RetryAfter {
  private RetryAfter() {}

  /**
   * The wait the server asked for, or empty when the header is absent or unparseable (then the
   * client's own backoff applies). A date in the past means no extra wait.
   */
  static Optional<Duration> parse(String header, Instant now) {
    if (header == null) {
      return Optional.empty();
    }
    String value = header.trim();
    if (value.matches("[0-9]{1,10}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
