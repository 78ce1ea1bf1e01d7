package dev.countersign.admission.server;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people write them on command lines, for every command: {@code 500ms}, {@code 8s},
 * {@code 5m}, {@code 1h30m}, {@code 7d}, or ISO-8601 ({@code PT8S}). Never negative.
 */
public final class Durations implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * @throws TypeConversionException with what was expected
   */
  public static Duration parse(String value) {
    String t = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      try {
        return nonNegative(Duration.parse(t.toUpperCase(Locale.ROOT)), value);
      } catch (DateTimeParseException e) {
        throw invalid(value);
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
                default -> Duration.ofDays(n);
              });
      end = m.end();
    }
    if (t.isEmpty() || end != t.length()) {
      throw invalid(value);
    }
    return total;
  }

  private static Duration nonNegative(Duration d, String value) {
    if (d.isNegative()) {
      throw invalid(value);
    }
    return d;
  }

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException(
        "'" + value + "' is not a duration such as 500ms, 20s, 2m, 1h30m or PT20S");
  }
}
