package dev.countersign.report.packet.internal;

/**
 * The page header of {@code report.html}: the organisation, the evidence window, what produced the
 * packet, and the notice that the packet is evidence and never a determination.
 */
record ReportHeader(ReportModel model) {

  void write(Html h) {
    String org = model.settings().organization();
    h.open("header", "");
    h.el("h1", "", "CMMC Level 2 evidence packet");
    h.el("p", "class=\"org\"", org);
    h.el(
        "p",
        "",
        "Evidence window: "
            + model.settings().window().start()
            + " to "
            + model.settings().window().end()
            + " · generated "
            + model.generated()
            + " · Countersign "
            + model.settings().toolVersion());
    h.el(
        "p",
        "",
        "CMMC catalog "
            + model.catalog().id()
            + " (revision "
            + shortHash(model.catalog().revision())
            + ") · policy revision "
            + model.policyRevision());
    h.el(
        "p",
        "class=\"notice\"",
        "This packet is evidence. It links each piece of evidence to the NIST SP 800-171A"
            + " assessment objectives it supports and says how far (direct, partial, or needing the"
            + " organization's own documents). It does not declare any objective met or not met:"
            + " that determination is the assessor's.");
    h.close("header").nl();
  }

  /** Enough of a catalog revision hash to tell revisions apart at a glance. */
  private static String shortHash(String hex) {
    return hex.length() > 16 ? hex.substring(0, 16) + "…" : hex;
  }
}
