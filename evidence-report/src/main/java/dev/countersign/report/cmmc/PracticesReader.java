package dev.countersign.report.cmmc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the catalog file: the NIST SP 800-171 families and the CMMC L2 practices with objectives.
 */
final class PracticesReader {
  static final String SCHEMA = "countersign.dev/cmmc-catalog/v1";

  private static final Pattern PRACTICE_ID =
      Pattern.compile("^[A-Z]{2}\\.L2-3\\.[0-9]{1,2}\\.[0-9]{1,2}$");
  private static final Pattern NIST_ID = Pattern.compile("^3\\.[0-9]{1,2}\\.[0-9]{1,2}$");
  private static final Pattern FAMILY_ID = Pattern.compile("^[A-Z]{2}$");
  private static final Pattern FAMILY_SECTION = Pattern.compile("^3\\.[0-9]{1,2}$");

  /** What the catalog file defines, with every objective by its id for the mapping to refer to. */
  record Part(
      String id, List<Family> families, List<Practice> practices, Map<String, Objective> byId) {}

  private final CatalogFields fields;

  PracticesReader(CatalogFields fields) {
    this.fields = fields;
  }

  Part read(CatalogReader.Source src) {
    String f = src.name();
    JsonNode root = fields.parse(src);
    if (root == null) {
      return new Part("", List.of(), List.of(), Map.of());
    }
    fields.allowOnly(root, Set.of("schema", "catalog", "families", "practices"), f, "");
    fields.checkSchema(root, SCHEMA, f);
    String id = "";
    JsonNode header = fields.object(root, "catalog", f, "");
    if (header != null) {
      fields.allowOnly(
          header, Set.of("id", "title", "requirements", "objectives", "practiceIds"), f, "catalog");
      id = fields.text(header, "id", f, "catalog");
    }

    Map<String, Family> families = new LinkedHashMap<>();
    List<JsonNode> familyNodes = fields.list(root, "families", f, "");
    for (CatalogFields.Entry item :
        fields.mappings(familyNodes, f, "families", " with id, nist, title")) {
      JsonNode n = item.node();
      String entry = item.path();
      fields.allowOnly(n, Set.of("id", "nist", "title"), f, entry);
      String fid = fields.text(n, "id", f, entry);
      String section = fields.text(n, "nist", f, entry);
      String title = fields.text(n, "title", f, entry);
      if (fid.isEmpty() || section.isEmpty() || title.isEmpty()) {
        continue;
      }
      entry = entry + " " + fid;
      if (!FAMILY_ID.matcher(fid).matches()) {
        fields.problem(
            f, entry, CatalogReason.FIELD_INVALID, "family id must be two capital letters");
      } else if (!FAMILY_SECTION.matcher(section).matches()) {
        fields.problem(
            f, entry, CatalogReason.FIELD_INVALID, "nist must be a section such as \"3.1\"");
      } else if (families.putIfAbsent(fid, new Family(fid, section, title)) != null) {
        fields.problem(f, entry, CatalogReason.DUPLICATE, "family " + fid + " is defined twice");
      }
    }

    List<Practice> practices = new ArrayList<>();
    Map<String, Objective> objectives = new HashMap<>();
    Set<String> practiceIds = new HashSet<>();
    List<JsonNode> practiceNodes = fields.list(root, "practices", f, "");
    for (CatalogFields.Entry item : fields.mappings(practiceNodes, f, "practices", "")) {
      JsonNode n = item.node();
      String entry = item.path();
      String pid = fields.text(n, "id", f, entry);
      if (!pid.isEmpty()) {
        entry = entry + " " + pid;
      }
      fields.allowOnly(
          n,
          Set.of("id", "nist", "family", "title", "type", "requirement", "objectives"),
          f,
          entry);
      String nist = fields.text(n, "nist", f, entry);
      String family = fields.text(n, "family", f, entry);
      String title = fields.text(n, "title", f, entry);
      String typeText = fields.text(n, "type", f, entry);
      String requirement = fields.text(n, "requirement", f, entry);
      boolean ok = !pid.isEmpty() && !nist.isEmpty() && !family.isEmpty();
      if (!pid.isEmpty() && !PRACTICE_ID.matcher(pid).matches()) {
        fields.problem(
            f,
            entry,
            CatalogReason.PRACTICE_ID_INVALID,
            "practice id must match " + PRACTICE_ID.pattern() + ", e.g. AC.L2-3.1.1");
        ok = false;
      }
      if (!nist.isEmpty() && !NIST_ID.matcher(nist).matches()) {
        fields.problem(
            f, entry, CatalogReason.FIELD_INVALID, "nist must be a requirement id such as 3.1.1");
        ok = false;
      }
      Family fam = families.get(family);
      if (!family.isEmpty() && fam == null) {
        fields.problem(
            f, entry, CatalogReason.FAMILY_UNKNOWN, "family " + family + " is not defined");
        ok = false;
      }
      if (ok && !pid.equals(family + ".L2-" + nist)) {
        fields.problem(
            f,
            entry,
            CatalogReason.NIST_ID_MISMATCH,
            "practice id must be "
                + family
                + ".L2-"
                + nist
                + " for family "
                + family
                + " and nist "
                + nist);
        ok = false;
      }
      if (ok && !nist.startsWith(fam.nistSection() + ".")) {
        fields.problem(
            f,
            entry,
            CatalogReason.NIST_ID_MISMATCH,
            "requirement "
                + nist
                + " is not in section "
                + fam.nistSection()
                + " of family "
                + family);
        ok = false;
      }
      RequirementType type = null;
      if (!typeText.isEmpty()) {
        if (typeText.equals("basic")) {
          type = RequirementType.BASIC;
        } else if (typeText.equals("derived")) {
          type = RequirementType.DERIVED;
        } else {
          fields.problem(f, entry, CatalogReason.FIELD_INVALID, "type must be basic or derived");
        }
      }
      List<Objective> objs = new ArrayList<>();
      JsonNode on = n.get("objectives");
      if (on == null || !on.isObject() || on.isEmpty()) {
        fields.problem(
            f,
            entry,
            CatalogReason.FIELD_MISSING,
            "objectives must map each letter (a, b, ...) to its determination statement");
      } else {
        char expected = 'a';
        for (Iterator<Map.Entry<String, JsonNode>> it = on.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          String oe = entry + " objectives." + e.getKey();
          if (!e.getKey().equals(String.valueOf(expected))) {
            fields.problem(
                f,
                oe,
                CatalogReason.OBJECTIVE_LETTER_INVALID,
                "objective letters must run a, b, c, ... in order; expected " + expected);
          }
          expected++;
          if (!e.getValue().isTextual() || e.getValue().textValue().isBlank()) {
            fields.problem(
                f, oe, CatalogReason.FIELD_MISSING, "the determination statement is empty");
            continue;
          }
          if (ok) {
            objs.add(new Objective(pid, nist, e.getKey(), e.getValue().textValue()));
          }
        }
      }
      if (!ok || type == null || title.isEmpty() || requirement.isEmpty()) {
        continue;
      }
      if (!practiceIds.add(pid)) {
        fields.problem(f, entry, CatalogReason.DUPLICATE, "practice " + pid + " is defined twice");
        continue;
      }
      Practice p = new Practice(pid, nist, family, title, type, requirement, objs);
      practices.add(p);
      for (Objective o : objs) {
        objectives.put(o.id(), o);
      }
    }
    if (practiceNodes.isEmpty() && root.has("practices")) {
      fields.problem(f, "practices", CatalogReason.EMPTY, "the catalog defines no practices");
    }
    return new Part(id, List.copyOf(families.values()), practices, objectives);
  }
}
