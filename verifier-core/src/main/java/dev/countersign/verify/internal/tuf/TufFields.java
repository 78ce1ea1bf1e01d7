package dev.countersign.verify.internal.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.json.JsonFormatException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Strict field access for TUF metadata. Unlike the protobuf-JSON helpers, TUF fields have exactly
 * one name and one JSON type: a version written as a string is malformed, not tolerated.
 */
final class TufFields {
  private TufFields() {}

  static JsonNode object(JsonNode parent, String name, String path) throws JsonFormatException {
    JsonNode n = required(parent, name, path);
    if (!n.isObject()) {
      throw new JsonFormatException(join(path, name), "must be a JSON object");
    }
    return n;
  }

  static JsonNode optionalObject(JsonNode parent, String name, String path)
      throws JsonFormatException {
    JsonNode n = parent.get(name);
    if (n == null) {
      return null;
    }
    if (!n.isObject()) {
      throw new JsonFormatException(join(path, name), "must be a JSON object");
    }
    return n;
  }

  static JsonNode array(JsonNode parent, String name, String path) throws JsonFormatException {
    JsonNode n = required(parent, name, path);
    if (!n.isArray()) {
      throw new JsonFormatException(join(path, name), "must be a JSON array");
    }
    return n;
  }

  static String text(JsonNode parent, String name, String path) throws JsonFormatException {
    JsonNode n = required(parent, name, path);
    if (!n.isTextual()) {
      throw new JsonFormatException(join(path, name), "must be a string");
    }
    return n.textValue();
  }

  static boolean optionalBoolean(JsonNode parent, String name, String path)
      throws JsonFormatException {
    JsonNode n = parent.get(name);
    if (n == null) {
      return false;
    }
    if (!n.isBoolean()) {
      throw new JsonFormatException(join(path, name), "must be true or false");
    }
    return n.booleanValue();
  }

  /** A JSON integer within [{@code min}, {@link Long#MAX_VALUE}]. */
  static long integer(JsonNode parent, String name, String path, long min)
      throws JsonFormatException {
    Long v = optionalInteger(parent, name, path, min);
    if (v == null) {
      throw new JsonFormatException(join(path, name), "required field is missing");
    }
    return v;
  }

  static Long optionalInteger(JsonNode parent, String name, String path, long min)
      throws JsonFormatException {
    JsonNode n = parent.get(name);
    if (n == null) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new JsonFormatException(join(path, name), "must be a JSON integer");
    }
    long v = n.longValue();
    if (v < min) {
      throw new JsonFormatException(join(path, name), "must be at least " + min + ", is " + v);
    }
    return v;
  }

  /** A TUF timestamp: ISO 8601 in UTC with a literal {@code Z}, e.g. 2030-01-01T00:00:00Z. */
  static Instant instant(JsonNode parent, String name, String path) throws JsonFormatException {
    String s = text(parent, name, path);
    if (!s.endsWith("Z")) {
      throw new JsonFormatException(join(path, name), "must be a UTC time ending in Z: " + s);
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new JsonFormatException(join(path, name), "not an ISO 8601 UTC time: " + s);
    }
  }

  /**
   * A HASHES object: algorithm name to lower- or upper-case hex digest. Algorithms are not checked
   * here; {@link LengthAndHashes} refuses the ones it cannot compute.
   */
  static Map<String, byte[]> hashes(JsonNode hashes, String path) throws JsonFormatException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (var e : hashes.properties()) {
      if (!e.getValue().isTextual()) {
        throw new JsonFormatException(join(path, e.getKey()), "must be a hex string");
      }
      out.put(e.getKey(), hex(e.getValue().textValue(), join(path, e.getKey())));
    }
    return out;
  }

  static byte[] hex(String s, String path) throws JsonFormatException {
    try {
      return HexFormat.of().parseHex(s);
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(path, "not a hex string");
    }
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static JsonNode required(JsonNode parent, String name, String path)
      throws JsonFormatException {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      throw new JsonFormatException(join(path, name), "required field is missing");
    }
    return n;
  }
}
