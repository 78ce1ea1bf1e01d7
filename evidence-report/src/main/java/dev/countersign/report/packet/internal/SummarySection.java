package dev.countersign.report.packet.internal;

import dev.countersign.report.cmmc.Coverage;
import dev.countersign.report.cmmc.Family;
import dev.countersign.report.cmmc.Practice;
import dev.countersign.report.packet.GapKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary: headline counts as cards, then charts of images by policy decision, gaps by kind and
 * objectives with evidence by family and best coverage.
 */
record SummarySection(ReportModel model) implements ReportSection {

  @Override
  public String anchor() {
    return "summary";
  }

  @Override
  public String navLabel() {
    return "Summary";
  }

  @Override
  public String heading() {
    return "Summary";
  }

  @Override
  public void writeBody(Html h) {
    cards(h);
    h.raw(decisionChart());
    h.raw(gapChart());
    h.raw(coverageChart());
  }

  private void cards(Html h) {
    long running = model.rows().stream().filter(ImageRow::isRunning).count();
    long passing = model.rows().stream().filter(r -> r.facts().passed()).count();
    long practicesWithEvidence = model.practices().size();
    long objectives =
        model.practices().stream()
            .flatMap(p -> p.rows().stream())
            .map(PracticeFolders.Row::objective)
            .distinct()
            .count();
    h.open("div", "class=\"cards\"");
    card(h, "Image digests", model.rows().size());
    card(h, "Running", running);
    card(h, "Passing verdict", passing);
    card(h, "Coverage gaps", model.gapTotal());
    card(h, "Practices with evidence", practicesWithEvidence);
    card(h, "Objectives with evidence", objectives);
    h.close("div");
  }

  private static void card(Html h, String label, long value) {
    h.open("div", "class=\"card\"").el("b", "", Long.toString(value)).text(label).close("div");
  }

  private String decisionChart() {
    Map<String, Long> decisions = new LinkedHashMap<>();
    decisions.put("ALLOW", 0L);
    decisions.put("ALLOW_WITH_WARNINGS", 0L);
    decisions.put("DENY", 0L);
    long notEvaluated = 0;
    for (ImageRow r : model.rows()) {
      decisions.merge(r.facts().decision(), 1L, Long::sum);
      if (!r.facts().evaluated()) {
        notEvaluated++;
      }
    }
    return Charts.bars(
        "Images by policy decision",
        "chart-decisions",
        List.of(
            new Charts.Bar("ALLOW", decisions.get("ALLOW"), "#1a7f37"),
            new Charts.Bar("ALLOW_WITH_WARNINGS", decisions.get("ALLOW_WITH_WARNINGS"), "#bf8700"),
            new Charts.Bar("DENY", decisions.get("DENY"), "#cf222e"),
            new Charts.Bar("could not be evaluated", notEvaluated, "#57606a")));
  }

  private String gapChart() {
    List<Charts.Bar> bars = new ArrayList<>();
    for (GapKind k : GapKind.values()) {
      long n = model.gapCounts().getOrDefault(k, 0L);
      if (n > 0) {
        bars.add(new Charts.Bar(k.title(), n, "#cf222e"));
      }
    }
    if (bars.isEmpty()) {
      bars.add(new Charts.Bar("no gaps found", 0, "#1a7f37"));
    }
    return Charts.bars("Coverage gaps by kind", "chart-gaps", bars);
  }

  private String coverageChart() {
    List<Charts.Stack> stacks = new ArrayList<>();
    for (Family f : model.catalog().families()) {
      Map<Coverage, Long> objectives = new EnumMap<>(Coverage.class);
      for (Practice p : model.catalog().practicesByFamily(f.id())) {
        for (Coverage c : bestCoverage(p).values()) {
          objectives.merge(c, 1L, Long::sum);
        }
      }
      stacks.add(new Charts.Stack(f.id() + " " + f.title(), coverageBars(objectives)));
    }
    return Charts.stacks(
        "Objectives with evidence in this packet, by family and best coverage",
        "chart-coverage",
        stacks,
        coverageBars(Map.of()));
  }

  /** One segment per coverage, strongest first, so the legend and every bar read alike. */
  private static List<Charts.Bar> coverageBars(Map<Coverage, Long> objectives) {
    List<Charts.Bar> bars = new ArrayList<>();
    for (Coverage c : Coverage.values()) {
      bars.add(
          new Charts.Bar(HtmlReport.coverageLabel(c), objectives.getOrDefault(c, 0L), colour(c)));
    }
    return List.copyOf(bars);
  }

  private static String colour(Coverage c) {
    return switch (c) {
      case DIRECT -> "#1a7f37";
      case PARTIAL -> "#bf8700";
      case ORGANIZATION_DOCUMENTS -> "#8250df";
    };
  }

  /** The best coverage of each objective of a practice that has evidence in the packet. */
  private Map<String, Coverage> bestCoverage(Practice p) {
    Map<String, Coverage> best = new LinkedHashMap<>();
    for (PracticeFolders.PracticeEvidence pe : model.practices()) {
      if (!pe.practice().id().equals(p.id())) {
        continue;
      }
      for (PracticeFolders.Row r : pe.rows()) {
        Coverage c = Coverage.fromKey(r.coverage()).orElseThrow();
        best.merge(r.objective(), c, (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
      }
    }
    return best;
  }
}
