package dev.countersign.verify.verdict;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The result of one check.
 *
 * @param check which check
 * @param target what the check looked at when it can apply more than once (for example {@code
 *     tlogEntries[0]}); empty when it applies once
 * @param status the result
 * @param reason why; {@link ReasonCode#OK} for passes
 * @param detail one human sentence that says what was found
 * @param evidence facts established by the check (certificate SAN, log index, integrated time,
 *     ...), in key order
 */
public record CheckResult(
    CheckId check,
    String target,
    Status status,
    ReasonCode reason,
    String detail,
    Map<String, String> evidence) {

  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    target = target == null ? "" : target;
    detail = detail == null ? "" : detail;
    if (status == Status.PASS && reason != ReasonCode.OK) {
      throw new IllegalArgumentException("a passing check has reason OK, not " + reason);
    }
    if ((status == Status.FAIL || status == Status.ERROR) && reason == ReasonCode.OK) {
      throw new IllegalArgumentException("a " + status + " check needs a reason code");
    }
    // Sorted by key: checks build their evidence with Map.of, whose order changes from one JVM
    // run to the next, and a verdict's JSON must read the same every time.
    evidence =
        evidence == null || evidence.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(evidence));
  }

  public static CheckResult pass(CheckId check, String target, String detail) {
    return new CheckResult(check, target, Status.PASS, ReasonCode.OK, detail, Map.of());
  }

  public static CheckResult pass(
      CheckId check, String target, String detail, Map<String, String> evidence) {
    return new CheckResult(check, target, Status.PASS, ReasonCode.OK, detail, evidence);
  }

  public static CheckResult fail(CheckId check, String target, ReasonCode reason, String detail) {
    return new CheckResult(check, target, Status.FAIL, reason, detail, Map.of());
  }

  public static CheckResult fail(
      CheckId check,
      String target,
      ReasonCode reason,
      String detail,
      Map<String, String> evidence) {
    return new CheckResult(check, target, Status.FAIL, reason, detail, evidence);
  }

  public static CheckResult error(CheckId check, String target, ReasonCode reason, String detail) {
    return new CheckResult(check, target, Status.ERROR, reason, detail, Map.of());
  }

  public static CheckResult skipped(CheckId check, String target, String detail) {
    return new CheckResult(check, target, Status.SKIPPED, ReasonCode.OK, detail, Map.of());
  }

  /** The check id and target as one label, e.g. {@code tlog.inclusion[tlogEntries[0]]}. */
  public String label() {
    return target.isEmpty() ? check.id() : check.id() + "[" + target + "]";
  }
}
