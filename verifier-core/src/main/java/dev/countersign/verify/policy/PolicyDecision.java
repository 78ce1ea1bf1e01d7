package dev.countersign.verify.policy;

import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision of a policy set on one image: the verdict of every policy that applies, and a
 * decision derived from them and their modes (never supplied, so it cannot disagree with the
 * evidence).
 *
 * @param image the image as requested (a tag or a digest)
 * @param digest the digest it resolved to, empty when it could not be resolved
 * @param policyRevision the revision of the policy set that decided
 * @param evaluatedAt the verifier clock's time
 * @param verdicts one per applicable policy; when none applies, one verdict for that fact
 * @param noMatch what happens when no policy applies
 */
public record PolicyDecision(
    String image,
    String digest,
    String policyRevision,
    Instant evaluatedAt,
    List<PolicyVerdict> verdicts,
    NoMatchAction noMatch) {

  /** The versioned media type of the JSON form. */
  public static final String MEDIA_TYPE = "application/vnd.countersign.decision.v1+json";

  public PolicyDecision {
    Objects.requireNonNull(image, "image");
    digest = digest == null ? "" : digest;
    policyRevision = policyRevision == null ? "" : policyRevision;
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    verdicts = List.copyOf(verdicts);
    Objects.requireNonNull(noMatch, "noMatch");
    if (verdicts.isEmpty()) {
      throw new IllegalArgumentException("a decision needs at least one verdict");
    }
  }

  /** Whether a policy applied at all. */
  public boolean policyMatched() {
    return verdicts.stream().anyMatch(v -> !v.policy().isEmpty());
  }

  public Decision decision() {
    if (!policyMatched()) {
      switch (noMatch) {
        case ALLOW:
          return Decision.ALLOW;
        case WARN:
          return Decision.ALLOW_WITH_WARNINGS;
        default:
          return Decision.DENY;
      }
    }
    boolean warn = false;
    for (PolicyVerdict v : verdicts) {
      if (v.passed()) {
        continue;
      }
      switch (v.mode()) {
        case ENFORCE:
          return Decision.DENY;
        case WARN:
          warn = true;
          break;
        default:
          break;
      }
    }
    return warn ? Decision.ALLOW_WITH_WARNINGS : Decision.ALLOW;
  }

  /** The verdicts that deny (failing enforce-mode policies, or the no-match verdict). */
  public List<PolicyVerdict> denials() {
    if (!policyMatched()) {
      return noMatch == NoMatchAction.DENY ? verdicts : List.of();
    }
    return verdicts.stream().filter(v -> !v.passed() && v.mode() == Mode.ENFORCE).toList();
  }

  /** The failing verdicts to show as warnings (warn-mode policies, or a tolerated no-match). */
  public List<PolicyVerdict> warnings() {
    if (!policyMatched()) {
      return noMatch == NoMatchAction.WARN ? verdicts : List.of();
    }
    return verdicts.stream().filter(v -> !v.passed() && v.mode() == Mode.WARN).toList();
  }

  /** The failing audit-mode verdicts: recorded, not shown. */
  public List<PolicyVerdict> audited() {
    return verdicts.stream()
        .filter(v -> !v.policy().isEmpty() && !v.passed() && v.mode() == Mode.AUDIT)
        .toList();
  }

  /** The reason of the decision: OK when allowed cleanly, else the first denial's or warning's. */
  public ReasonCode reason() {
    List<PolicyVerdict> shown = new ArrayList<>(denials());
    shown.addAll(warnings());
    return shown.isEmpty() ? ReasonCode.OK : shown.get(0).verdict().reason();
  }

  /** The decisive check of the first denial or warning. */
  public Optional<CheckResult> decisive() {
    List<PolicyVerdict> shown = new ArrayList<>(denials());
    shown.addAll(warnings());
    return shown.isEmpty() ? Optional.empty() : shown.get(0).verdict().decisive();
  }

  /** One line per denial or warning, for people: {@code policy 'x': REASON: detail}. */
  public List<String> messages() {
    List<String> out = new ArrayList<>();
    for (PolicyVerdict v : denials()) {
      out.add(message(v));
    }
    for (PolicyVerdict v : warnings()) {
      out.add(message(v));
    }
    return out;
  }

  private static String message(PolicyVerdict v) {
    String who = v.policy().isEmpty() ? "" : "policy '" + v.policy() + "': ";
    return v.verdict()
        .decisive()
        .map(c -> who + c.reason() + ": " + c.detail())
        .orElse(
            who
                + (v.verdict().outcome() == Outcome.PASS
                    ? "passed"
                    : ReasonCode.NO_CHECKS_EVALUATED + ": no check was evaluated"));
  }
}
