package dev.countersign.cli;

import dev.countersign.verify.policy.Decision;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.policy.PolicyDecisionJson;
import dev.countersign.verify.policy.PolicyVerdict;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.Status;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints policy decisions: a decision line, one line per policy, warnings; or the JSON. */
final class DecisionPrinter {
  private DecisionPrinter() {}

  static void print(PrintWriter out, PolicyDecision d, OutputFormat format, boolean verbose) {
    if (format == OutputFormat.json) {
      out.println(PolicyDecisionJson.toPrettyJson(d));
      out.flush();
      return;
    }
    out.println(
        d.decision()
            + ": "
            + d.image()
            + (d.digest().isEmpty() || d.image().endsWith(d.digest())
                ? ""
                : " (" + d.digest() + ")")
            + (d.decision() == Decision.ALLOW ? "" : ": " + d.reason()));
    for (PolicyVerdict v : d.verdicts()) {
      String name = v.policy().isEmpty() ? "(no policy applies)" : "policy '" + v.policy() + "'";
      String mode =
          v.policy().isEmpty() ? "" : " [" + v.mode().name().toLowerCase(Locale.ROOT) + "]";
      String result =
          v.verdict().outcome() == Outcome.PASS
              ? "PASS"
              : v.verdict()
                  .decisive()
                  .map(c -> v.verdict().outcome() + " " + c.reason() + ": " + c.detail())
                  .orElse(v.verdict().outcome().name());
      out.println("  " + name + mode + ": " + result);
      if (verbose) {
        for (CheckResult c : v.verdict().checks()) {
          out.println(
              "    "
                  + pad(c.status())
                  + " "
                  + c.label()
                  + (c.status() == Status.PASS ? "" : " " + c.reason())
                  + ": "
                  + c.detail());
        }
      }
    }
    for (PolicyVerdict w : d.warnings()) {
      out.println(
          "WARNING: "
              + (w.policy().isEmpty() ? "" : "policy '" + w.policy() + "': ")
              + w.verdict().reason()
              + w.verdict().decisive().map(c -> ": " + c.detail()).orElse(""));
    }
    out.flush();
  }

  /** 0 allowed (with or without warnings), 1 denied on evidence, 3 denied because unevaluated. */
  static int exitCode(PolicyDecision d) {
    if (d.decision() != Decision.DENY) {
      return ExitCode.VERIFIED;
    }
    boolean unevaluated =
        d.denials().stream().anyMatch(v -> v.verdict().outcome() == Outcome.ERROR);
    return unevaluated ? ExitCode.UNEVALUATED : ExitCode.FAILED;
  }

  private static String pad(Status s) {
    String n = s.name();
    return n + " ".repeat(Math.max(0, 7 - n.length()));
  }
}
