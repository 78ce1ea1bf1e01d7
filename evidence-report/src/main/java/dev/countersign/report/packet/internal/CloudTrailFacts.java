package dev.countersign.report.packet.internal;

import dev.countersign.report.aws.EventReadReport;
import dev.countersign.report.aws.IntegrityReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the CloudTrail events and their integrity validation showed.
 *
 * @param read the read report: per source counts, duplicates removed, problems
 * @param integrity one report per trail location validated; empty when only LookupEvents was read
 * @param pushes pushes of the digests in scope, by digest ({@code sha256:...}), oldest first
 * @param nonCiPushes pushes by principals that match no CI pattern
 */
public record CloudTrailFacts(
    Optional<EventReadReport> read,
    List<IntegrityReport> integrity,
    Map<String, List<Push>> pushes,
    long nonCiPushes,
    long configurationChanges,
    long accessDenied) {

  /** One PutImage. */
  public record Push(
      String repository, String tag, String principal, Instant time, boolean ci, String eventId) {}

  public CloudTrailFacts {
    integrity = List.copyOf(integrity);
    pushes = Ordered.copyOf(pushes);
  }

  public static CloudTrailFacts none() {
    return new CloudTrailFacts(Optional.empty(), List.of(), Map.of(), 0, 0, 0);
  }
}
