package dev.countersign.report.cmmc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the evidence mapping: each evidence kind and the catalog objectives it supports. */
final class EvidenceMappingReader {
  static final String SCHEMA = "countersign.dev/cmmc-evidence-mapping/v1";

  private static final Pattern OBJECTIVE_REF =
      Pattern.compile("^([A-Z]{2}\\.L2-3\\.[0-9]{1,2}\\.[0-9]{1,2})\\[([a-z])\\]$");
  private static final Pattern EVIDENCE_KEY =
      Pattern.compile("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$");

  /** The evidence kinds by key and their links to objectives. */
  record Part(Map<String, EvidenceKind> kinds, List<Mapping> mappings) {}

  private final CatalogFields fields;

  EvidenceMappingReader(CatalogFields fields) {
    this.fields = fields;
  }

  Part read(CatalogReader.Source src, PracticesReader.Part catalog) {
    String f = src.name();
    JsonNode root = fields.parse(src);
    Map<String, EvidenceKind> kinds = new LinkedHashMap<>();
    List<Mapping> mappings = new ArrayList<>();
    if (root == null) {
      return new Part(kinds, mappings);
    }
    fields.allowOnly(root, Set.of("schema", "catalog", "evidence"), f, "");
    fields.checkSchema(root, SCHEMA, f);
    String forCatalog = fields.text(root, "catalog", f, "");
    if (!forCatalog.isEmpty() && !catalog.id().isEmpty() && !forCatalog.equals(catalog.id())) {
      fields.problem(
          f,
          "catalog",
          CatalogReason.CATALOG_MISMATCH,
          "the mapping is for catalog " + forCatalog + " but the catalog is " + catalog.id());
    }
    List<JsonNode> evidence = fields.list(root, "evidence", f, "");
    if (evidence.isEmpty() && root.has("evidence")) {
      fields.problem(f, "evidence", CatalogReason.EMPTY, "the mapping defines no evidence kinds");
    }
    for (CatalogFields.Entry item :
        fields.mappings(evidence, f, "evidence", " with key and supports")) {
      JsonNode n = item.node();
      String entry = item.path();
      String key = fields.text(n, "key", f, entry);
      if (key.isEmpty()) {
        continue;
      }
      entry = entry + " " + key;
      fields.allowOnly(n, Set.of("key", "description", "supports"), f, entry);
      String description = fields.text(n, "description", f, entry);
      if (!EVIDENCE_KEY.matcher(key).matches()) {
        fields.problem(
            f,
            entry,
            CatalogReason.EVIDENCE_KIND_INVALID,
            "an evidence key is lower-case words joined by dots, e.g. admission.decisions");
        continue;
      }
      if (kinds.containsKey(key)) {
        fields.problem(
            f, entry, CatalogReason.DUPLICATE, "evidence kind " + key + " is defined twice");
        continue;
      }
      EvidenceKind kind = new EvidenceKind(key, description);
      kinds.put(key, kind);
      List<JsonNode> supports = fields.list(n, "supports", f, entry);
      if (supports.isEmpty() && n.has("supports")) {
        fields.problem(
            f, entry, CatalogReason.EMPTY, "evidence kind " + key + " supports no objective");
      }
      Set<String> seen = new HashSet<>();
      for (CatalogFields.Entry support :
          fields.mappings(
              supports, f, entry + " supports", " with objective, coverage, rationale")) {
        JsonNode s = support.node();
        String se = support.path();
        String ref = fields.text(s, "objective", f, se);
        if (!ref.isEmpty()) {
          se = se + " " + ref;
        }
        fields.allowOnly(s, Set.of("objective", "coverage", "rationale"), f, se);
        String cov = fields.text(s, "coverage", f, se);
        String rationale = fields.text(s, "rationale", f, se);
        Coverage coverage = null;
        if (!cov.isEmpty()) {
          coverage = Coverage.fromKey(cov).orElse(null);
          if (coverage == null) {
            fields.problem(
                f,
                se,
                CatalogReason.COVERAGE_INVALID,
                "coverage must be direct, partial or organization-documents, not " + cov);
          }
        }
        Objective objective = null;
        if (!ref.isEmpty()) {
          if (!OBJECTIVE_REF.matcher(ref).matches()) {
            fields.problem(
                f,
                se,
                CatalogReason.OBJECTIVE_UNKNOWN,
                "an objective is a practice id and a letter, e.g. CM.L2-3.4.8[b]");
          } else {
            objective = catalog.byId().get(ref);
            if (objective == null && !catalog.byId().isEmpty()) {
              fields.problem(
                  f,
                  se,
                  CatalogReason.OBJECTIVE_UNKNOWN,
                  ref + " is not an objective in the catalog");
            }
          }
        }
        if (objective != null && !seen.add(ref)) {
          fields.problem(f, se, CatalogReason.DUPLICATE, key + " is mapped to " + ref + " twice");
          continue;
        }
        if (objective != null && coverage != null && !rationale.isEmpty()) {
          mappings.add(new Mapping(objective, kind, coverage, rationale));
        }
      }
    }
    return new Part(kinds, mappings);
  }
}
