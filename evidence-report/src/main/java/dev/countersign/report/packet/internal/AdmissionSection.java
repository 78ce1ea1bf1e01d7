package dev.countersign.report.packet.internal;

import java.util.TreeMap;

/**
 * Admission control: whether the webhook's decision log verifies, what it recorded in the window,
 * and how the webhooks are configured (a webhook that fails open is marked as a gap).
 */
record AdmissionSection(ReportModel model) implements ReportSection {
  /** Verification problems listed on the page; the warning above them gives the total. */
  private static final int PROBLEMS_SHOWN = 10;

  @Override
  public String anchor() {
    return "admission";
  }

  @Override
  public String navLabel() {
    return "Admission";
  }

  @Override
  public String heading() {
    return "Admission control";
  }

  @Override
  public void writeBody(Html h) {
    AdmissionFacts a = model.admission();
    if (a.verification().isEmpty()) {
      h.el("p", "class=\"gap\"", "No decision log of the admission webhook was given.");
    } else {
      decisionLog(h, a);
    }
    if (!a.webhooks().isEmpty()) {
      webhooks(h, a);
    }
  }

  private void decisionLog(Html h, AdmissionFacts a) {
    var v = a.verification().get();
    if (!v.valid()) {
      h.el(
          "p",
          "class=\"gap\" id=\"decision-log-warning\"",
          "WARNING: the decision log does not verify ("
              + v.problemCount()
              + " problems: lines changed, removed or cut). Only records whose chain position and"
              + " signature verified before the first problem are used as evidence of admission"
              + " (below); evidence/admission/summary.json also summarises every line as"
              + " UNVERIFIED.");
      for (var p : v.problems().subList(0, Math.min(PROBLEMS_SHOWN, v.problems().size()))) {
        h.el("p", "class=\"gap\"", p.toString());
      }
    } else {
      h.el(
          "p",
          "",
          "The decision log verifies: every line's signature and the hash chain are intact.");
    }
    h.el(
        "p",
        "",
        v.files().size()
            + " files, "
            + v.records()
            + " records; "
            + a.recordsRead()
            + " verified records read, "
            + a.recordsInWindow()
            + " in the window: "
            + new TreeMap<>(a.decisions())
            + "; "
            + a.unverifiedAdmissions()
            + " admitted without a verified decision; "
            + a.silences().size()
            + " periods longer than "
            + AdmissionStage.human(model.settings().maxAdmissionSilence())
            + " without any record.");
  }

  private static void webhooks(Html h, AdmissionFacts a) {
    h.table("id=\"webhooks\"", "Configuration", "Webhook", "Failure policy", "Timeout (s)");
    for (AdmissionFacts.Webhook w : a.webhooks()) {
      h.open("tr", "");
      h.el("td", "", w.configuration());
      h.el("td", "", w.name());
      h.el(
          "td",
          w.failurePolicy().equalsIgnoreCase("Ignore") ? "class=\"gap\"" : "",
          w.failurePolicy());
      h.el("td", "", w.timeoutSeconds());
      h.close("tr");
    }
    h.endTable();
  }
}
