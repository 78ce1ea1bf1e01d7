package dev.countersign.verify.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.Digest;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.oci.Descriptor;
import dev.countersign.verify.oci.Platform;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads OCI descriptors and the fields around them from manifest JSON. Field names are matched
 * exactly as the image specification spells them: accepting variants (as the protobuf-JSON helpers
 * do for bundles) would let this parser see a field that registries and runtimes do not.
 */
public final class DescriptorJson {
  private DescriptorJson() {}

  /** A required descriptor object. */
  public static Descriptor descriptor(JsonNode node, String path) throws JsonFormatException {
    if (node == null || !node.isObject()) {
      throw new JsonFormatException(path, "must be a descriptor object");
    }
    String mediaType = string(node, "mediaType", path);
    String digestText = string(node, "digest", path);
    Digest digest =
        Digest.tryParse(digestText)
            .orElseThrow(
                () ->
                    new JsonFormatException(
                        Json.join(path, "digest"), "not a supported digest: " + digestText));
    JsonNode size = node.get("size");
    if (size == null
        || !size.isIntegralNumber()
        || !size.canConvertToLong()
        || size.longValue() < 0) {
      throw new JsonFormatException(Json.join(path, "size"), "must be a non-negative integer");
    }
    return new Descriptor(
        mediaType,
        digest,
        size.longValue(),
        Optional.ofNullable(optionalString(node, "artifactType", path)),
        annotations(node, path),
        platform(node, path));
  }

  /** An optional array of descriptors; an empty list when the field is absent. */
  public static List<Descriptor> descriptors(JsonNode obj, String name, String path)
      throws JsonFormatException {
    JsonNode array = obj.get(name);
    if (array == null || array.isNull()) {
      return List.of();
    }
    String at = Json.join(path, name);
    if (!array.isArray()) {
      throw new JsonFormatException(at, "must be an array");
    }
    List<Descriptor> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(descriptor(array.get(i), Json.index(at, i)));
    }
    return List.copyOf(out);
  }

  /** The string-to-string {@code annotations} map of an object; empty when absent. */
  public static Map<String, String> annotations(JsonNode obj, String path)
      throws JsonFormatException {
    JsonNode node = obj.get("annotations");
    if (node == null || node.isNull()) {
      return Map.of();
    }
    String at = Json.join(path, "annotations");
    if (!node.isObject()) {
      throw new JsonFormatException(at, "must be an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new JsonFormatException(Json.join(at, e.getKey()), "must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /** A required string field. */
  public static String string(JsonNode obj, String name, String path) throws JsonFormatException {
    String s = optionalString(obj, name, path);
    if (s == null) {
      throw new JsonFormatException(Json.join(path, name), "required field is missing");
    }
    return s;
  }

  /** An optional string field; null when absent or JSON null. */
  public static String optionalString(JsonNode obj, String name, String path)
      throws JsonFormatException {
    JsonNode n = obj.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new JsonFormatException(Json.join(path, name), "must be a string");
    }
    return n.textValue();
  }

  private static Optional<Platform> platform(JsonNode descriptor, String path)
      throws JsonFormatException {
    JsonNode node = descriptor.get("platform");
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    String at = Json.join(path, "platform");
    if (!node.isObject()) {
      throw new JsonFormatException(at, "must be an object");
    }
    return Optional.of(
        new Platform(
            string(node, "os", at),
            string(node, "architecture", at),
            Optional.ofNullable(optionalString(node, "variant", at))));
  }
}
