package dev.countersign.report.packet.internal;

import dev.countersign.report.aws.EventCategory;
import dev.countersign.report.aws.EventReadReport;
import dev.countersign.report.aws.IntegrityProblem;
import dev.countersign.report.aws.IntegrityReport;
import dev.countersign.report.aws.SourceCount;
import dev.countersign.report.cmmc.Coverage;
import dev.countersign.report.cmmc.Family;
import dev.countersign.report.cmmc.Practice;
import dev.countersign.report.cmmc.Rev3EvidenceLink;
import dev.countersign.report.cmmc.Rev3Requirement;
import dev.countersign.report.inventory.RunningImage;
import dev.countersign.report.packet.Gap;
import dev.countersign.report.packet.GapKind;
import dev.countersign.verify.policy.LintFinding;
import dev.countersign.verify.trust.TrustRoot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code report.html}: one self-contained page for people. Inline CSS and inline SVG; no script and
 * no request to anywhere. It summarises by practice and objective with coverage and evidence counts
 * (never "met"), lists the gaps, one row per image, and the AWS and admission evidence.
 */
public final class HtmlReport {
  public static final String FILE = "report.html";
  private static final String CSS =
      "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1b1f24;background:#fff}"
          + "header{background:#0b3d5c;color:#fff;padding:24px 32px}header h1{margin:0 0 6px;font-size:24px}"
          + "header p{margin:2px 0}.notice{margin-top:12px;padding:10px 14px;background:#fff3cd;color:#4d3b00;border-radius:4px}"
          + "nav{padding:10px 32px;background:#eef2f5;border-bottom:1px solid #d0d7de}nav a{margin-right:16px;color:#0b3d5c}"
          + "main{padding:8px 32px 48px}section{margin-top:28px}h2{border-bottom:2px solid #0b3d5c;padding-bottom:4px}"
          + "table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}"
          + "th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}"
          + "th{background:#f3f5f7}tr:nth-child(even) td{background:#fafbfc}"
          + ".cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:150px}"
          + ".card b{display:block;font-size:22px}.cov-direct{color:#1a7f37;font-weight:600}"
          + ".cov-partial{color:#9a6700;font-weight:600}.cov-organization-documents{color:#6639ba;font-weight:600}"
          + ".d-ALLOW{color:#1a7f37;font-weight:600}.d-ALLOW_WITH_WARNINGS{color:#9a6700;font-weight:600}"
          + ".d-DENY{color:#cf222e;font-weight:600}.gap{color:#cf222e}.muted{color:#57606a}"
          + "code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}"
          + ".chart-title{font:bold 13px sans-serif}.chart-label,.chart-value{font:12px sans-serif}"
          + "figure.chart{margin:8px 24px 8px 0;display:inline-block;vertical-align:top}";

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
    Html h = new Html();
    String org = m.settings().organization();
    h.raw("<!DOCTYPE html>").nl().open("html", "lang=\"en\"").open("head", "");
    h.raw("<meta charset=\"utf-8\">");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    h.el("title", "", "CMMC Level 2 evidence packet: " + org);
    h.raw("<style>").raw(CSS).raw("</style>").close("head").nl();
    h.open("body", "");
    header(h, org);
    h.open("nav", "")
        .raw("<a href=\"#summary\">Summary</a><a href=\"#practices\">Practices</a>")
        .raw("<a href=\"#gaps\">Coverage gaps</a><a href=\"#images\">Images</a>")
        .raw("<a href=\"#aws\">ECR and CloudTrail</a><a href=\"#admission\">Admission</a>")
        .raw("<a href=\"#policies\">Policies</a>")
        .raw(m.settings().rev3Informative() ? "<a href=\"#rev3\">Rev. 3 (informative)</a>" : "")
        .raw("<a href=\"#integrity\">Packet integrity</a>")
        .close("nav")
        .nl();
    h.open("main", "");
    summary(h);
    practices(h);
    gaps(h);
    images(h);
    aws(h);
    admission(h);
    policies(h);
    if (m.settings().rev3Informative()) {
      rev3(h);
    }
    integrity(h);
    h.close("main").close("body").close("html").nl();
    return h.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void header(Html h, String org) {
    h.open("header", "");
    h.el("h1", "", "CMMC Level 2 evidence packet");
    h.el("p", "class=\"org\"", org);
    h.el(
        "p",
        "",
        "Evidence window: "
            + m.settings().window().start()
            + " to "
            + m.settings().window().end()
            + " · generated "
            + m.generated()
            + " · Countersign "
            + m.settings().toolVersion());
    h.el(
        "p",
        "",
        "CMMC catalog "
            + m.catalog().id()
            + " (revision "
            + shortHash(m.catalog().revision())
            + ") · policy revision "
            + m.policyRevision());
    h.el(
        "p",
        "class=\"notice\"",
        "This packet is evidence. It links each piece of evidence to the NIST SP 800-171A"
            + " assessment objectives it supports and says how far (direct, partial, or needing the"
            + " organization's own documents). It does not declare any objective met or not met:"
            + " that determination is the assessor's.");
    h.close("header").nl();
  }

  private void summary(Html h) {
    h.open("section", "id=\"summary\"").el("h2", "", "Summary");
    long running = m.rows().stream().filter(ImageRow::isRunning).count();
    long passing = m.rows().stream().filter(r -> r.facts().passed()).count();
    long practicesWithEvidence = m.practices().size();
    long objectives =
        m.practices().stream()
            .flatMap(p -> p.rows().stream())
            .map(PracticeFolders.Row::objective)
            .distinct()
            .count();
    h.open("div", "class=\"cards\"");
    card(h, "Image digests", m.rows().size());
    card(h, "Running", running);
    card(h, "Passing verdict", passing);
    card(h, "Coverage gaps", m.gapTotal());
    card(h, "Practices with evidence", practicesWithEvidence);
    card(h, "Objectives with evidence", objectives);
    h.close("div");

    Map<String, Long> decisions = new LinkedHashMap<>();
    decisions.put("ALLOW", 0L);
    decisions.put("ALLOW_WITH_WARNINGS", 0L);
    decisions.put("DENY", 0L);
    long notEvaluated = 0;
    for (ImageRow r : m.rows()) {
      decisions.merge(r.facts().decision(), 1L, Long::sum);
      if (!r.facts().evaluated()) {
        notEvaluated++;
      }
    }
    h.raw(
        Charts.bars(
            "Images by policy decision",
            "chart-decisions",
            List.of(
                new Charts.Bar("ALLOW", decisions.get("ALLOW"), "#1a7f37"),
                new Charts.Bar(
                    "ALLOW_WITH_WARNINGS", decisions.get("ALLOW_WITH_WARNINGS"), "#bf8700"),
                new Charts.Bar("DENY", decisions.get("DENY"), "#cf222e"),
                new Charts.Bar("could not be evaluated", notEvaluated, "#57606a"))));
    List<Charts.Bar> gapBars = new ArrayList<>();
    for (GapKind k : GapKind.values()) {
      long n = m.gapCounts().getOrDefault(k, 0L);
      if (n > 0) {
        gapBars.add(new Charts.Bar(k.title(), n, "#cf222e"));
      }
    }
    if (gapBars.isEmpty()) {
      gapBars.add(new Charts.Bar("no gaps found", 0, "#1a7f37"));
    }
    h.raw(Charts.bars("Coverage gaps by kind", "chart-gaps", gapBars));

    List<Charts.Stack> stacks = new ArrayList<>();
    for (Family f : m.catalog().families()) {
      long direct = 0;
      long partial = 0;
      long docs = 0;
      for (Practice p : m.catalog().practicesByFamily(f.id())) {
        Map<String, Coverage> best = bestCoverage(p);
        for (Coverage c : best.values()) {
          switch (c) {
            case DIRECT -> direct++;
            case PARTIAL -> partial++;
            case ORGANIZATION_DOCUMENTS -> docs++;
          }
        }
      }
      stacks.add(
          new Charts.Stack(
              f.id() + " " + f.title(),
              List.of(
                  new Charts.Bar("Direct", direct, "#1a7f37"),
                  new Charts.Bar("Partial", partial, "#bf8700"),
                  new Charts.Bar("Needs organization documents", docs, "#8250df"))));
    }
    h.raw(
        Charts.stacks(
            "Objectives with evidence in this packet, by family and best coverage",
            "chart-coverage",
            stacks,
            List.of(
                new Charts.Bar("Direct", 0, "#1a7f37"),
                new Charts.Bar("Partial", 0, "#bf8700"),
                new Charts.Bar("Needs organization documents", 0, "#8250df"))));
    h.close("section").nl();
  }

  /** The best coverage of each objective of a practice that has evidence in the packet. */
  private Map<String, Coverage> bestCoverage(Practice p) {
    Map<String, Coverage> best = new LinkedHashMap<>();
    for (PracticeFolders.PracticeEvidence pe : m.practices()) {
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

  private static void card(Html h, String label, long value) {
    h.open("div", "class=\"card\"").el("b", "", Long.toString(value)).text(label).close("div");
  }

  private void practices(Html h) {
    h.open("section", "id=\"practices\"").el("h2", "", "Practices and objectives");
    h.el(
        "p",
        "",
        "Each row is one NIST SP 800-171A assessment objective with evidence in this packet: the"
            + " kinds of evidence that support it, how far (coverage), and how many files. The"
            + " files and an index with their SHA-256 and queries are in practices/<practice>/.");
    h.open("table", "id=\"practice-table\"");
    h.raw(
        "<thead><tr><th>Practice</th><th>Objective</th><th>Determination statement</th>"
            + "<th>Evidence kind and coverage</th><th>Files</th></tr></thead><tbody>");
    for (PracticeFolders.PracticeEvidence pe : m.practices()) {
      Map<String, List<PracticeFolders.Row>> byObjective = new LinkedHashMap<>();
      for (PracticeFolders.Row r : pe.rows()) {
        byObjective.computeIfAbsent(r.objective(), k -> new ArrayList<>()).add(r);
      }
      for (Map.Entry<String, List<PracticeFolders.Row>> e : byObjective.entrySet()) {
        h.open("tr", "");
        h.open("td", "")
            .el("code", "", pe.practice().id())
            .raw("<br>")
            .el("span", "class=\"muted\"", pe.practice().title())
            .close("td");
        h.open("td", "").el("code", "", e.getKey()).close("td");
        h.el("td", "", e.getValue().get(0).objectiveText());
        h.open("td", "");
        Map<String, String> kinds = new LinkedHashMap<>();
        for (PracticeFolders.Row r : e.getValue()) {
          kinds.putIfAbsent(r.evidenceKind(), r.coverage());
        }
        for (Map.Entry<String, String> k : kinds.entrySet()) {
          Coverage c = Coverage.fromKey(k.getValue()).orElseThrow();
          h.el("code", "", k.getKey())
              .raw(": ")
              .el("span", "class=\"cov-" + c.key() + "\"", coverageLabel(c))
              .raw("<br>");
        }
        h.close("td");
        h.el(
            "td",
            "",
            Long.toString(e.getValue().stream().map(r -> r.file().path()).distinct().count()));
        h.close("tr").nl();
      }
    }
    h.raw("</tbody>").close("table");
    List<String> without = new ArrayList<>();
    Set<String> with = new LinkedHashSet<>();
    m.practices().forEach(p -> with.add(p.practice().id()));
    for (Practice p : m.catalog().practices()) {
      if (!with.contains(p.id())) {
        without.add(p.id());
      }
    }
    h.el(
        "p",
        "class=\"muted\"",
        without.size()
            + " of "
            + m.catalog().practices().size()
            + " practices have no evidence in this packet (their evidence is the organization's"
            + " other systems and documents): "
            + String.join(", ", without));
    h.close("section").nl();
  }

  private void gaps(Html h) {
    h.open("section", "id=\"gaps\"").el("h2", "", "Coverage gaps");
    if (m.gapTotal() == 0) {
      h.el("p", "", "No coverage gap was found.");
    }
    h.el(
        "p",
        "",
        "Each gap is evidence for the assessor, listed in full in evidence/gaps/gaps.jsonl.");
    for (GapKind k : GapKind.values()) {
      long n = m.gapCounts().getOrDefault(k, 0L);
      if (n == 0) {
        continue;
      }
      h.el("h3", "id=\"gap-" + k.name() + "\"", k.title() + " (" + n + ") · " + k.name());
      h.open("table", "class=\"gap-table\"");
      h.raw("<thead><tr><th>Subject</th><th>Detail</th><th>When</th></tr></thead><tbody>");
      List<Gap> kept = m.gaps().kept(k);
      for (Gap g : kept) {
        h.open("tr", "");
        h.open("td", "").el("code", "", g.subject()).close("td");
        h.el("td", "", g.detail());
        h.el("td", "", g.at().map(Instant::toString).orElse(""));
        h.close("tr").nl();
      }
      h.raw("</tbody>").close("table");
      if (n > kept.size()) {
        h.el("p", "class=\"muted\"", (n - kept.size()) + " more in evidence/gaps/gaps.jsonl.");
      }
    }
    h.close("section").nl();
  }

  private void images(Html h) {
    h.open("section", "id=\"images\"").el("h2", "", "Images");
    h.el(
        "p",
        "",
        "One row per image digest in scope: the policy decision, who signed it, what built it from"
            + " which source, its SBOM, its ECR scan, who pushed it, when it was admitted, and"
            + " where it runs. Each decision with every check is a line of"
            + " evidence/images/decisions.jsonl; the raw evidence of each image is listed in"
            + " evidence/images/<registry>/<repository>/sha256-<hex>/evidence.json.");
    h.open("table", "id=\"image-table\"");
    h.raw(
        "<thead><tr><th>Image</th><th>Decision</th><th>Signed by</th><th>Built by / source</th>"
            + "<th>SBOM</th><th>Scan (ECR)</th><th>Pushed by</th><th>Admitted</th>"
            + "<th>Running where</th><th>Gaps</th></tr></thead><tbody>");
    for (ImageRow r : m.rows()) {
      ImageFacts f = r.facts();
      h.open("tr", "class=\"image-row\"");
      h.open("td", "")
          .el("code", "", r.repository())
          .raw("<br>")
          .el("code", "class=\"muted\"", shortDigest(r.digest()))
          .close("td");
      h.open("td", "")
          .el("span", "class=\"d-" + f.decision() + "\"", f.decision())
          .raw("<br>")
          .el("span", "class=\"muted\"", f.reason())
          .close("td");
      ImageFacts.Part sig = f.signature();
      String signer = sig.fact("certificate.san");
      h.open("td", "");
      if (!signer.isEmpty()) {
        h.el("code", "", signer)
            .raw("<br>")
            .el("span", "class=\"muted\"", sig.fact("certificate.issuer"));
        if (!sig.status().equals("PASS")) {
          h.raw("<br>").el("span", "class=\"gap\"", sig.status() + " " + sig.reason());
        }
      } else {
        h.el(
            "span",
            "class=\"gap\"",
            "not signed (" + (sig.reason().isEmpty() ? sig.status() : sig.reason()) + ")");
      }
      h.close("td");
      ImageFacts.Part prov = f.attestation("provenance");
      h.open("td", "");
      if (!prov.fact("builder.id").isEmpty()) {
        h.el("code", "", prov.fact("builder.id"))
            .raw("<br>")
            .el("code", "class=\"muted\"", prov.fact("source.uri") + " " + prov.fact("source.ref"))
            .raw("<br>")
            .text(
                prov.fact("slsa.level").isEmpty()
                    ? ""
                    : "SLSA build level " + prov.fact("slsa.level"));
      } else {
        h.el(
            "span",
            "class=\"muted\"",
            prov.status().equals("NONE") ? "no provenance" : prov.status() + " " + prov.reason());
      }
      h.close("td");
      ImageFacts.Part sbom = f.attestation("sbom");
      h.open("td", "");
      if (!sbom.fact("format").isEmpty()) {
        h.text(sbom.fact("format") + ", " + sbom.fact("components") + " components");
      }
      if (!sbom.status().equals("PASS")) {
        h.raw(sbom.fact("format").isEmpty() ? "" : "<br>")
            .el(
                "span",
                sbom.status().equals("NONE") ? "class=\"muted\"" : "class=\"gap\"",
                sbom.status().equals("NONE") ? "no SBOM" : sbom.status() + " " + sbom.reason());
      }
      h.close("td");
      h.open("td", "");
      if (r.ecr().isPresent()) {
        EcrFacts.Image e = r.ecr().get();
        h.text(e.image().scanStatus().orElse("not scanned"));
        e.image()
            .scanCompletedAt()
            .ifPresent(t -> h.raw("<br>").el("span", "class=\"muted\"", t.toString()));
        if (!e.severities().isEmpty()) {
          h.raw("<br>").text(new TreeMap<>(e.severities()).toString());
        }
        if (!e.late().isEmpty()) {
          h.raw("<br>").el("span", "class=\"gap\"", e.late().size() + " past SLA");
        }
      } else {
        h.el("span", "class=\"muted\"", "not in ECR evidence");
      }
      h.close("td");
      h.open("td", "");
      if (r.pushes().isEmpty()) {
        h.el("span", "class=\"muted\"", "no push in the window");
      } else {
        CloudTrailFacts.Push p = r.pushes().get(r.pushes().size() - 1);
        h.el("code", "", p.principal())
            .raw("<br>")
            .el("span", "class=\"muted\"", p.time().toString());
        if (!p.ci()) {
          h.raw("<br>").el("span", "class=\"gap\"", "not a CI principal");
        }
      }
      h.close("td");
      h.open("td", "");
      if (r.admission().isPresent()) {
        AdmissionFacts.Admission a = r.admission().get();
        h.text(a.lastDecision() + " " + a.last())
            .raw("<br>")
            .el(
                "span",
                "class=\"muted\"",
                a.allowed() + " allowed, " + a.denied() + " denied; " + a.lastObject());
      } else {
        h.el("span", r.isRunning() ? "class=\"gap\"" : "class=\"muted\"", "no admission record");
      }
      h.close("td");
      h.open("td", "");
      List<RunningImage> places = r.running().stream().filter(RunningImage::running).toList();
      if (places.isEmpty()) {
        h.el("span", "class=\"muted\"", "not running");
      } else {
        for (int i = 0; i < Math.min(3, places.size()); i++) {
          h.el("code", "", places.get(i).place()).raw("<br>");
        }
        if (places.size() > 3) {
          h.text("and " + (places.size() - 3) + " more");
        }
      }
      h.close("td");
      h.open("td", "");
      for (GapKind g : r.gaps().stream().sorted().toList()) {
        h.el("span", "class=\"gap\"", g.name()).raw("<br>");
      }
      h.close("td");
      h.close("tr").nl();
    }
    h.raw("</tbody>").close("table").close("section").nl();
  }

  private void aws(Html h) {
    h.open("section", "id=\"aws\"").el("h2", "", "Amazon ECR and CloudTrail");
    if (m.settings().ecr().isEmpty()) {
      h.el("p", "class=\"gap\"", "No Amazon ECR evidence was collected.");
    } else {
      h.el("h3", "", "ECR repositories (" + m.ecr().repositories().size() + ")");
      h.open("table", "id=\"ecr-repositories\"");
      h.raw(
          "<thead><tr><th>Repository</th><th>Tag mutability</th><th>Scan on push</th>"
              + "<th>Encryption</th><th>Resource policy</th></tr></thead><tbody>");
      for (EcrFacts.Repository r : m.ecr().repositories().values()) {
        h.open("tr", "");
        h.open("td", "").el("code", "", r.settings().name()).close("td");
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
      h.raw("</tbody>").close("table");
      m.ecr()
          .scanning()
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
          m.ecr().images().size()
              + " images and "
              + m.ecr().findings()
              + " scan findings read; the findings SLA is "
              + m.settings().findingsSla().toDays()
              + " days as of "
              + m.settings().window().end()
              + ".");
      if (!m.ecr().problems().isEmpty()) {
        h.el(
            "p",
            "class=\"gap\"",
            m.ecr().problems().size()
                + " parts of the ECR evidence could not be collected (see Coverage gaps).");
      }
    }
    if (m.settings().cloudTrail().isEmpty()) {
      h.el("p", "class=\"gap\"", "No CloudTrail evidence was collected.");
    } else if (m.trail().read().isPresent()) {
      EventReadReport r = m.trail().read().get();
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
              + m.trail().nonCiPushes()
              + " pushes by principals other than CI; "
              + m.trail().configurationChanges()
              + " configuration changes; "
              + m.trail().accessDenied()
              + " access denied.");
      h.open("table", "id=\"cloudtrail-sources\"");
      h.raw(
          "<thead><tr><th>Source</th><th>Pages or files</th><th>Read</th><th>Other services</th>"
              + "<th>Outside window</th><th>Malformed</th><th>Duplicates</th><th>Kept</th></tr></thead><tbody>");
      for (SourceCount s : r.sources()) {
        h.open("tr", "");
        h.open("td", "").el("code", "", s.source()).close("td");
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
      h.raw("</tbody>").close("table");
      Map<EventCategory, Long> kept = r.kept();
      List<Charts.Bar> bars = new ArrayList<>();
      for (EventCategory c : EventCategory.values()) {
        bars.add(new Charts.Bar(c.fileStem(), kept.getOrDefault(c, 0L), "#0b3d5c"));
      }
      h.raw(Charts.bars("ECR events by category", "chart-events", bars));
      for (IntegrityReport ir : m.trail().integrity()) {
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
        for (IntegrityProblem p : ir.problems().subList(0, Math.min(20, ir.problems().size()))) {
          h.el("p", "class=\"gap\"", p.kind() + " " + p.file() + ": " + p.message());
        }
      }
    }
    h.close("section").nl();
  }

  private void admission(Html h) {
    h.open("section", "id=\"admission\"").el("h2", "", "Admission control");
    AdmissionFacts a = m.admission();
    if (a.verification().isEmpty()) {
      h.el("p", "class=\"gap\"", "No decision log of the admission webhook was given.");
    } else {
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
        for (var p : v.problems().subList(0, Math.min(10, v.problems().size()))) {
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
              + AdmissionStage.human(m.settings().maxAdmissionSilence())
              + " without any record.");
    }
    if (!a.webhooks().isEmpty()) {
      h.open("table", "id=\"webhooks\"");
      h.raw(
          "<thead><tr><th>Configuration</th><th>Webhook</th><th>Failure policy</th><th>Timeout (s)</th></tr></thead><tbody>");
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
      h.raw("</tbody>").close("table");
    }
    h.close("section").nl();
  }

  private void policies(Html h) {
    h.open("section", "id=\"policies\"").el("h2", "", "Policies and trust roots");
    h.el(
        "p",
        "",
        "Policy revision "
            + m.policyRevision()
            + "; evidence source: "
            + m.settings().evidenceSourceDescription()
            + ".");
    if (m.lint().isEmpty()) {
      h.el("p", "", "Policy lint found nothing.");
    } else {
      h.open("ul", "");
      for (LintFinding f : m.lint()) {
        h.el("li", "", f.toString());
      }
      h.close("ul");
    }
    h.open("ul", "");
    for (TrustRoot r : m.settings().trustRoots()) {
      h.el("li", "", "Trust root " + r.name() + " " + r.revision());
    }
    h.close("ul").close("section").nl();
  }

  private void rev3(Html h) {
    h.open("section", "id=\"rev3\"");
    h.el("h2", "", "Informative: NIST SP 800-171 Rev. 3 supply chain risk management (03.17)");
    h.el(
        "p",
        "class=\"notice\"",
        "For information only. CMMC Level 2 is assessed against SP 800-171 Revision 2, which has no"
            + " supply chain family: these requirements have no CMMC Level 2 id and are not part of"
            + " a Level 2 assessment.");
    h.open("table", "id=\"rev3-table\"");
    h.raw(
        "<thead><tr><th>Requirement</th><th>Evidence kind</th><th>Determination statements</th><th>Note</th></tr></thead><tbody>");
    for (Rev3Requirement r : m.catalog().rev3SupplyChainInformative()) {
      for (Rev3EvidenceLink l : r.evidence()) {
        h.open("tr", "");
        h.open("td", "").el("code", "", r.id()).raw("<br>").text(r.title()).close("td");
        h.open("td", "").el("code", "", l.evidenceKind().key()).close("td");
        h.el("td", "", String.join(", ", l.determinations()));
        h.el("td", "", l.note());
        h.close("tr");
      }
    }
    h.raw("</tbody>").close("table").close("section").nl();
  }

  private void integrity(Html h) {
    h.open("section", "id=\"integrity\"").el("h2", "", "Packet integrity");
    h.el(
        "p",
        "",
        "manifest.json lists every file with its SHA-256 and is signed (manifest.sig) with key "
            + m.keyId()
            + "; check it with: countersign packet verify <packet folder> --public-key <key>.");
    if (m.ephemeralKey()) {
      h.el(
          "p",
          "class=\"notice\"",
          "This packet was signed with a key made for it alone (manifest.pub). Its signature"
              + " proves the files are unchanged since signing only if the key id above, or the"
              + " CMMCAssessmentLogHash.log value, is recorded somewhere the packet's holder cannot"
              + " change — for example given to the assessor.");
    }
    h.el(
        "p",
        "",
        "CMMCAssessmentArtifacts.log holds the SHA-256 of every file in the format of the DoD CMMC"
            + " Hashing Guide; CMMCAssessmentLogHash.log the SHA-256 of that list. README.txt says"
            + " how to re-check them with PowerShell or sha256sum.");
    h.close("section").nl();
  }

  static String shortDigest(String digest) {
    return digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
  }

  static String shortHash(String hex) {
    return hex.length() > 16 ? hex.substring(0, 16) + "…" : hex;
  }
}
