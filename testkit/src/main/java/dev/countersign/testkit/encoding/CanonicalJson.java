package dev.countersign.testkit.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme, which Rekor uses for entry bodies and for the payload its
 * signed entry timestamps cover.
 *
 * <p>Object members are sorted by their names' UTF-16 code units ({@link String#compareTo} compares
 * exactly those), strings are escaped as ECMAScript's {@code JSON.stringify} does, and there is no
 * whitespace. Numbers are limited to integers below 10<sup>21</sup> in magnitude, which ECMAScript
 * prints as plain digits; every number Sigstore signs is such an integer, and refusing the rest is
 * safer than approximating ECMAScript's shortest-round-trip double formatting.
 */
public final class CanonicalJson {
  private static final BigInteger LIMIT = BigInteger.TEN.pow(21);

  private CanonicalJson() {}

  /** The canonical UTF-8 bytes of {@code node}. */
  public static byte[] canonicalize(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The canonical form of {@code node} as text. */
  public static String canonicalString(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(node, out);
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(node.get(i), out);
        }
        out.append(']');
      }
      case STRING -> writeString(node.textValue(), out);
      case NUMBER -> out.append(integer(node));
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  private static void writeObject(JsonNode node, StringBuilder out) {
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
    members.sort(Map.Entry.comparingByKey());
    out.append('{');
    for (int i = 0; i < members.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      writeString(members.get(i).getKey(), out);
      out.append(':');
      write(members.get(i).getValue(), out);
    }
    out.append('}');
  }

  private static String integer(JsonNode number) {
    BigDecimal value = number.decimalValue();
    BigInteger integral;
    try {
      integral = value.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("only integers are canonicalized, got " + value, e);
    }
    if (integral.abs().compareTo(LIMIT) >= 0) {
      throw new IllegalArgumentException("integer too large for plain-digit form: " + integral);
    }
    return integral.toString();
  }

  private static void writeString(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        // A lone surrogate has no UTF-8 form; a valid pair is copied through unchanged.
        if (!Character.isHighSurrogate(c)
            || i + 1 >= text.length()
            || !Character.isLowSurrogate(text.charAt(i + 1))) {
          throw new IllegalArgumentException("lone surrogate at index " + i);
        }
        out.append(c).append(text.charAt(++i));
        continue;
      }
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
