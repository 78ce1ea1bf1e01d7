package dev.countersign.report.aws;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of reading CloudTrail events for a window.
 *
 * @param sources per source counts, in reading order
 * @param problems everything that could not be read
 */
public record EventReadReport(
    TimeWindow window, List<SourceCount> sources, List<CollectionProblem> problems) {
  public EventReadReport {
    Objects.requireNonNull(window, "window");
    sources = List.copyOf(sources);
    problems = List.copyOf(problems);
  }

  /** Kept events by category, over all sources. */
  public Map<EventCategory, Long> kept() {
    EnumMap<EventCategory, Long> total = new EnumMap<>(EventCategory.class);
    for (EventCategory c : EventCategory.values()) {
      total.put(c, 0L);
    }
    for (SourceCount s : sources) {
      s.kept().forEach((c, n) -> total.merge(c, n, Long::sum));
    }
    return total;
  }

  public long keptTotal() {
    return sources.stream().mapToLong(SourceCount::keptTotal).sum();
  }

  public long duplicates() {
    return sources.stream().mapToLong(SourceCount::duplicates).sum();
  }

  public long read() {
    return sources.stream().mapToLong(SourceCount::read).sum();
  }

  /**
   * Every source was read to the end with every record accounted for. No sources, or a source that
   * answered nothing at all, is never complete.
   */
  public boolean complete() {
    return problems.isEmpty()
        && !sources.isEmpty()
        && sources.stream().allMatch(s -> s.balanced() && s.units() > 0);
  }
}
