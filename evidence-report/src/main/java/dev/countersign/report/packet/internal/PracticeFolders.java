package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.report.cmmc.CmmcCatalog;
import dev.countersign.report.cmmc.Mapping;
import dev.countersign.report.cmmc.Practice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code practices/<CMMC id>/}: for each practice with evidence, that evidence (hard links to the
 * files under {@code evidence/}, copies where links are not possible) and an {@code index.json}
 * naming, for each objective, the evidence kind, its coverage and rationale, and each file with its
 * SHA-256 and query.
 */
public final class PracticeFolders {
  public static final String DIR = "practices";

  /** One practice with evidence: its objectives' rows. */
  public record PracticeEvidence(Practice practice, List<Row> rows) {}

  /** One objective, one evidence kind, one file. */
  public record Row(
      String objective,
      String objectiveText,
      String evidenceKind,
      String coverage,
      String rationale,
      EvidenceRegistry.Entry file,
      String sha256) {}

  private final PacketFiles files;
  private final CmmcCatalog catalog;
  private final Hashes hashes;

  public PracticeFolders(PacketFiles files, CmmcCatalog catalog, Hashes hashes) {
    this.files = files;
    this.catalog = catalog;
    this.hashes = hashes;
  }

  public List<PracticeEvidence> write() throws IOException {
    List<PracticeEvidence> out = new ArrayList<>();
    Map<String, String> shaByPath = new LinkedHashMap<>();
    for (Practice p : catalog.practices()) {
      List<Row> rows = new ArrayList<>();
      for (Mapping m : catalog.evidenceFor(p.id())) {
        for (EvidenceRegistry.Entry e : files.registry().forKind(m.evidenceKind().key())) {
          String sha = shaByPath.get(e.path());
          if (sha == null) {
            sha = hashes.file(files.resolve(e.path()));
            shaByPath.put(e.path(), sha);
          }
          rows.add(
              new Row(
                  m.objective().id(),
                  m.objective().text(),
                  m.evidenceKind().key(),
                  m.coverage().key(),
                  m.rationale(),
                  e,
                  sha));
        }
      }
      if (rows.isEmpty()) {
        continue;
      }
      String folder = DIR + "/" + Names.segment(p.id());
      Set<String> linked = new HashSet<>();
      ArrayNode index = PacketJson.array();
      for (Row r : rows) {
        String copy = folder + "/" + r.file().path();
        if (linked.add(copy)) {
          files.link(r.file().path(), copy);
        }
        ObjectNode n = index.addObject();
        n.put("objective", r.objective());
        n.put("objectiveText", r.objectiveText());
        n.put("evidenceKind", r.evidenceKind());
        n.put("coverage", r.coverage());
        n.put("rationale", r.rationale());
        n.put("file", r.file().path());
        n.put("copy", copy);
        n.put("sha256", r.sha256());
        n.put("mediaType", r.file().mediaType());
        n.put("description", r.file().description());
        n.put("query", r.file().query().orElse(""));
      }
      ObjectNode doc = PacketJson.object();
      doc.put("practice", p.id());
      doc.put("title", p.title());
      doc.put("requirement", p.requirement());
      doc.put(
          "note",
          "Evidence only: whether each objective is MET is the assessor's determination. Coverage"
              + " 'direct' means the evidence itself demonstrates the objective for the container"
              + " supply chain in scope; 'partial' means it contributes; 'organization-documents'"
              + " means the organisation's own documents are needed.");
      doc.set("evidence", index);
      files.writeJson(folder + "/index.json", doc);
      out.add(new PracticeEvidence(p, rows));
    }
    return out;
  }
}
