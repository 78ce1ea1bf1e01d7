package dev.countersign.verify.internal.trust;

import java.time.Instant;
import java.util.Optional;

/** A closed time interval; either end may be open. Both ends are inclusive. */
public record TimeRange(Instant start, Instant end) {
  public static final TimeRange ALWAYS = new TimeRange(null, null);

  public boolean contains(Instant t) {
    return (start == null || !t.isBefore(start)) && (end == null || !t.isAfter(end));
  }

  public Optional<Instant> startOpt() {
    return Optional.ofNullable(start);
  }

  public Optional<Instant> endOpt() {
    return Optional.ofNullable(end);
  }

  @Override
  public String toString() {
    return "[" + (start == null ? "-inf" : start) + ", " + (end == null ? "+inf" : end) + "]";
  }
}
