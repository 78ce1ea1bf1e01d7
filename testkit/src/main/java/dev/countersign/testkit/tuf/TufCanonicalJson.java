package dev.countersign.testkit.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * OLPC canonical JSON as securesystemslib writes it for TUF signatures: keys sorted by code point,
 * no whitespace, only backslash and double quote escaped, integers only, UTF-8.
 */
public final class TufCanonicalJson {
  private TufCanonicalJson() {}

  /** The canonical bytes of {@code node}; floats are refused as securesystemslib refuses them. */
  public static byte[] encode(JsonNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    append(node, out);
    return out.toByteArray();
  }

  private static void append(JsonNode node, ByteArrayOutputStream out) {
    if (node.isObject()) {
      Map<int[], JsonNode> sorted = new TreeMap<>(Arrays::compare);
      Map<int[], String> names = new TreeMap<>(Arrays::compare);
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        int[] key = e.getKey().codePoints().toArray();
        sorted.put(key, e.getValue());
        names.put(key, e.getKey());
      }
      out.write('{');
      boolean first = true;
      for (Map.Entry<int[], JsonNode> e : sorted.entrySet()) {
        if (!first) {
          out.write(',');
        }
        first = false;
        string(names.get(e.getKey()), out);
        out.write(':');
        append(e.getValue(), out);
      }
      out.write('}');
    } else if (node.isArray()) {
      out.write('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        append(node.get(i), out);
      }
      out.write(']');
    } else if (node.isTextual()) {
      string(node.textValue(), out);
    } else if (node.isIntegralNumber()) {
      out.writeBytes(node.bigIntegerValue().toString().getBytes(StandardCharsets.US_ASCII));
    } else if (node.isBoolean() || node.isNull()) {
      out.writeBytes(node.asText().getBytes(StandardCharsets.US_ASCII));
    } else {
      throw new IllegalArgumentException("canonical JSON cannot encode " + node.getNodeType());
    }
  }

  private static void string(String s, ByteArrayOutputStream out) {
    String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"");
    out.write('"');
    out.writeBytes(escaped.getBytes(StandardCharsets.UTF_8));
    out.write('"');
  }
}
