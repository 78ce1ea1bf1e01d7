package dev.countersign.verify.internal.oci;

import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Status;
import java.util.List;
import java.util.Optional;

/**
 * The checks one piece of stored evidence produced.
 *
 * @param location where the evidence was found
 * @param trustRoot the trust root its verification used
 * @param checks its checks, targets prefixed with the location
 * @param statement the in-toto statement it carries, set only once its signature, log entry and
 *     subject have verified
 */
public record CandidateOutcome(
    String location,
    String trustRoot,
    List<CheckResult> checks,
    Optional<InTotoStatement> statement) {
  public CandidateOutcome {
    checks = List.copyOf(checks);
  }

  CandidateOutcome(String location, String trustRoot, List<CheckResult> checks) {
    this(location, trustRoot, checks, Optional.empty());
  }

  public boolean passed() {
    return checks.stream().anyMatch(c -> c.status() == Status.PASS)
        && checks.stream().noneMatch(c -> c.status() == Status.FAIL || c.status() == Status.ERROR);
  }

  /** How far verification got: the report position of the first failing check. */
  int progress(List<CheckId> order) {
    for (CheckResult c : checks) {
      if (c.status() == Status.FAIL || c.status() == Status.ERROR) {
        return order.indexOf(c.check());
      }
    }
    return Integer.MAX_VALUE;
  }

  CheckResult firstFailure() {
    return checks.stream()
        .filter(c -> c.status() == Status.FAIL || c.status() == Status.ERROR)
        .findFirst()
        .orElseThrow();
  }

  /** The same outcome with more checks appended (for example predicate checks). */
  public CandidateOutcome plus(List<CheckResult> more, Optional<InTotoStatement> verified) {
    List<CheckResult> all = new java.util.ArrayList<>(checks);
    all.addAll(more);
    return new CandidateOutcome(location, trustRoot, all, verified);
  }
}
