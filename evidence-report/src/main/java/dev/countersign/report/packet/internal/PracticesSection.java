package dev.countersign.report.packet.internal;

import dev.countersign.report.cmmc.Coverage;
import dev.countersign.report.cmmc.Practice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Practices and objectives: one row per assessment objective with evidence in the packet, then the
 * practices that have none, so the assessor sees what the packet leaves to other systems.
 */
record PracticesSection(ReportModel model) implements ReportSection {

  @Override
  public String anchor() {
    return "practices";
  }

  @Override
  public String navLabel() {
    return "Practices";
  }

  @Override
  public String heading() {
    return "Practices and objectives";
  }

  @Override
  public void writeBody(Html h) {
    h.el(
        "p",
        "",
        "Each row is one NIST SP 800-171A assessment objective with evidence in this packet: the"
            + " kinds of evidence that support it, how far (coverage), and how many files. The"
            + " files and an index with their SHA-256 and queries are in practices/<practice>/.");
    h.table(
        "id=\"practice-table\"",
        "Practice",
        "Objective",
        "Determination statement",
        "Evidence kind and coverage",
        "Files");
    for (PracticeFolders.PracticeEvidence pe : model.practices()) {
      Map<String, List<PracticeFolders.Row>> byObjective = new LinkedHashMap<>();
      for (PracticeFolders.Row r : pe.rows()) {
        byObjective.computeIfAbsent(r.objective(), k -> new ArrayList<>()).add(r);
      }
      for (Map.Entry<String, List<PracticeFolders.Row>> e : byObjective.entrySet()) {
        objectiveRow(h, pe.practice(), e.getKey(), e.getValue());
      }
    }
    h.endTable();
    List<String> without = practicesWithout();
    h.el(
        "p",
        "class=\"muted\"",
        without.size()
            + " of "
            + model.catalog().practices().size()
            + " practices have no evidence in this packet (their evidence is the organization's"
            + " other systems and documents): "
            + String.join(", ", without));
  }

  private static void objectiveRow(
      Html h, Practice practice, String objective, List<PracticeFolders.Row> rows) {
    h.open("tr", "");
    h.open("td", "").el("code", "", practice.id()).br().span("muted", practice.title()).close("td");
    h.codeCell(objective);
    h.el("td", "", rows.get(0).objectiveText());
    h.open("td", "");
    Map<String, String> kinds = new LinkedHashMap<>();
    for (PracticeFolders.Row r : rows) {
      kinds.putIfAbsent(r.evidenceKind(), r.coverage());
    }
    for (Map.Entry<String, String> k : kinds.entrySet()) {
      Coverage c = Coverage.fromKey(k.getValue()).orElseThrow();
      h.el("code", "", k.getKey())
          .raw(": ")
          .span("cov-" + c.key(), HtmlReport.coverageLabel(c))
          .br();
    }
    h.close("td");
    h.el("td", "", Long.toString(rows.stream().map(r -> r.file().path()).distinct().count()));
    h.close("tr").nl();
  }

  /** The catalog's practices with no evidence in the packet, in catalog order. */
  private List<String> practicesWithout() {
    Set<String> with = new LinkedHashSet<>();
    model.practices().forEach(p -> with.add(p.practice().id()));
    List<String> without = new ArrayList<>();
    for (Practice p : model.catalog().practices()) {
      if (!with.contains(p.id())) {
        without.add(p.id());
      }
    }
    return without;
  }
}
