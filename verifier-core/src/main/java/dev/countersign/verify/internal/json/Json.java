package dev.countersign.verify.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Strict JSON reading for protobuf-JSON documents (bundles, trust roots) and in-toto statements.
 *
 * <p>Field lookups accept both the lowerCamelCase JSON name and the proto field name, as the
 * protobuf JSON mapping requires. Explicit {@code null} counts as absent. Duplicate keys are
 * rejected: two values for one field is a classic way to make two parsers disagree.
 */
public final class Json {
  private static final Pattern INT64 = Pattern.compile("-?[0-9]{1,19}");

  /** Maximum size of any single string value (a DSSE payload can carry a large SBOM). */
  public static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;

  /** Maximum nesting of arrays and objects. */
  public static final int MAX_NESTING_DEPTH = 200;

  private Json() {}

  /** Parses a complete JSON document that must be an object. */
  public static JsonNode parseObject(byte[] json, String what) throws JsonFormatException {
    JsonNode node;
    try {
      node = JsonTreeReader.read(json);
    } catch (JsonProcessingException e) {
      throw new JsonFormatException("", what + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new JsonFormatException("", what + " could not be read: " + e.getMessage());
    }
    if (node == null || node.isMissingNode()) {
      throw new JsonFormatException("", what + " is empty");
    }
    if (!node.isObject()) {
      throw new JsonFormatException("", what + " is not a JSON object");
    }
    return node;
  }

  /** Field by JSON name or proto name; null if absent or JSON null. */
  public static JsonNode field(JsonNode obj, String jsonName) {
    if (obj == null || !obj.isObject()) {
      return null;
    }
    JsonNode n = obj.get(jsonName);
    if (n == null) {
      String proto = toSnake(jsonName);
      if (!proto.equals(jsonName)) {
        n = obj.get(proto);
      }
    }
    return n == null || n.isNull() ? null : n;
  }

  public static boolean has(JsonNode obj, String jsonName) {
    return field(obj, jsonName) != null;
  }

  public static JsonNode object(JsonNode obj, String name, String path) throws JsonFormatException {
    JsonNode n = field(obj, name);
    if (n == null) {
      throw new JsonFormatException(join(path, name), "required field is missing");
    }
    if (!n.isObject()) {
      throw new JsonFormatException(join(path, name), "must be an object");
    }
    return n;
  }

  public static JsonNode optionalObject(JsonNode obj, String name, String path)
      throws JsonFormatException {
    JsonNode n = field(obj, name);
    if (n != null && !n.isObject()) {
      throw new JsonFormatException(join(path, name), "must be an object");
    }
    return n;
  }

  public static JsonNode optionalArray(JsonNode obj, String name, String path)
      throws JsonFormatException {
    JsonNode n = field(obj, name);
    if (n != null && !n.isArray()) {
      throw new JsonFormatException(join(path, name), "must be an array");
    }
    return n;
  }

  public static String string(JsonNode obj, String name, String path) throws JsonFormatException {
    String s = optionalString(obj, name, path);
    if (s == null) {
      throw new JsonFormatException(join(path, name), "required field is missing");
    }
    return s;
  }

  public static String optionalString(JsonNode obj, String name, String path)
      throws JsonFormatException {
    JsonNode n = field(obj, name);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw new JsonFormatException(join(path, name), "must be a string");
    }
    return n.textValue();
  }

  /** Base64 bytes (standard or URL-safe alphabet, padding optional, line breaks tolerated). */
  public static byte[] bytes(JsonNode obj, String name, String path) throws JsonFormatException {
    byte[] b = optionalBytes(obj, name, path);
    if (b == null) {
      throw new JsonFormatException(join(path, name), "required field is missing");
    }
    return b;
  }

  public static byte[] optionalBytes(JsonNode obj, String name, String path)
      throws JsonFormatException {
    JsonNode n = field(obj, name);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw new JsonFormatException(join(path, name), "must be a base64 string");
    }
    return base64(n.textValue(), join(path, name));
  }

  /** Decodes base64 strictly: any character outside the alphabet is an error. */
  public static byte[] base64(String s, String path) throws JsonFormatException {
    String t = s;
    if (t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
      t = t.replace("\r", "").replace("\n", "");
    }
    boolean urlSafe = t.indexOf('-') >= 0 || t.indexOf('_') >= 0;
    if (urlSafe && (t.indexOf('+') >= 0 || t.indexOf('/') >= 0)) {
      throw new JsonFormatException(path, "invalid base64: mixes standard and URL-safe alphabets");
    }
    if (t.length() % 4 == 1) {
      throw new JsonFormatException(path, "invalid base64: impossible length");
    }
    try {
      return urlSafe ? Base64.getUrlDecoder().decode(t) : Base64.getDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(path, "invalid base64: " + e.getMessage());
    }
  }

  /** An int64 written as a JSON string or number (protobuf JSON allows both). */
  public static long int64(JsonNode obj, String name, String path) throws JsonFormatException {
    Long v = optionalInt64(obj, name, path);
    if (v == null) {
      throw new JsonFormatException(join(path, name), "required field is missing");
    }
    return v;
  }

  public static Long optionalInt64(JsonNode obj, String name, String path)
      throws JsonFormatException {
    JsonNode n = field(obj, name);
    if (n == null) {
      return null;
    }
    try {
      if (n.isIntegralNumber() && n.canConvertToLong()) {
        return n.longValue();
      }
      if (n.isTextual()) {
        String s = n.textValue().trim();
        if (!INT64.matcher(s).matches()) {
          throw new JsonFormatException(join(path, name), "must be an integer");
        }
        return Long.parseLong(s);
      }
    } catch (NumberFormatException e) {
      throw new JsonFormatException(join(path, name), "integer out of range");
    }
    throw new JsonFormatException(join(path, name), "must be an integer");
  }

  /** A protobuf JSON Timestamp (RFC 3339). */
  public static Instant optionalTimestamp(JsonNode obj, String name, String path)
      throws JsonFormatException {
    String s = optionalString(obj, name, path);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e2) {
        throw new JsonFormatException(join(path, name), "not an RFC 3339 timestamp: " + s);
      }
    }
  }

  public static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode obj) {
    return obj.fields();
  }

  public static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  public static String index(String path, int i) {
    return path + "[" + i + "]";
  }

  static String toSnake(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        sb.append('_').append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
