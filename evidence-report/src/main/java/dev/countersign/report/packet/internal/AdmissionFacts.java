package dev.countersign.report.packet.internal;

import dev.countersign.admission.records.LogVerification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the decision records and webhook configurations showed.
 *
 * @param verification the decision log's verification; empty when no log was given
 * @param recordsRead records whose signature and chain position verified
 * @param recordsInWindow of those, the records inside the window
 * @param decisions records in the window by decision (ALLOW, WARN, DENY)
 * @param byDigest admissions of the digests in scope
 * @param unverifiedAdmissions records in the window that let an image in without a verified
 *     decision
 * @param silences periods in the window without any record, longer than allowed
 * @param webhooks the Countersign webhooks found in the configurations, with their failure policy
 */
public record AdmissionFacts(
    Optional<LogVerification> verification,
    long recordsRead,
    long recordsInWindow,
    Map<String, Long> decisions,
    Map<String, Admission> byDigest,
    long unverifiedAdmissions,
    List<Period> silences,
    List<Webhook> webhooks,
    boolean configurationsGiven) {

  /** The admission records of one digest in the window. */
  public record Admission(
      long records,
      long allowed,
      long denied,
      Instant last,
      String lastDecision,
      String lastPolicyRevision,
      String lastObject) {}

  /** A period without records. */
  public record Period(Instant start, Instant end) {}

  /** One webhook of a configuration. */
  public record Webhook(
      String configuration,
      String name,
      String failurePolicy,
      String timeoutSeconds,
      String file) {}

  public AdmissionFacts {
    decisions = Ordered.copyOf(decisions);
    byDigest = Ordered.copyOf(byDigest);
    silences = List.copyOf(silences);
    webhooks = List.copyOf(webhooks);
  }
}
