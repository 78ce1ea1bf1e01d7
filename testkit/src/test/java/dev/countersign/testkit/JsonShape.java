package dev.countersign.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.encoding.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The set of value paths of a JSON document, array indices written as {@code *}. */
public final class JsonShape {
  private JsonShape() {}

  /** Paths such as {@code /tlogs/ * /publicKey/rawBytes} (without the spaces) of every value. */
  public static Set<String> of(JsonNode node) {
    Set<String> paths = new TreeSet<>();
    collect(node, "", paths);
    return paths;
  }

  /** Reads a corpus file relative to {@code countersign.corpus}, or null when it is absent. */
  public static JsonNode corpusFile(String relative) {
    String corpus = System.getProperty("countersign.corpus");
    if (corpus == null || !Files.isRegularFile(Path.of(corpus, relative))) {
      return null;
    }
    try {
      return Json.parse(Files.readString(Path.of(corpus, relative)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collect(JsonNode node, String path, Set<String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        collect(member.getValue(), path + "/" + member.getKey(), out);
      }
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, path + "/*", out));
    } else {
      out.add(path);
    }
  }
}
