package dev.countersign.admission.records;

import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.policy.PolicyVerdict;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The decision on one image of an admission request.
 *
 * @param fieldPath where the image is written, e.g. {@code spec.containers[0].image}
 * @param image the image as written
 * @param digest the digest it resolved to, empty when it was not resolved
 * @param decision what was decided for this image
 * @param reasons reason codes (names of {@link ReasonCode}) of every policy that did not pass, or
 *     {@code OK} alone when all passed; never empty
 * @param policies every policy that applied, with its outcome
 * @param message one line for people: the denials, warnings and audit-mode failures
 */
public record ImageDecision(
    String fieldPath,
    String image,
    String digest,
    AdmissionOutcome decision,
    List<String> reasons,
    List<PolicyOutcome> policies,
    String message) {

  public ImageDecision {
    fieldPath = fieldPath == null ? "" : fieldPath;
    Objects.requireNonNull(image, "image");
    digest = digest == null ? "" : digest;
    Objects.requireNonNull(decision, "decision");
    reasons = List.copyOf(reasons);
    policies = policies == null ? List.of() : List.copyOf(policies);
    message = message == null ? "" : message;
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException(
          "an image decision names at least one reason code (OK when it passed)");
    }
  }

  /** The record of verifier-core's decision on the image at {@code fieldPath}. */
  public static ImageDecision of(String fieldPath, PolicyDecision d) {
    Set<String> reasons = new LinkedHashSet<>();
    List<PolicyOutcome> policies = new ArrayList<>();
    for (PolicyVerdict v : d.verdicts()) {
      policies.add(PolicyOutcome.of(v));
      if (!v.passed()) {
        reasons.add(v.verdict().reason().name());
      }
    }
    List<String> lines = new ArrayList<>(d.messages());
    if (!d.policyMatched()) {
      // Whatever the no-match action made of it, the fact to keep is that no policy applied.
      reasons.clear();
      reasons.add(ReasonCode.NO_MATCHING_POLICY.name());
      if (lines.isEmpty()) {
        d.verdicts().get(0).verdict().checks().stream()
            .findFirst()
            .ifPresent(c -> lines.add(ReasonCode.NO_MATCHING_POLICY + ": " + c.detail()));
      }
    }
    if (reasons.isEmpty()) {
      reasons.add(ReasonCode.OK.name());
    }
    // Audit-mode failures are shown to nobody at admission time: the record is where they go.
    for (PolicyVerdict v : d.audited()) {
      lines.add(
          "policy '"
              + v.policy()
              + "' (audit): "
              + v.verdict().reason()
              + v.verdict().decisive().map(c -> ": " + c.detail()).orElse(""));
    }
    return new ImageDecision(
        fieldPath,
        d.image(),
        d.digest(),
        outcomeOf(d),
        List.copyOf(reasons),
        policies,
        String.join("; ", lines));
  }

  /**
   * An image the webhook decided on without a policy decision (deadline exceeded, overloaded,
   * excluded by configuration): the reason says which.
   */
  public static ImageDecision withoutEvaluation(
      String fieldPath,
      String image,
      AdmissionOutcome decision,
      ReasonCode reason,
      String message) {
    return new ImageDecision(
        fieldPath, image, "", decision, List.of(reason.name()), List.of(), message);
  }

  private static AdmissionOutcome outcomeOf(PolicyDecision d) {
    switch (d.decision()) {
      case ALLOW:
        return AdmissionOutcome.ALLOW;
      case ALLOW_WITH_WARNINGS:
        return AdmissionOutcome.WARN;
      default:
        return AdmissionOutcome.DENY;
    }
  }
}
