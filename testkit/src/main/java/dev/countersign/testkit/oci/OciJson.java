package dev.countersign.testkit.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON in member insertion order, the form every OCI writer emits, with optional Go-style
 * escaping.
 */
public final class OciJson {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final ObjectMapper GO = new ObjectMapper();

  static {
    GO.getFactory().setCharacterEscapes(new GoEscapes());
  }

  private OciJson() {}

  /** The compact UTF-8 bytes of {@code node} as {@code style}'s writer escapes strings. */
  public static Bytes write(JsonNode node, JsonStyle style) {
    try {
      ObjectMapper mapper = style == JsonStyle.GO ? GO : PLAIN;
      return Bytes.of(mapper.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON bytes. */
  public static JsonNode parse(Bytes json) {
    return Json.parse(json.toByteArray());
  }

  /**
   * A deep copy with every object's members sorted by name, as Go writes a {@code
   * map[string]interface{}}.
   */
  public static JsonNode sortedKeys(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      members.sort(Map.Entry.comparingByKey());
      ObjectNode sorted = Json.object();
      members.forEach(m -> sorted.set(m.getKey(), sortedKeys(m.getValue())));
      return sorted;
    }
    if (node.isArray()) {
      var array = Json.array();
      node.forEach(element -> array.add(sortedKeys(element)));
      return array;
    }
    return node.deepCopy();
  }

  /** Go's encoding/json escapes HTML-significant characters and the JavaScript line separators. */
  private static final class GoEscapes extends CharacterEscapes {
    private final int[] ascii = standardAsciiEscapesForJSON();

    GoEscapes() {
      ascii['<'] = ESCAPE_CUSTOM;
      ascii['>'] = ESCAPE_CUSTOM;
      ascii['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }
}
