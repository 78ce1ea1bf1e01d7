package dev.countersign.report.packet.internal;

import dev.countersign.report.aws.EventCategory;
import dev.countersign.report.aws.EventReadReport;
import dev.countersign.report.aws.IntegrityProblem;
import dev.countersign.report.aws.IntegrityReport;
import dev.countersign.report.aws.SourceCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Amazon ECR and CloudTrail: the repositories' settings, registry scanning and findings, then how
 * the CloudTrail ECR events were read and whether the trail's log files are intact. Evidence that
 * was not collected is said so, never left out.
 */
record AwsSection(ReportModel model) implements ReportSection {
  /** Integrity problems listed per trail location, to keep the page short; the count is total. */
  private static final int INTEGRITY_PROBLEMS_SHOWN = 20;

  @Override
  public String anchor() {
    return "aws";
  }

  @Override
  public String navLabel() {
    return "ECR and CloudTrail";
  }

  @Override
  public String heading() {
    return "Amazon ECR and CloudTrail";
  }

  @Override
  public void writeBody(Html h) {
    if (model.settings().ecr().isEmpty()) {
      h.el("p", "class=\"gap\"", "No Amazon ECR evidence was collected.");
    } else {
      ecr(h, model.ecr());
    }
    if (model.settings().cloudTrail().isEmpty()) {
      h.el("p", "class=\"gap\"", "No CloudTrail evidence was collected.");
    } else if (model.trail().read().isPresent()) {
      cloudTrail(h, model.trail(), model.trail().read().get());
    }
  }

  private void ecr(Html h, EcrFacts ecr) {
    h.el("h3", "", "ECR repositories (" + ecr.repositories().size() + ")");
    h.table(
        "id=\"ecr-repositories\"",
        "Repository",
        "Tag mutability",
        "Scan on push",
        "Encryption",
        "Resource policy");
    for (EcrFacts.Repository r : ecr.repositories().values()) {
      h.open("tr", "");
      h.codeCell(r.settings().name());
      h.el(
          "td",
          r.settings().tagsImmutable() ? "" : "class=\"gap\"",
          r.settings().imageTagMutability());
      h.el("td", "", r.settings().scanOnPush() ? "yes" : "no");
      h.el(
          "td",
          "",
          r.settings().encryptionType() + r.settings().kmsKey().map(k -> " " + k).orElse(""));
      h.el("td", "", r.policy().map(p -> p ? "yes" : "none").orElse("not read"));
      h.close("tr").nl();
    }
    h.endTable();
    ecr.scanning()
        .ifPresent(
            s -> {
              StringBuilder rules = new StringBuilder();
              s.rules()
                  .forEach(
                      r ->
                          rules
                              .append(r.scanFrequency())
                              .append(" for ")
                              .append(r.repositoryFilters())
                              .append("; "));
              h.el("p", "", "Registry scanning: " + s.scanType() + " — " + rules);
            });
    h.el(
        "p",
        "",
        ecr.images().size()
            + " images and "
            + ecr.findings()
            + " scan findings read; the findings SLA is "
            + model.settings().findingsSla().toDays()
            + " days as of "
            + model.settings().window().end()
            + ".");
    if (!ecr.problems().isEmpty()) {
      h.el(
          "p",
          "class=\"gap\"",
          ecr.problems().size()
              + " parts of the ECR evidence could not be collected (see Coverage gaps).");
    }
  }

  private static void cloudTrail(Html h, CloudTrailFacts trail, EventReadReport r) {
    h.el("h3", "", "CloudTrail ECR events");
    h.el(
        "p",
        "",
        r.read()
            + " records read, "
            + r.keptTotal()
            + " ECR events in the window kept, "
            + r.duplicates()
            + " duplicates removed by eventID; "
            + trail.nonCiPushes()
            + " pushes by principals other than CI; "
            + trail.configurationChanges()
            + " configuration changes; "
            + trail.accessDenied()
            + " access denied.");
    h.table(
        "id=\"cloudtrail-sources\"",
        "Source",
        "Pages or files",
        "Read",
        "Other services",
        "Outside window",
        "Malformed",
        "Duplicates",
        "Kept");
    for (SourceCount s : r.sources()) {
      h.open("tr", "");
      h.codeCell(s.source());
      for (long v :
          new long[] {
            s.units(),
            s.read(),
            s.otherService(),
            s.outsideWindow(),
            s.malformed(),
            s.duplicates(),
            s.keptTotal()
          }) {
        h.el("td", "", Long.toString(v));
      }
      h.close("tr");
    }
    h.endTable();
    Map<EventCategory, Long> kept = r.kept();
    List<Charts.Bar> bars = new ArrayList<>();
    for (EventCategory c : EventCategory.values()) {
      bars.add(new Charts.Bar(c.fileStem(), kept.getOrDefault(c, 0L), "#0b3d5c"));
    }
    h.raw(Charts.bars("ECR events by category", "chart-events", bars));
    for (IntegrityReport ir : trail.integrity()) {
      logFileIntegrity(h, ir);
    }
  }

  private static void logFileIntegrity(Html h, IntegrityReport ir) {
    h.el(
        "p",
        ir.intact() ? "" : "class=\"gap\"",
        "Log file integrity of "
            + ir.location()
            + ": "
            + (ir.intact() ? "intact" : "NOT intact")
            + " — "
            + ir.digestsValid()
            + " of "
            + ir.digestFiles()
            + " digest files verified, "
            + ir.logFilesValid()
            + " of "
            + ir.logFilesListed()
            + " listed log files matched, "
            + ir.problems().size()
            + " problems.");
    List<IntegrityProblem> shown =
        ir.problems().subList(0, Math.min(INTEGRITY_PROBLEMS_SHOWN, ir.problems().size()));
    for (IntegrityProblem p : shown) {
      h.el("p", "class=\"gap\"", p.kind() + " " + p.file() + ": " + p.message());
    }
  }
}
