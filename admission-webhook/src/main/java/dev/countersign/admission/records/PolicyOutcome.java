package dev.countersign.admission.records;

import dev.countersign.verify.policy.PolicyVerdict;
import java.util.Objects;

/**
 * What one policy concluded about one image. Values are kept as the names verifier-core gives them,
 * so a log written by a newer version (with new reason codes) still reads.
 *
 * @param policy the policy's name, empty for the "no policy applies" verdict
 * @param mode {@code ENFORCE}, {@code WARN} or {@code AUDIT}
 * @param outcome {@code PASS}, {@code FAIL} or {@code ERROR}
 * @param reason the verdict's reason code ({@code OK} for a pass)
 * @param trustRoot the trust root the verdict used, empty if none could be chosen
 */
public record PolicyOutcome(
    String policy, String mode, String outcome, String reason, String trustRoot) {
  public PolicyOutcome {
    policy = policy == null ? "" : policy;
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    trustRoot = trustRoot == null ? "" : trustRoot;
  }

  public static PolicyOutcome of(PolicyVerdict v) {
    return new PolicyOutcome(
        v.policy(),
        v.mode().name(),
        v.verdict().outcome().name(),
        v.verdict().reason().name(),
        v.verdict().trustRoot());
  }
}
