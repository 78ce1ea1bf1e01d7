package dev.countersign.cli;

import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Status;
import dev.countersign.verify.verdict.Verdict;
import dev.countersign.verify.verdict.VerdictJson;
import java.io.PrintWriter;

/** Prints verdicts: one line (plus the checks when verbose) or the verdict JSON. */
final class VerdictPrinter {
  private VerdictPrinter() {}

  static void print(PrintWriter out, Verdict verdict, OutputFormat format, boolean verbose) {
    if (format == OutputFormat.json) {
      out.println(VerdictJson.toPrettyJson(verdict));
    } else {
      out.println(verdict.summary());
      if (verbose) {
        for (CheckResult c : verdict.checks()) {
          out.println(
              "  "
                  + pad(c.status())
                  + " "
                  + c.label()
                  + (c.status() == Status.PASS ? "" : " " + c.reason())
                  + ": "
                  + c.detail());
        }
      }
    }
    out.flush();
  }

  private static String pad(Status s) {
    String n = s.name();
    return n + " ".repeat(Math.max(0, 7 - n.length()));
  }
}
