package dev.countersign.report.cmmc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and validates the three CMMC files. Collects every problem, each naming its file and
 * entry, and throws them together: a catalog that is wrong in one place is not used at all.
 */
final class CatalogReader {
  static final String CATALOG_SCHEMA = "countersign.dev/cmmc-catalog/v1";
  static final String MAPPING_SCHEMA = "countersign.dev/cmmc-evidence-mapping/v1";
  static final String REV3_SCHEMA = "countersign.dev/cmmc-rev3-informative/v1";

  static final Pattern PRACTICE_ID = Pattern.compile("^[A-Z]{2}\\.L2-3\\.[0-9]{1,2}\\.[0-9]{1,2}$");
  private static final Pattern L2_ID_ANYWHERE = Pattern.compile("[A-Z]{2}\\.L2-3\\.[0-9]");
  private static final Pattern NIST_ID = Pattern.compile("^3\\.[0-9]{1,2}\\.[0-9]{1,2}$");
  private static final Pattern FAMILY_ID = Pattern.compile("^[A-Z]{2}$");
  private static final Pattern FAMILY_SECTION = Pattern.compile("^3\\.[0-9]{1,2}$");
  private static final Pattern OBJECTIVE_REF =
      Pattern.compile("^([A-Z]{2}\\.L2-3\\.[0-9]{1,2}\\.[0-9]{1,2})\\[([a-z])\\]$");
  private static final Pattern EVIDENCE_KEY =
      Pattern.compile("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$");
  private static final Pattern REV3_FAMILY = Pattern.compile("^03\\.[0-9]{2}$");
  private static final Pattern REV3_ID = Pattern.compile("^03\\.[0-9]{2}\\.[0-9]{2}$");

  private static final YAMLMapper YAML = yamlMapper();

  /** One file to read: its name for messages and its bytes. */
  record Source(String name, byte[] bytes) {}

  private final List<CatalogProblem> problems = new ArrayList<>();

  private CatalogReader() {}

  static CmmcCatalog read(Source catalog, Source mapping, Source rev3) {
    CatalogReader reader = new CatalogReader();
    CatalogPart cat = reader.readCatalog(catalog);
    MappingPart map = reader.readMapping(mapping, cat);
    List<Rev3Requirement> informative = reader.readRev3(rev3, map);
    if (!reader.problems.isEmpty()) {
      throw new CmmcCatalogException(reader.problems);
    }
    return new CmmcCatalog(
        cat.id,
        cat.families,
        cat.practices,
        map.kinds,
        map.mappings,
        informative,
        List.of(catalog, mapping, rev3));
  }

  // ----------------------------------------------------------------------------------- catalog

  private record CatalogPart(
      String id, List<Family> families, List<Practice> practices, Map<String, Objective> byId) {}

  private CatalogPart readCatalog(Source src) {
    String f = src.name();
    JsonNode root = parse(src);
    if (root == null) {
      return new CatalogPart("", List.of(), List.of(), Map.of());
    }
    allowOnly(root, Set.of("schema", "catalog", "families", "practices"), f, "");
    checkSchema(root, CATALOG_SCHEMA, f);
    String id = "";
    JsonNode header = object(root, "catalog", f, "");
    if (header != null) {
      allowOnly(
          header, Set.of("id", "title", "requirements", "objectives", "practiceIds"), f, "catalog");
      id = text(header, "id", f, "catalog");
    }

    Map<String, Family> families = new LinkedHashMap<>();
    List<JsonNode> familyNodes = list(root, "families", f, "");
    for (int i = 0; i < familyNodes.size(); i++) {
      JsonNode n = familyNodes.get(i);
      String entry = "families[" + i + "]";
      if (!n.isObject()) {
        problem(f, entry, CatalogReason.FIELD_INVALID, "must be a mapping with id, nist, title");
        continue;
      }
      allowOnly(n, Set.of("id", "nist", "title"), f, entry);
      String fid = text(n, "id", f, entry);
      String section = text(n, "nist", f, entry);
      String title = text(n, "title", f, entry);
      if (fid.isEmpty() || section.isEmpty() || title.isEmpty()) {
        continue;
      }
      entry = entry + " " + fid;
      if (!FAMILY_ID.matcher(fid).matches()) {
        problem(f, entry, CatalogReason.FIELD_INVALID, "family id must be two capital letters");
      } else if (!FAMILY_SECTION.matcher(section).matches()) {
        problem(f, entry, CatalogReason.FIELD_INVALID, "nist must be a section such as \"3.1\"");
      } else if (families.putIfAbsent(fid, new Family(fid, section, title)) != null) {
        problem(f, entry, CatalogReason.DUPLICATE, "family " + fid + " is defined twice");
      }
    }

    List<Practice> practices = new ArrayList<>();
    Map<String, Objective> objectives = new HashMap<>();
    Set<String> practiceIds = new HashSet<>();
    List<JsonNode> practiceNodes = list(root, "practices", f, "");
    for (int i = 0; i < practiceNodes.size(); i++) {
      JsonNode n = practiceNodes.get(i);
      String entry = "practices[" + i + "]";
      if (!n.isObject()) {
        problem(f, entry, CatalogReason.FIELD_INVALID, "must be a mapping");
        continue;
      }
      String pid = text(n, "id", f, entry);
      if (!pid.isEmpty()) {
        entry = entry + " " + pid;
      }
      allowOnly(
          n,
          Set.of("id", "nist", "family", "title", "type", "requirement", "objectives"),
          f,
          entry);
      String nist = text(n, "nist", f, entry);
      String family = text(n, "family", f, entry);
      String title = text(n, "title", f, entry);
      String typeText = text(n, "type", f, entry);
      String requirement = text(n, "requirement", f, entry);
      boolean ok = !pid.isEmpty() && !nist.isEmpty() && !family.isEmpty();
      if (!pid.isEmpty() && !PRACTICE_ID.matcher(pid).matches()) {
        problem(
            f,
            entry,
            CatalogReason.PRACTICE_ID_INVALID,
            "practice id must match " + PRACTICE_ID.pattern() + ", e.g. AC.L2-3.1.1");
        ok = false;
      }
      if (!nist.isEmpty() && !NIST_ID.matcher(nist).matches()) {
        problem(
            f, entry, CatalogReason.FIELD_INVALID, "nist must be a requirement id such as 3.1.1");
        ok = false;
      }
      Family fam = families.get(family);
      if (!family.isEmpty() && fam == null) {
        problem(f, entry, CatalogReason.FAMILY_UNKNOWN, "family " + family + " is not defined");
        ok = false;
      }
      if (ok && !pid.equals(family + ".L2-" + nist)) {
        problem(
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
        problem(
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
          problem(f, entry, CatalogReason.FIELD_INVALID, "type must be basic or derived");
        }
      }
      List<Objective> objs = new ArrayList<>();
      JsonNode on = n.get("objectives");
      if (on == null || !on.isObject() || on.isEmpty()) {
        problem(
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
            problem(
                f,
                oe,
                CatalogReason.OBJECTIVE_LETTER_INVALID,
                "objective letters must run a, b, c, ... in order; expected " + expected);
          }
          expected++;
          if (!e.getValue().isTextual() || e.getValue().textValue().isBlank()) {
            problem(f, oe, CatalogReason.FIELD_MISSING, "the determination statement is empty");
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
        problem(f, entry, CatalogReason.DUPLICATE, "practice " + pid + " is defined twice");
        continue;
      }
      Practice p = new Practice(pid, nist, family, title, type, requirement, objs);
      practices.add(p);
      for (Objective o : objs) {
        objectives.put(o.id(), o);
      }
    }
    if (practiceNodes.isEmpty() && root.has("practices")) {
      problem(f, "practices", CatalogReason.EMPTY, "the catalog defines no practices");
    }
    return new CatalogPart(id, List.copyOf(families.values()), practices, objectives);
  }

  // ----------------------------------------------------------------------------------- mapping

  private record MappingPart(Map<String, EvidenceKind> kinds, List<Mapping> mappings) {}

  private MappingPart readMapping(Source src, CatalogPart catalog) {
    String f = src.name();
    JsonNode root = parse(src);
    Map<String, EvidenceKind> kinds = new LinkedHashMap<>();
    List<Mapping> mappings = new ArrayList<>();
    if (root == null) {
      return new MappingPart(kinds, mappings);
    }
    allowOnly(root, Set.of("schema", "catalog", "evidence"), f, "");
    checkSchema(root, MAPPING_SCHEMA, f);
    String forCatalog = text(root, "catalog", f, "");
    if (!forCatalog.isEmpty() && !catalog.id.isEmpty() && !forCatalog.equals(catalog.id)) {
      problem(
          f,
          "catalog",
          CatalogReason.CATALOG_MISMATCH,
          "the mapping is for catalog " + forCatalog + " but the catalog is " + catalog.id);
    }
    List<JsonNode> evidence = list(root, "evidence", f, "");
    if (evidence.isEmpty() && root.has("evidence")) {
      problem(f, "evidence", CatalogReason.EMPTY, "the mapping defines no evidence kinds");
    }
    for (int i = 0; i < evidence.size(); i++) {
      JsonNode n = evidence.get(i);
      String entry = "evidence[" + i + "]";
      if (!n.isObject()) {
        problem(f, entry, CatalogReason.FIELD_INVALID, "must be a mapping with key and supports");
        continue;
      }
      String key = text(n, "key", f, entry);
      if (key.isEmpty()) {
        continue;
      }
      entry = entry + " " + key;
      allowOnly(n, Set.of("key", "description", "supports"), f, entry);
      String description = text(n, "description", f, entry);
      if (!EVIDENCE_KEY.matcher(key).matches()) {
        problem(
            f,
            entry,
            CatalogReason.EVIDENCE_KIND_INVALID,
            "an evidence key is lower-case words joined by dots, e.g. admission.decisions");
        continue;
      }
      if (kinds.containsKey(key)) {
        problem(f, entry, CatalogReason.DUPLICATE, "evidence kind " + key + " is defined twice");
        continue;
      }
      EvidenceKind kind = new EvidenceKind(key, description);
      kinds.put(key, kind);
      List<JsonNode> supports = list(n, "supports", f, entry);
      if (supports.isEmpty() && n.has("supports")) {
        problem(f, entry, CatalogReason.EMPTY, "evidence kind " + key + " supports no objective");
      }
      Set<String> seen = new HashSet<>();
      for (int j = 0; j < supports.size(); j++) {
        JsonNode s = supports.get(j);
        String se = entry + " supports[" + j + "]";
        if (!s.isObject()) {
          problem(
              f,
              se,
              CatalogReason.FIELD_INVALID,
              "must be a mapping with objective, coverage, rationale");
          continue;
        }
        String ref = text(s, "objective", f, se);
        if (!ref.isEmpty()) {
          se = se + " " + ref;
        }
        allowOnly(s, Set.of("objective", "coverage", "rationale"), f, se);
        String cov = text(s, "coverage", f, se);
        String rationale = text(s, "rationale", f, se);
        Coverage coverage = null;
        if (!cov.isEmpty()) {
          coverage = Coverage.fromKey(cov).orElse(null);
          if (coverage == null) {
            problem(
                f,
                se,
                CatalogReason.COVERAGE_INVALID,
                "coverage must be direct, partial or organization-documents, not " + cov);
          }
        }
        Objective objective = null;
        if (!ref.isEmpty()) {
          if (!OBJECTIVE_REF.matcher(ref).matches()) {
            problem(
                f,
                se,
                CatalogReason.OBJECTIVE_UNKNOWN,
                "an objective is a practice id and a letter, e.g. CM.L2-3.4.8[b]");
          } else {
            objective = catalog.byId.get(ref);
            if (objective == null && !catalog.byId.isEmpty()) {
              problem(
                  f,
                  se,
                  CatalogReason.OBJECTIVE_UNKNOWN,
                  ref + " is not an objective in the catalog");
            }
          }
        }
        if (objective != null && !seen.add(ref)) {
          problem(f, se, CatalogReason.DUPLICATE, key + " is mapped to " + ref + " twice");
          continue;
        }
        if (objective != null && coverage != null && !rationale.isEmpty()) {
          mappings.add(new Mapping(objective, kind, coverage, rationale));
        }
      }
    }
    return new MappingPart(kinds, mappings);
  }

  // -------------------------------------------------------------------------------------- rev3

  private List<Rev3Requirement> readRev3(Source src, MappingPart mapping) {
    String f = src.name();
    JsonNode root = parse(src);
    List<Rev3Requirement> out = new ArrayList<>();
    if (root == null) {
      return out;
    }
    // Why: Rev. 3 has no CMMC Level 2 practices. An L2 id anywhere in this file would present
    // Rev. 3 text as something a Level 2 assessment covers.
    findL2Ids(root, f, "");
    allowOnly(
        root, Set.of("schema", "informative", "publication", "family", "requirements"), f, "");
    checkSchema(root, REV3_SCHEMA, f);
    JsonNode informative = root.get("informative");
    if (informative == null || !informative.isBoolean() || !informative.booleanValue()) {
      problem(
          f,
          "informative",
          CatalogReason.REV3_NOT_INFORMATIVE,
          "the Rev. 3 section must be marked informative: true");
    }
    String familyId = "";
    JsonNode family = object(root, "family", f, "");
    if (family != null) {
      allowOnly(family, Set.of("id", "title"), f, "family");
      familyId = text(family, "id", f, "family");
      text(family, "title", f, "family");
      if (!familyId.isEmpty() && !REV3_FAMILY.matcher(familyId).matches()) {
        problem(
            f,
            "family",
            CatalogReason.REV3_ID_INVALID,
            "a Rev. 3 family id is 03.<nn>, e.g. 03.17");
      }
    }
    List<JsonNode> reqs = list(root, "requirements", f, "");
    if (reqs.isEmpty() && root.has("requirements")) {
      problem(f, "requirements", CatalogReason.EMPTY, "the Rev. 3 section defines no requirements");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < reqs.size(); i++) {
      JsonNode n = reqs.get(i);
      String entry = "requirements[" + i + "]";
      if (!n.isObject()) {
        problem(f, entry, CatalogReason.FIELD_INVALID, "must be a mapping");
        continue;
      }
      String id = text(n, "id", f, entry);
      if (id.isEmpty()) {
        continue;
      }
      entry = entry + " " + id;
      allowOnly(
          n,
          Set.of("id", "title", "statement", "parameters", "determinations", "evidence"),
          f,
          entry);
      String title = text(n, "title", f, entry);
      if (!REV3_ID.matcher(id).matches() || !id.startsWith(familyId + ".")) {
        problem(
            f,
            entry,
            CatalogReason.REV3_ID_INVALID,
            "a Rev. 3 requirement id is "
                + (familyId.isEmpty() ? "03.<nn>" : familyId)
                + ".<nn>, e.g. 03.17.01");
        continue;
      }
      if (!ids.add(id)) {
        problem(f, entry, CatalogReason.DUPLICATE, "requirement " + id + " is defined twice");
        continue;
      }
      Map<String, String> statement = textMap(n, "statement", f, entry, true);
      Map<String, String> parameters = textMap(n, "parameters", f, entry, false);
      for (String p : parameters.keySet()) {
        if (!p.startsWith("A." + id + ".ODP.")) {
          problem(
              f,
              entry + " parameters." + p,
              CatalogReason.REV3_ID_INVALID,
              "a parameter id of " + id + " starts with A." + id + ".ODP.");
        }
      }
      Map<String, String> determinations = textMap(n, "determinations", f, entry, true);
      for (String d : determinations.keySet()) {
        if (!d.startsWith("A." + id + ".")) {
          problem(
              f,
              entry + " determinations." + d,
              CatalogReason.REV3_ID_INVALID,
              "a determination id of " + id + " starts with A." + id + ".");
        }
      }
      List<Rev3EvidenceLink> links = new ArrayList<>();
      List<JsonNode> evidence = list(n, "evidence", f, entry);
      for (int j = 0; j < evidence.size(); j++) {
        JsonNode e = evidence.get(j);
        String ee = entry + " evidence[" + j + "]";
        if (!e.isObject()) {
          problem(
              f, ee, CatalogReason.FIELD_INVALID, "must be a mapping with kind, determinations");
          continue;
        }
        allowOnly(e, Set.of("kind", "determinations", "note"), f, ee);
        String kindKey = text(e, "kind", f, ee);
        String note = text(e, "note", f, ee);
        EvidenceKind kind = mapping.kinds.get(kindKey);
        if (!kindKey.isEmpty() && kind == null && !mapping.kinds.isEmpty()) {
          problem(
              f,
              ee,
              CatalogReason.EVIDENCE_KIND_UNKNOWN,
              "evidence kind " + kindKey + " is not defined in the evidence mapping");
        }
        List<String> dets = new ArrayList<>();
        for (JsonNode d : list(e, "determinations", f, ee)) {
          if (!d.isTextual()) {
            problem(f, ee, CatalogReason.FIELD_INVALID, "determinations must be ids");
          } else if (!determinations.containsKey(d.textValue())) {
            problem(
                f,
                ee,
                CatalogReason.DETERMINATION_UNKNOWN,
                d.textValue() + " is not a determination statement of " + id);
          } else {
            dets.add(d.textValue());
          }
        }
        if (dets.isEmpty() && e.has("determinations")) {
          problem(f, ee, CatalogReason.EMPTY, "the link names no determination statement");
        }
        if (kind != null && !dets.isEmpty() && !note.isEmpty()) {
          links.add(new Rev3EvidenceLink(kind, dets, note));
        }
      }
      if (!title.isEmpty() && !statement.isEmpty() && !determinations.isEmpty()) {
        out.add(new Rev3Requirement(id, title, statement, parameters, determinations, links));
      }
    }
    return out;
  }

  private void findL2Ids(JsonNode node, String file, String path) {
    if (node.isTextual()) {
      Matcher m = L2_ID_ANYWHERE.matcher(node.textValue());
      if (m.find()) {
        problem(
            file,
            path,
            CatalogReason.REV3_USES_L2_ID,
            "Rev. 3 requirements have no CMMC Level 2 practice id, but this names one: "
                + node.textValue());
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findL2Ids(node.get(i), file, path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (L2_ID_ANYWHERE.matcher(e.getKey()).find()) {
          problem(
              file,
              p,
              CatalogReason.REV3_USES_L2_ID,
              "Rev. 3 requirements have no CMMC Level 2 practice id, but this key is one");
        }
        findL2Ids(e.getValue(), file, p);
      }
    }
  }

  // ------------------------------------------------------------------------------ field access

  private JsonNode parse(Source src) {
    try {
      JsonNode root = YAML.readTree(src.bytes());
      if (root == null || !root.isObject()) {
        problem(src.name(), "", CatalogReason.YAML_INVALID, "the file is not a YAML mapping");
        return null;
      }
      return root;
    } catch (JsonProcessingException e) {
      problem(
          src.name(),
          "",
          CatalogReason.YAML_INVALID,
          e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
      return null;
    } catch (java.io.IOException e) {
      problem(src.name(), "", CatalogReason.FILE_UNREADABLE, String.valueOf(e.getMessage()));
      return null;
    }
  }

  private void checkSchema(JsonNode root, String expected, String f) {
    String schema = text(root, "schema", f, "");
    if (!schema.isEmpty() && !schema.equals(expected)) {
      problem(
          f,
          "schema",
          CatalogReason.SCHEMA_UNSUPPORTED,
          "expected schema " + expected + ", found " + schema);
    }
  }

  private void allowOnly(JsonNode node, Set<String> fields, String f, String entry) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!fields.contains(name)) {
        problem(
            f,
            entry.isEmpty() ? name : entry + " " + name,
            CatalogReason.FIELD_UNKNOWN,
            "unknown field " + name + "; expected one of " + String.join(", ", sorted(fields)));
      }
    }
  }

  private String text(JsonNode node, String field, String f, String entry) {
    JsonNode v = node.get(field);
    String where = entry.isEmpty() ? field : entry + " " + field;
    if (v == null || v.isNull()) {
      problem(f, where, CatalogReason.FIELD_MISSING, field + " is required");
      return "";
    }
    if (!v.isTextual()) {
      problem(f, where, CatalogReason.FIELD_INVALID, field + " must be a string (quote it)");
      return "";
    }
    if (v.textValue().isBlank()) {
      problem(f, where, CatalogReason.FIELD_MISSING, field + " is empty");
      return "";
    }
    return v.textValue();
  }

  private JsonNode object(JsonNode node, String field, String f, String entry) {
    JsonNode v = node.get(field);
    String where = entry.isEmpty() ? field : entry + " " + field;
    if (v == null || v.isNull()) {
      problem(f, where, CatalogReason.FIELD_MISSING, field + " is required");
      return null;
    }
    if (!v.isObject()) {
      problem(f, where, CatalogReason.FIELD_INVALID, field + " must be a mapping");
      return null;
    }
    return v;
  }

  private List<JsonNode> list(JsonNode node, String field, String f, String entry) {
    JsonNode v = node.get(field);
    String where = entry.isEmpty() ? field : entry + " " + field;
    if (v == null || v.isNull()) {
      problem(f, where, CatalogReason.FIELD_MISSING, field + " is required");
      return List.of();
    }
    if (!v.isArray()) {
      problem(f, where, CatalogReason.FIELD_INVALID, field + " must be a list");
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    v.forEach(out::add);
    return out;
  }

  private Map<String, String> textMap(
      JsonNode node, String field, String f, String entry, boolean required) {
    JsonNode v = node.get(field);
    String where = entry + " " + field;
    if (v == null || v.isNull()) {
      if (required) {
        problem(f, where, CatalogReason.FIELD_MISSING, field + " is required");
      }
      return Map.of();
    }
    if (!v.isObject() || (required && v.isEmpty())) {
      problem(f, where, CatalogReason.FIELD_INVALID, field + " must be a non-empty mapping");
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual() || e.getValue().textValue().isBlank()) {
        problem(f, where + "." + e.getKey(), CatalogReason.FIELD_MISSING, "the text is empty");
      } else {
        out.put(e.getKey(), e.getValue().textValue());
      }
    }
    return out;
  }

  private void problem(String file, String entry, CatalogReason reason, String message) {
    problems.add(new CatalogProblem(file, entry, reason, message));
  }

  private static List<String> sorted(Set<String> s) {
    List<String> l = new ArrayList<>(s);
    l.sort(null);
    return l;
  }

  private static YAMLMapper yamlMapper() {
    YAMLMapper m = new YAMLMapper();
    // Why: a repeated objective letter or evidence key would otherwise silently replace the first.
    m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    m.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    return m;
  }
}
