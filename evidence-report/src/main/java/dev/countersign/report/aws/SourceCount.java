package dev.countersign.report.aws;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one source delivered, so that "nothing lost" can be checked: every record read is either
 * kept or counted under exactly one reason for dropping it.
 *
 * @param source what was read, such as {@code cloudtrail:LookupEvents us-east-1} or {@code
 *     s3://bucket/prefix}
 * @param units API requests answered, or log files read
 * @param read records read
 * @param otherService records of services other than ECR (trail files hold every service)
 * @param outsideWindow ECR records outside the time window
 * @param malformed records without eventID, eventTime or eventSource
 * @param duplicates records whose eventID was already kept (from this or an earlier source)
 * @param kept records passed on, by category
 */
public record SourceCount(
    String source,
    long units,
    long read,
    long otherService,
    long outsideWindow,
    long malformed,
    long duplicates,
    Map<EventCategory, Long> kept) {
  public SourceCount {
    Objects.requireNonNull(source, "source");
    EnumMap<EventCategory, Long> copy = new EnumMap<>(EventCategory.class);
    for (EventCategory c : EventCategory.values()) {
      copy.put(c, kept.getOrDefault(c, 0L));
    }
    kept = Map.copyOf(copy);
  }

  public long keptTotal() {
    return kept.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Every record read is accounted for. */
  public boolean balanced() {
    return read == otherService + outsideWindow + malformed + duplicates + keptTotal();
  }
}
