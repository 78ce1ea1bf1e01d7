package dev.countersign.report.packet.internal;

import dev.countersign.report.packet.Gap;
import dev.countersign.report.packet.GapKind;
import java.time.Instant;
import java.util.List;

/**
 * Coverage gaps: one table per kind of gap found, listing the gaps the log kept for the page; the
 * full list is always evidence/gaps/gaps.jsonl.
 */
record GapsSection(ReportModel model) implements ReportSection {

  @Override
  public String anchor() {
    return "gaps";
  }

  @Override
  public String navLabel() {
    return "Coverage gaps";
  }

  @Override
  public String heading() {
    return "Coverage gaps";
  }

  @Override
  public void writeBody(Html h) {
    if (model.gapTotal() == 0) {
      h.el("p", "", "No coverage gap was found.");
    }
    h.el(
        "p",
        "",
        "Each gap is evidence for the assessor, listed in full in evidence/gaps/gaps.jsonl.");
    for (GapKind k : GapKind.values()) {
      long n = model.gapCounts().getOrDefault(k, 0L);
      if (n > 0) {
        kind(h, k, n);
      }
    }
  }

  private void kind(Html h, GapKind k, long n) {
    h.el("h3", "id=\"gap-" + k.name() + "\"", k.title() + " (" + n + ") · " + k.name());
    h.table("class=\"gap-table\"", "Subject", "Detail", "When");
    List<Gap> kept = model.gaps().kept(k);
    for (Gap g : kept) {
      h.open("tr", "");
      h.codeCell(g.subject());
      h.el("td", "", g.detail());
      h.el("td", "", g.at().map(Instant::toString).orElse(""));
      h.close("tr").nl();
    }
    h.endTable();
    if (n > kept.size()) {
      h.el("p", "class=\"muted\"", (n - kept.size()) + " more in evidence/gaps/gaps.jsonl.");
    }
  }
}
