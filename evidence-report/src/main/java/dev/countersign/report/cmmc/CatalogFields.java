package dev.countersign.report.cmmc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads fields of the CMMC YAML files and records a problem, naming file and entry, for each field
 * that is missing, mistyped or unknown; the readers carry on so that one run reports them all.
 */
final class CatalogFields {
  private static final YAMLMapper YAML = yamlMapper();

  private final List<CatalogProblem> problems = new ArrayList<>();

  /** One mapping of a list, with the path that names it in problems, e.g. {@code families[2]}. */
  record Entry(String path, JsonNode node) {}

  List<CatalogProblem> problems() {
    return problems;
  }

  /**
   * The mappings of a list read with {@link #list}; every other item is a problem ("must be a
   * mapping" and {@code shape}) and is left out.
   */
  List<Entry> mappings(List<JsonNode> items, String f, String listPath, String shape) {
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = listPath + "[" + i + "]";
      if (items.get(i).isObject()) {
        out.add(new Entry(path, items.get(i)));
      } else {
        problem(f, path, CatalogReason.FIELD_INVALID, "must be a mapping" + shape);
      }
    }
    return out;
  }

  JsonNode parse(CatalogReader.Source src) {
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

  void checkSchema(JsonNode root, String expected, String f) {
    String schema = text(root, "schema", f, "");
    if (!schema.isEmpty() && !schema.equals(expected)) {
      problem(
          f,
          "schema",
          CatalogReason.SCHEMA_UNSUPPORTED,
          "expected schema " + expected + ", found " + schema);
    }
  }

  void allowOnly(JsonNode node, Set<String> fields, String f, String entry) {
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

  String text(JsonNode node, String field, String f, String entry) {
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

  JsonNode object(JsonNode node, String field, String f, String entry) {
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

  List<JsonNode> list(JsonNode node, String field, String f, String entry) {
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

  Map<String, String> textMap(
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

  void problem(String file, String entry, CatalogReason reason, String message) {
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
