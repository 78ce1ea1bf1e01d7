package dev.countersign.verify.internal.slsa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.slsa.ResourceDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lenient-by-presence, strict-by-type reading of provenance JSON: a field that is absent or JSON
 * null is absent; a field that is present with the wrong JSON type is malformed, reported with its
 * path. Field names are matched exactly (no protobuf name fallback).
 */
final class PredicateJson {
  /** Largest array read from a predicate (materials, dependencies); more is malformed. */
  static final int MAX_ENTRIES = 10_000;

  private PredicateJson() {}

  static JsonNode get(JsonNode obj, String name) {
    if (obj == null || !obj.isObject()) {
      return null;
    }
    JsonNode n = obj.get(name);
    return n == null || n.isNull() ? null : n;
  }

  /** A string field; empty when absent. */
  static String text(JsonNode obj, String name, String path) throws JsonFormatException {
    JsonNode n = get(obj, name);
    if (n == null) {
      return "";
    }
    if (!n.isTextual()) {
      throw new JsonFormatException(Json.join(path, name), "must be a string");
    }
    return n.textValue();
  }

  /** An object field; null when absent. */
  static JsonNode object(JsonNode obj, String name, String path) throws JsonFormatException {
    JsonNode n = get(obj, name);
    if (n != null && !n.isObject()) {
      throw new JsonFormatException(Json.join(path, name), "must be an object");
    }
    return n;
  }

  /** An array field; empty when absent. */
  static List<JsonNode> array(JsonNode obj, String name, String path) throws JsonFormatException {
    JsonNode n = get(obj, name);
    if (n == null) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new JsonFormatException(Json.join(path, name), "must be an array");
    }
    if (n.size() > MAX_ENTRIES) {
      throw new JsonFormatException(Json.join(path, name), "more than " + MAX_ENTRIES + " entries");
    }
    List<JsonNode> out = new ArrayList<>(n.size());
    n.forEach(out::add);
    return out;
  }

  /** A boolean field; false when absent. */
  static boolean bool(JsonNode obj, String name, String path) throws JsonFormatException {
    JsonNode n = get(obj, name);
    if (n == null) {
      return false;
    }
    if (!n.isBoolean()) {
      throw new JsonFormatException(Json.join(path, name), "must be a boolean");
    }
    return n.booleanValue();
  }

  /** Any JSON value, copied; a missing node when absent. */
  static JsonNode copy(JsonNode obj, String name) {
    JsonNode n = get(obj, name);
    return n == null ? MissingNode.getInstance() : n.deepCopy();
  }

  /** An object whose values are all strings (a digest set, a version map); empty when absent. */
  static Map<String, String> stringMap(JsonNode obj, String name, String path)
      throws JsonFormatException {
    JsonNode n = object(obj, name, path);
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null) {
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new JsonFormatException(
            Json.join(Json.join(path, name), e.getKey()), "must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /** A resource descriptor (v1) or material (v0.2) object at {@code path}. */
  static ResourceDescriptor resource(JsonNode node, String path) throws JsonFormatException {
    if (!node.isObject()) {
      throw new JsonFormatException(path, "must be an object");
    }
    return new ResourceDescriptor(
        text(node, "uri", path), stringMap(node, "digest", path), text(node, "name", path));
  }

  /** An array of resource descriptors; empty when absent. */
  static List<ResourceDescriptor> resources(JsonNode obj, String name, String path)
      throws JsonFormatException {
    List<ResourceDescriptor> out = new ArrayList<>();
    List<JsonNode> items = array(obj, name, path);
    for (int i = 0; i < items.size(); i++) {
      out.add(resource(items.get(i), Json.index(Json.join(path, name), i)));
    }
    return out;
  }
}
