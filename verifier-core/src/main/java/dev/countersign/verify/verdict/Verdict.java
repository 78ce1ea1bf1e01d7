package dev.countersign.verify.verdict;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one verification: every check that ran, and an outcome derived from them.
 *
 * <p>The outcome is computed, never supplied: any ERROR check makes the verdict ERROR, otherwise
 * any FAIL check makes it FAIL, and it is PASS only when at least one check passed and none failed.
 * A verdict with no checks, or with only skipped checks, is ERROR. This makes "fail open"
 * impossible to express.
 *
 * @param subject what was verified (for example {@code sha256:ab12...} or an image reference)
 * @param trustRoot the name of the trust root used, empty if none could be chosen
 * @param policy the name of the policy applied, empty when the caller passed expectations directly
 * @param evaluatedAt the verifier clock's time at evaluation
 * @param checks every check, in the order they are reported
 */
public record Verdict(
    String subject,
    String trustRoot,
    String policy,
    Instant evaluatedAt,
    List<CheckResult> checks) {

  /** The versioned media type of the JSON form. */
  public static final String MEDIA_TYPE = "application/vnd.countersign.verdict.v1+json";

  public Verdict {
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    subject = subject == null ? "" : subject;
    trustRoot = trustRoot == null ? "" : trustRoot;
    policy = policy == null ? "" : policy;
    checks = List.copyOf(checks);
  }

  /** The overall outcome, derived from the checks. */
  public Outcome outcome() {
    boolean anyPass = false;
    boolean anyFail = false;
    for (CheckResult c : checks) {
      switch (c.status()) {
        case ERROR:
          return Outcome.ERROR;
        case FAIL:
          anyFail = true;
          break;
        case PASS:
          anyPass = true;
          break;
        default:
          break;
      }
    }
    if (anyFail) {
      return Outcome.FAIL;
    }
    return anyPass ? Outcome.PASS : Outcome.ERROR;
  }

  /**
   * The first check that decided a non-passing outcome (the first ERROR, else the first FAIL), in
   * report order. Empty for a passing verdict and for a verdict with no failing check but no pass.
   */
  public Optional<CheckResult> decisive() {
    Outcome outcome = outcome();
    if (outcome == Outcome.PASS) {
      return Optional.empty();
    }
    Status wanted = outcome == Outcome.ERROR ? Status.ERROR : Status.FAIL;
    return checks.stream().filter(c -> c.status() == wanted).findFirst();
  }

  /** The reason for the outcome: OK for a pass, otherwise the decisive check's reason. */
  public ReasonCode reason() {
    if (outcome() == Outcome.PASS) {
      return ReasonCode.OK;
    }
    return decisive().map(CheckResult::reason).orElse(ReasonCode.NO_CHECKS_EVALUATED);
  }

  /** One line for people: outcome, decisive check and reason. */
  public String summary() {
    Outcome outcome = outcome();
    if (outcome == Outcome.PASS) {
      long passed = checks.stream().filter(c -> c.status() == Status.PASS).count();
      return "PASS: " + subject + " (" + passed + " checks passed, trust root " + trustRoot + ")";
    }
    return decisive()
        .map(c -> outcome + ": " + c.label() + ": " + c.reason() + ": " + c.detail())
        .orElse(outcome + ": " + ReasonCode.NO_CHECKS_EVALUATED + ": no check was evaluated");
  }
}
