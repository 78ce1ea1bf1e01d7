package dev.countersign.report.packet.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The open findings of one image, totalled as the scan finding pages are read. */
final class OpenFindings {
  private final Map<String, Long> severities = new HashMap<>();
  private Optional<Instant> oldest = Optional.empty();
  private final List<EcrFacts.LateFinding> seen = new ArrayList<>();

  /** Counts a finding; one without a first-seen time counts, but cannot be the oldest or late. */
  void add(String id, String severity, String pkg, Optional<Instant> first) {
    severities.merge(severity, 1L, Long::sum);
    if (first.isPresent()) {
      if (oldest.isEmpty() || first.get().isBefore(oldest.get())) {
        oldest = first;
      }
      seen.add(new EcrFacts.LateFinding(id, severity, pkg, first.get()));
    }
  }

  /** Open findings by severity. */
  Map<String, Long> severities() {
    return severities;
  }

  /** When the oldest open finding was first seen. */
  Optional<Instant> oldest() {
    return oldest;
  }

  /** The findings first seen longer than the SLA before the reference time. */
  List<EcrFacts.LateFinding> late(Instant reference, Duration sla) {
    Instant limit = reference.minus(sla);
    return seen.stream().filter(f -> f.firstSeen().isBefore(limit)).toList();
  }
}
