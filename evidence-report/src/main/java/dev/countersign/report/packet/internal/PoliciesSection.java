package dev.countersign.report.packet.internal;

import dev.countersign.verify.policy.LintFinding;
import dev.countersign.verify.trust.TrustRoot;

/** Policies and trust roots: the policy revision evaluated, its lint findings and trust roots. */
record PoliciesSection(ReportModel model) implements ReportSection {

  @Override
  public String anchor() {
    return "policies";
  }

  @Override
  public String navLabel() {
    return "Policies";
  }

  @Override
  public String heading() {
    return "Policies and trust roots";
  }

  @Override
  public void writeBody(Html h) {
    h.el(
        "p",
        "",
        "Policy revision "
            + model.policyRevision()
            + "; evidence source: "
            + model.settings().evidenceSourceDescription()
            + ".");
    if (model.lint().isEmpty()) {
      h.el("p", "", "Policy lint found nothing.");
    } else {
      h.open("ul", "");
      for (LintFinding f : model.lint()) {
        h.el("li", "", f.toString());
      }
      h.close("ul");
    }
    h.open("ul", "");
    for (TrustRoot r : model.settings().trustRoots()) {
      h.el("li", "", "Trust root " + r.name() + " " + r.revision());
    }
    h.close("ul");
  }
}
