package dev.countersign.admission.server;

import dev.countersign.verify.policy.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The picocli converter of durations for every command, in {@link DurationText}'s syntax. */
public final class Durations implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * @throws TypeConversionException with what was expected
   */
  public static Duration parse(String value) {
    return DurationText.parse(value)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "'" + value + "' is not a duration such as 500ms, 20s, 2m, 1h30m or PT20S"));
  }
}
