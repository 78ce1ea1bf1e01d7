package dev.countersign.testkit.trustroot;

import java.time.Instant;

/**
 * A trust root {@code validFor} range.
 *
 * @param start when the key or CA became trusted
 * @param end when it stopped being trusted, or null while it still is
 */
public record ValidityPeriod(Instant start, Instant end) {

  /** Open-ended from {@code start}. */
  public static ValidityPeriod from(Instant start) {
    return new ValidityPeriod(start, null);
  }

  /** From {@code start} to {@code end}. */
  public static ValidityPeriod between(Instant start, Instant end) {
    return new ValidityPeriod(start, end);
  }
}
