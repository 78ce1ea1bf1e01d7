package dev.countersign.verify.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in policies and on command lines: a number and a unit, possibly
 * repeated ({@code 500ms}, {@code 8s}, {@code 5m}, {@code 1h30m}, {@code 30d}, {@code 2w}), or
 * ISO-8601 ({@code PT8S}, {@code P30D}). Never negative.
 */
public final class DurationText {
  private static final Pattern PART = Pattern.compile("([0-9]{1,9})(ms|[wdhms])");

  private DurationText() {}

  /** The duration {@code text} names, or empty if it names none. */
  public static Optional<Duration> parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      try {
        Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
        return d.isNegative() ? Optional.empty() : Optional.of(d);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
              });
      end = m.end();
    }
    return t.isEmpty() || end != t.length() ? Optional.empty() : Optional.of(total);
  }
}
