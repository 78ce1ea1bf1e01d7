package dev.countersign.verify.policy;

import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.Verdict;
import java.util.Objects;

/**
 * One policy's verdict on an image.
 *
 * @param policy the policy's name (empty for the no-matching-policy verdict)
 * @param source where the policy is defined ({@code file:line})
 * @param mode what a failure of this policy does
 * @param verdict every check the policy ran
 */
public record PolicyVerdict(String policy, String source, Mode mode, Verdict verdict) {
  public PolicyVerdict {
    Objects.requireNonNull(policy, "policy");
    source = source == null ? "" : source;
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(verdict, "verdict");
  }

  public boolean passed() {
    return verdict.outcome() == Outcome.PASS;
  }
}
