package dev.countersign.admission.internal.decide;

import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.Optional;

/**
 * How one distinct image of a request ended: the verifier's decision, or why there is none.
 *
 * @param decision the verifier's decision, when one was made in time
 * @param reason {@code OK} with a decision; otherwise why the image could not be decided
 * @param detail for people, when there is no decision
 */
public record Resolution(Optional<PolicyDecision> decision, ReasonCode reason, String detail) {

  /** The verifier decided. */
  public static Resolution of(PolicyDecision d) {
    return new Resolution(Optional.of(d), ReasonCode.OK, "");
  }

  /** No decision: the verification failed, was shed, or missed the deadline. */
  public static Resolution undecided(ReasonCode reason, String detail) {
    return new Resolution(Optional.empty(), reason, detail);
  }
}
