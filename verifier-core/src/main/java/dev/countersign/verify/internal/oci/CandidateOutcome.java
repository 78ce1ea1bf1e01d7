package dev.countersign.verify.internal.oci;

import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Status;
import java.util.List;

/**
 * The checks one piece of stored evidence produced.
 *
 * @param location where the evidence was found
 * @param trustRoot the trust root its verification used
 * @param checks its checks, targets prefixed with the location
 */
record CandidateOutcome(String location, String trustRoot, List<CheckResult> checks) {
  boolean passed() {
    return checks.stream().anyMatch(c -> c.status() == Status.PASS)
        && checks.stream().noneMatch(c -> c.status() == Status.FAIL || c.status() == Status.ERROR);
  }

  /** How far verification got: the report position of the first failing check. */
  int progress(List<dev.countersign.verify.verdict.CheckId> order) {
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
}
