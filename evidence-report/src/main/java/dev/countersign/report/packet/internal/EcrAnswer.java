package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One raw ECR answer as {@code queries.jsonl} lists it.
 *
 * @param file the answer's file, relative to {@link EcrStage#RAW}
 * @param operation the ECR operation that was answered
 * @param query the request as the index recorded it
 */
record EcrAnswer(String file, String operation, JsonNode query) {

  /** The answers an index lists, in its order; none when the packet has no index. */
  static List<EcrAnswer> index(Path queries) throws IOException {
    List<EcrAnswer> answers = new ArrayList<>();
    if (!Files.isRegularFile(queries)) {
      return answers;
    }
    try (BufferedReader r = Files.newBufferedReader(queries, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          JsonNode n = PacketJson.MAPPER.readTree(line);
          answers.add(
              new EcrAnswer(
                  n.path("file").asText(),
                  n.path("query").path("operation").asText(),
                  n.path("query")));
        }
      }
    }
    return answers;
  }

  /** Where the answer is kept in the packet. */
  String packetPath() {
    return EcrStage.RAW + "/" + file;
  }

  /** The request in one line, as the evidence registry cites it. */
  String request() {
    return query.path("service").asText()
        + ":"
        + query.path("operation").asText()
        + " "
        + query.path("region").asText()
        + " "
        + query.path("endpoint").asText()
        + " "
        + query.path("parameters").asText();
  }

  /** A request parameter; the index keeps the parameters as one JSON text. */
  Optional<String> parameter(String field) {
    try {
      JsonNode p = PacketJson.MAPPER.readTree(query.path("parameters").asText("{}"));
      return EcrJson.text(p, field);
    } catch (IOException ex) {
      return Optional.empty();
    }
  }
}
