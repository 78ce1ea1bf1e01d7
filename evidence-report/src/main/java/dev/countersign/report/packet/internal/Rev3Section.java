package dev.countersign.report.packet.internal;

import dev.countersign.report.cmmc.Rev3EvidenceLink;
import dev.countersign.report.cmmc.Rev3Requirement;

/**
 * The informative NIST SP 800-171 Rev. 3 supply chain requirements (03.17) and the evidence kinds
 * that speak to them; shown only on request, since they are not part of a Level 2 assessment.
 */
record Rev3Section(ReportModel model) implements ReportSection {

  @Override
  public String anchor() {
    return "rev3";
  }

  @Override
  public String navLabel() {
    return "Rev. 3 (informative)";
  }

  @Override
  public String heading() {
    return "Informative: NIST SP 800-171 Rev. 3 supply chain risk management (03.17)";
  }

  @Override
  public void writeBody(Html h) {
    h.el(
        "p",
        "class=\"notice\"",
        "For information only. CMMC Level 2 is assessed against SP 800-171 Revision 2, which has no"
            + " supply chain family: these requirements have no CMMC Level 2 id and are not part of"
            + " a Level 2 assessment.");
    h.table(
        "id=\"rev3-table\"", "Requirement", "Evidence kind", "Determination statements", "Note");
    for (Rev3Requirement r : model.catalog().rev3SupplyChainInformative()) {
      for (Rev3EvidenceLink l : r.evidence()) {
        h.open("tr", "");
        h.open("td", "").el("code", "", r.id()).br().text(r.title()).close("td");
        h.codeCell(l.evidenceKind().key());
        h.el("td", "", String.join(", ", l.determinations()));
        h.el("td", "", l.note());
        h.close("tr");
      }
    }
    h.endTable();
  }
}
