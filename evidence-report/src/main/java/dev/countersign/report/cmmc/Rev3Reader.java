package dev.countersign.report.cmmc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the informative NIST SP 800-171 Rev. 3 section (supply-chain family 03.17), which must
 * never borrow a CMMC Level 2 practice id.
 */
final class Rev3Reader {
  static final String SCHEMA = "countersign.dev/cmmc-rev3-informative/v1";

  private static final Pattern L2_ID_ANYWHERE = Pattern.compile("[A-Z]{2}\\.L2-3\\.[0-9]");
  private static final Pattern REV3_FAMILY = Pattern.compile("^03\\.[0-9]{2}$");
  private static final Pattern REV3_ID = Pattern.compile("^03\\.[0-9]{2}\\.[0-9]{2}$");

  private final CatalogFields fields;

  Rev3Reader(CatalogFields fields) {
    this.fields = fields;
  }

  List<Rev3Requirement> read(CatalogReader.Source src, EvidenceMappingReader.Part mapping) {
    String f = src.name();
    JsonNode root = fields.parse(src);
    List<Rev3Requirement> out = new ArrayList<>();
    if (root == null) {
      return out;
    }
    // Why: Rev. 3 has no CMMC Level 2 practices. An L2 id anywhere in this file would present
    // Rev. 3 text as something a Level 2 assessment covers.
    findL2Ids(root, f, "");
    fields.allowOnly(
        root, Set.of("schema", "informative", "publication", "family", "requirements"), f, "");
    fields.checkSchema(root, SCHEMA, f);
    JsonNode informative = root.get("informative");
    if (informative == null || !informative.isBoolean() || !informative.booleanValue()) {
      fields.problem(
          f,
          "informative",
          CatalogReason.REV3_NOT_INFORMATIVE,
          "the Rev. 3 section must be marked informative: true");
    }
    String familyId = "";
    JsonNode family = fields.object(root, "family", f, "");
    if (family != null) {
      fields.allowOnly(family, Set.of("id", "title"), f, "family");
      familyId = fields.text(family, "id", f, "family");
      fields.text(family, "title", f, "family");
      if (!familyId.isEmpty() && !REV3_FAMILY.matcher(familyId).matches()) {
        fields.problem(
            f,
            "family",
            CatalogReason.REV3_ID_INVALID,
            "a Rev. 3 family id is 03.<nn>, e.g. 03.17");
      }
    }
    List<JsonNode> reqs = fields.list(root, "requirements", f, "");
    if (reqs.isEmpty() && root.has("requirements")) {
      fields.problem(
          f, "requirements", CatalogReason.EMPTY, "the Rev. 3 section defines no requirements");
    }
    Set<String> ids = new HashSet<>();
    for (CatalogFields.Entry item : fields.mappings(reqs, f, "requirements", "")) {
      JsonNode n = item.node();
      String entry = item.path();
      String id = fields.text(n, "id", f, entry);
      if (id.isEmpty()) {
        continue;
      }
      entry = entry + " " + id;
      fields.allowOnly(
          n,
          Set.of("id", "title", "statement", "parameters", "determinations", "evidence"),
          f,
          entry);
      String title = fields.text(n, "title", f, entry);
      if (!REV3_ID.matcher(id).matches() || !id.startsWith(familyId + ".")) {
        fields.problem(
            f,
            entry,
            CatalogReason.REV3_ID_INVALID,
            "a Rev. 3 requirement id is "
                + (familyId.isEmpty() ? "03.<nn>" : familyId)
                + ".<nn>, e.g. 03.17.01");
        continue;
      }
      if (!ids.add(id)) {
        fields.problem(
            f, entry, CatalogReason.DUPLICATE, "requirement " + id + " is defined twice");
        continue;
      }
      Map<String, String> statement = fields.textMap(n, "statement", f, entry, true);
      Map<String, String> parameters = fields.textMap(n, "parameters", f, entry, false);
      requirePrefix(
          parameters, "A." + id + ".ODP.", f, entry + " parameters.", "a parameter id of " + id);
      Map<String, String> determinations = fields.textMap(n, "determinations", f, entry, true);
      requirePrefix(
          determinations,
          "A." + id + ".",
          f,
          entry + " determinations.",
          "a determination id of " + id);
      List<Rev3EvidenceLink> links = new ArrayList<>();
      List<JsonNode> evidence = fields.list(n, "evidence", f, entry);
      for (CatalogFields.Entry link :
          fields.mappings(evidence, f, entry + " evidence", " with kind, determinations")) {
        JsonNode e = link.node();
        String ee = link.path();
        fields.allowOnly(e, Set.of("kind", "determinations", "note"), f, ee);
        String kindKey = fields.text(e, "kind", f, ee);
        String note = fields.text(e, "note", f, ee);
        EvidenceKind kind = mapping.kinds().get(kindKey);
        if (!kindKey.isEmpty() && kind == null && !mapping.kinds().isEmpty()) {
          fields.problem(
              f,
              ee,
              CatalogReason.EVIDENCE_KIND_UNKNOWN,
              "evidence kind " + kindKey + " is not defined in the evidence mapping");
        }
        List<String> dets = new ArrayList<>();
        for (JsonNode d : fields.list(e, "determinations", f, ee)) {
          if (!d.isTextual()) {
            fields.problem(f, ee, CatalogReason.FIELD_INVALID, "determinations must be ids");
          } else if (!determinations.containsKey(d.textValue())) {
            fields.problem(
                f,
                ee,
                CatalogReason.DETERMINATION_UNKNOWN,
                d.textValue() + " is not a determination statement of " + id);
          } else {
            dets.add(d.textValue());
          }
        }
        if (dets.isEmpty() && e.has("determinations")) {
          fields.problem(f, ee, CatalogReason.EMPTY, "the link names no determination statement");
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

  /** Each id of {@code texts} must start with {@code prefix} (the requirement's own id). */
  private void requirePrefix(
      Map<String, String> texts, String prefix, String f, String entryPrefix, String what) {
    for (String key : texts.keySet()) {
      if (!key.startsWith(prefix)) {
        fields.problem(
            f, entryPrefix + key, CatalogReason.REV3_ID_INVALID, what + " starts with " + prefix);
      }
    }
  }

  private void findL2Ids(JsonNode node, String file, String path) {
    if (node.isTextual()) {
      Matcher m = L2_ID_ANYWHERE.matcher(node.textValue());
      if (m.find()) {
        fields.problem(
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
          fields.problem(
              file,
              p,
              CatalogReason.REV3_USES_L2_ID,
              "Rev. 3 requirements have no CMMC Level 2 practice id, but this key is one");
        }
        findL2Ids(e.getValue(), file, p);
      }
    }
  }
}
