package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** The packet's one JSON configuration. */
public final class PacketJson {
  public static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength(64 * 1024 * 1024)
                          .maxNestingDepth(300)
                          .build())
                  .build())
          .enable(SerializationFeature.INDENT_OUTPUT);

  private PacketJson() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Pretty JSON with a final newline. */
  public static byte[] pretty(JsonNode node) {
    try {
      byte[] b = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
      byte[] out = new byte[b.length + 1];
      System.arraycopy(b, 0, out, 0, b.length);
      out[b.length] = '\n';
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One compact line, without the newline. */
  public static String line(JsonNode node) {
    try {
      return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void put(ObjectNode node, String field, Optional<?> value) {
    if (value.isPresent()) {
      node.put(field, String.valueOf(value.get()));
    } else {
      node.putNull(field);
    }
  }

  public static void put(ObjectNode node, String field, Instant value) {
    node.put(field, value == null ? null : value.toString());
  }

  public static ArrayNode strings(Collection<String> values) {
    ArrayNode a = array();
    values.forEach(a::add);
    return a;
  }

  public static JsonGenerator compact(JsonGenerator g) {
    g.setPrettyPrinter(null);
    return g;
  }
}
