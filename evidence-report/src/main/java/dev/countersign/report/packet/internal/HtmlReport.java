package dev.countersign.report.packet.internal;

import dev.countersign.report.cmmc.Coverage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report.html}: one self-contained page for people. Inline CSS and inline SVG; no script and
 * no request to anywhere. It summarises by practice and objective with coverage and evidence counts
 * (never "met"), lists the gaps, one row per image, and the AWS and admission evidence.
 */
public final class HtmlReport {
  public static final String FILE = "report.html";

  private final ReportModel m;

  public HtmlReport(ReportModel model) {
    this.m = model;
  }

  /** A coverage as people read it. */
  public static String coverageLabel(Coverage c) {
    return switch (c) {
      case DIRECT -> "Direct";
      case PARTIAL -> "Partial";
      case ORGANIZATION_DOCUMENTS -> "Needs organization documents";
    };
  }

  public byte[] render() {
    List<ReportSection> sections = sections();
    Html h = new Html();
    String org = m.settings().organization();
    h.raw("<!DOCTYPE html>").nl().open("html", "lang=\"en\"").open("head", "");
    h.raw("<meta charset=\"utf-8\">");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    h.el("title", "", "CMMC Level 2 evidence packet: " + org);
    h.raw("<style>").raw(ReportStyle.CSS).raw("</style>").close("head").nl();
    h.open("body", "");
    new ReportHeader(m).write(h);
    h.open("nav", "");
    for (ReportSection s : sections) {
      h.el("a", "href=\"#" + s.anchor() + "\"", s.navLabel());
    }
    h.close("nav").nl();
    h.open("main", "");
    for (ReportSection s : sections) {
      h.open("section", "id=\"" + s.anchor() + "\"").el("h2", "", s.heading());
      s.writeBody(h);
      h.close("section").nl();
    }
    h.close("main").close("body").close("html").nl();
    return h.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The page's sections in reading order; the Rev. 3 section only when asked for. */
  private List<ReportSection> sections() {
    List<ReportSection> sections = new ArrayList<>();
    sections.add(new SummarySection(m));
    sections.add(new PracticesSection(m));
    sections.add(new GapsSection(m));
    sections.add(new ImagesSection(m));
    sections.add(new AwsSection(m));
    sections.add(new AdmissionSection(m));
    sections.add(new PoliciesSection(m));
    if (m.settings().rev3Informative()) {
      sections.add(new Rev3Section(m));
    }
    sections.add(new IntegritySection(m));
    return List.copyOf(sections);
  }
}
