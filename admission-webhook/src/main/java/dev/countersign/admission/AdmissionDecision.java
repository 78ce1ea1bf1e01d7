package dev.countersign.admission;

import dev.countersign.verify.verdict.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the webhook decided for one admission request: the answer and why, per image.
 * Listeners (metrics, logs, decision records, Kubernetes Events) receive it after the answer is
 * built.
 *
 * @param request the request
 * @param mutation whether this was {@code /mutate} (else {@code /validate})
 * @param outcome allow, warn or deny
 * @param reason the first denial's reason code, else the first warning's, else {@code OK}
 * @param images one result per image field, in object order
 * @param messages the denial lines ({@code spec.containers[0].image: REASON: ...})
 * @param warnings the warning lines, in the same form
 * @param skipped why nothing was verified (a DELETE, a status update, an excluded namespace)
 * @param patch the JSON patch of a mutation, if any
 * @param policyRevision the policy revision that decided (empty when none was needed)
 * @param trustRootRevisions trust root name to revision
 * @param decidedAt when the answer was built
 * @param elapsed time from receiving the request to the answer
 */
public record AdmissionDecision(
    AdmissionRequest request,
    boolean mutation,
    AdmissionOutcome outcome,
    ReasonCode reason,
    List<ImageResult> images,
    List<String> messages,
    List<String> warnings,
    Optional<String> skipped,
    Optional<String> patch,
    String policyRevision,
    Map<String, String> trustRootRevisions,
    Instant decidedAt,
    Duration elapsed) {

  public AdmissionDecision {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    images = List.copyOf(images);
    messages = List.copyOf(messages);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(skipped, "skipped");
    Objects.requireNonNull(patch, "patch");
    policyRevision = policyRevision == null ? "" : policyRevision;
    trustRootRevisions = Map.copyOf(trustRootRevisions);
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(elapsed, "elapsed");
    if (outcome == AdmissionOutcome.DENY && messages.isEmpty()) {
      throw new IllegalArgumentException("a denial must say why");
    }
  }

  public boolean allowed() {
    return outcome != AdmissionOutcome.DENY;
  }

  /** One message for the API server: every denial line, joined. */
  public String message() {
    return String.join("; ", messages);
  }
}
