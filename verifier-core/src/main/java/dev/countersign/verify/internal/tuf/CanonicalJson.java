package dev.countersign.verify.internal.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.json.JsonFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * OLPC canonical JSON, as securesystemslib {@code encode_canonical} and go-securesystemslib {@code
 * cjson} write it: object keys sorted by Unicode code point, no insignificant whitespace, strings
 * with only {@code \} and {@code "} escaped (every other character is written as itself, in UTF-8),
 * integers only. TUF signatures are made over these bytes of the {@code signed} object, so any
 * deviation here makes every valid signature fail (or, worse, lets two documents share one).
 */
final class CanonicalJson {
  /** Code-point order; {@link String#compareTo} orders UTF-16 units and differs above U+FFFF. */
  static final Comparator<String> CODE_POINT_ORDER = CanonicalJson::compareCodePoints;

  private CanonicalJson() {}

  static byte[] encode(JsonNode node) throws JsonFormatException {
    StringBuilder out = new StringBuilder(256);
    write(node, out, "");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode node, StringBuilder out, String path)
      throws JsonFormatException {
    switch (node.getNodeType()) {
      case OBJECT:
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(CODE_POINT_ORDER);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          String name = names.get(i);
          writeString(name, out, path);
          out.append(':');
          write(node.get(name), out, TufFields.join(path, name));
        }
        out.append('}');
        return;
      case ARRAY:
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(node.get(i), out, path + "[" + i + "]");
        }
        out.append(']');
        return;
      case STRING:
        writeString(node.textValue(), out, path);
        return;
      case NUMBER:
        if (!node.isIntegralNumber()) {
          throw new JsonFormatException(
              path, "canonical JSON allows only integers, found " + node.asText());
        }
        out.append(node.bigIntegerValue().toString());
        return;
      case BOOLEAN:
        out.append(node.booleanValue() ? "true" : "false");
        return;
      case NULL:
        out.append("null");
        return;
      default:
        throw new JsonFormatException(path, "cannot be written as canonical JSON");
    }
  }

  private static void writeString(String s, StringBuilder out, String path)
      throws JsonFormatException {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        // A lone surrogate has no UTF-8 form; encoders would substitute '?' and sign other bytes.
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
        if (!paired) {
          throw new JsonFormatException(path, "string contains an unpaired UTF-16 surrogate");
        }
        out.append(c).append(s.charAt(++i));
        continue;
      }
      if (c == '\\' || c == '"') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
