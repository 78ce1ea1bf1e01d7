package dev.countersign.report.aws.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.report.aws.Query;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The one JSON configuration of the AWS evidence code. */
public final class Json {
  /**
   * One CloudTrail record can carry a large requestParameters (an image manifest); one log file is
   * streamed record by record, so the limits are per value, not per file.
   */
  public static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxStringLength(32 * 1024 * 1024)
                      .maxNestingDepth(200)
                      .build())
              .build());

  private Json() {}

  public static Optional<String> text(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      if (n == null || !n.isObject()) {
        return Optional.empty();
      }
      n = n.get(p);
    }
    if (n == null || n.isNull() || n.isContainerNode()) {
      return Optional.empty();
    }
    String s = n.asText();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  public static Optional<Instant> instant(JsonNode node, String... path) {
    return text(node, path)
        .flatMap(
            s -> {
              try {
                return Optional.of(Instant.parse(s));
              } catch (DateTimeParseException e) {
                return Optional.empty();
              }
            });
  }

  public static void writeQuery(JsonGenerator g, Query q) throws IOException {
    g.writeStartObject();
    g.writeStringField("service", q.service());
    g.writeStringField("operation", q.operation());
    g.writeStringField("region", q.region());
    g.writeStringField("endpoint", q.endpoint());
    g.writeStringField("account", q.account());
    g.writeStringField("time", q.time().toString());
    if (q.requestId().isPresent()) {
      g.writeStringField("requestId", q.requestId().get());
    }
    g.writeStringField("parameters", q.parameters());
    g.writeEndObject();
  }
}
