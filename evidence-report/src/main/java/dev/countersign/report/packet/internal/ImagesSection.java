package dev.countersign.report.packet.internal;

import dev.countersign.report.inventory.RunningImage;
import dev.countersign.report.packet.GapKind;
import java.util.List;
import java.util.TreeMap;

/**
 * Images: one row per image digest in scope, from its policy decision through signature,
 * provenance, SBOM, ECR scan, push and admission to where it runs and its gaps.
 */
record ImagesSection(ReportModel model) implements ReportSection {
  /** Places listed per image before the rest are only counted, to keep rows readable. */
  private static final int PLACES_SHOWN = 3;

  @Override
  public String anchor() {
    return "images";
  }

  @Override
  public String navLabel() {
    return "Images";
  }

  @Override
  public String heading() {
    return "Images";
  }

  @Override
  public void writeBody(Html h) {
    h.el(
        "p",
        "",
        "One row per image digest in scope: the policy decision, who signed it, what built it from"
            + " which source, its SBOM, its ECR scan, who pushed it, when it was admitted, and"
            + " where it runs. Each decision with every check is a line of"
            + " evidence/images/decisions.jsonl; the raw evidence of each image is listed in"
            + " evidence/images/<registry>/<repository>/sha256-<hex>/evidence.json.");
    h.table(
        "id=\"image-table\"",
        "Image",
        "Decision",
        "Signed by",
        "Built by / source",
        "SBOM",
        "Scan (ECR)",
        "Pushed by",
        "Admitted",
        "Running where",
        "Gaps");
    for (ImageRow r : model.rows()) {
      h.open("tr", "class=\"image-row\"");
      image(h, r);
      decision(h, r.facts());
      signer(h, r.facts().signature());
      provenance(h, r.facts().attestation("provenance"));
      sbom(h, r.facts().attestation("sbom"));
      scan(h, r);
      pusher(h, r);
      admission(h, r);
      places(h, r);
      gaps(h, r);
      h.close("tr").nl();
    }
    h.endTable();
  }

  private static void image(Html h, ImageRow r) {
    h.open("td", "")
        .el("code", "", r.repository())
        .br()
        .el("code", "class=\"muted\"", shortDigest(r.digest()))
        .close("td");
  }

  private static void decision(Html h, ImageFacts f) {
    h.open("td", "")
        .span("d-" + f.decision(), f.decision())
        .br()
        .span("muted", f.reason())
        .close("td");
  }

  private static void signer(Html h, ImageFacts.Part sig) {
    String signer = sig.fact("certificate.san");
    h.open("td", "");
    if (!signer.isEmpty()) {
      h.el("code", "", signer).br().span("muted", sig.fact("certificate.issuer"));
      if (!sig.status().equals("PASS")) {
        h.br().span("gap", sig.status() + " " + sig.reason());
      }
    } else {
      h.span("gap", "not signed (" + (sig.reason().isEmpty() ? sig.status() : sig.reason()) + ")");
    }
    h.close("td");
  }

  private static void provenance(Html h, ImageFacts.Part prov) {
    h.open("td", "");
    if (!prov.fact("builder.id").isEmpty()) {
      h.el("code", "", prov.fact("builder.id"))
          .br()
          .el("code", "class=\"muted\"", prov.fact("source.uri") + " " + prov.fact("source.ref"))
          .br()
          .text(
              prov.fact("slsa.level").isEmpty()
                  ? ""
                  : "SLSA build level " + prov.fact("slsa.level"));
    } else {
      h.span(
          "muted",
          prov.status().equals("NONE") ? "no provenance" : prov.status() + " " + prov.reason());
    }
    h.close("td");
  }

  private static void sbom(Html h, ImageFacts.Part sbom) {
    h.open("td", "");
    boolean described = !sbom.fact("format").isEmpty();
    if (described) {
      h.text(sbom.fact("format") + ", " + sbom.fact("components") + " components");
    }
    if (!sbom.status().equals("PASS")) {
      if (described) {
        h.br();
      }
      boolean none = sbom.status().equals("NONE");
      h.span(none ? "muted" : "gap", none ? "no SBOM" : sbom.status() + " " + sbom.reason());
    }
    h.close("td");
  }

  private static void scan(Html h, ImageRow r) {
    h.open("td", "");
    if (r.ecr().isPresent()) {
      EcrFacts.Image e = r.ecr().get();
      h.text(e.image().scanStatus().orElse("not scanned"));
      e.image().scanCompletedAt().ifPresent(t -> h.br().span("muted", t.toString()));
      if (!e.severities().isEmpty()) {
        h.br().text(new TreeMap<>(e.severities()).toString());
      }
      if (!e.late().isEmpty()) {
        h.br().span("gap", e.late().size() + " past SLA");
      }
    } else {
      h.span("muted", "not in ECR evidence");
    }
    h.close("td");
  }

  /** The last push in the window, flagged when its principal is not a CI one. */
  private static void pusher(Html h, ImageRow r) {
    h.open("td", "");
    if (r.pushes().isEmpty()) {
      h.span("muted", "no push in the window");
    } else {
      CloudTrailFacts.Push p = r.pushes().get(r.pushes().size() - 1);
      h.el("code", "", p.principal()).br().span("muted", p.time().toString());
      if (!p.ci()) {
        h.br().span("gap", "not a CI principal");
      }
    }
    h.close("td");
  }

  private static void admission(Html h, ImageRow r) {
    h.open("td", "");
    if (r.admission().isPresent()) {
      AdmissionFacts.Admission a = r.admission().get();
      h.text(a.lastDecision() + " " + a.last())
          .br()
          .span("muted", a.allowed() + " allowed, " + a.denied() + " denied; " + a.lastObject());
    } else {
      h.span(r.isRunning() ? "gap" : "muted", "no admission record");
    }
    h.close("td");
  }

  private static void places(Html h, ImageRow r) {
    h.open("td", "");
    List<RunningImage> places = r.running().stream().filter(RunningImage::running).toList();
    if (places.isEmpty()) {
      h.span("muted", "not running");
    } else {
      for (int i = 0; i < Math.min(PLACES_SHOWN, places.size()); i++) {
        h.el("code", "", places.get(i).place()).br();
      }
      if (places.size() > PLACES_SHOWN) {
        h.text("and " + (places.size() - PLACES_SHOWN) + " more");
      }
    }
    h.close("td");
  }

  private static void gaps(Html h, ImageRow r) {
    h.open("td", "");
    for (GapKind g : r.gaps().stream().sorted().toList()) {
      h.span("gap", g.name()).br();
    }
    h.close("td");
  }

  /** Enough of a digest to tell images apart; the full digest is in the image's evidence. */
  private static String shortDigest(String digest) {
    return digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
  }
}
