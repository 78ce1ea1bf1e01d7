package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Fields of the raw ECR answers, read as the AWS JSON protocol sends them. */
final class EcrJson {
  private EcrJson() {}

  /** AWS JSON protocols send timestamps as epoch seconds (with fractions); ISO-8601 is read too. */
  static Optional<Instant> time(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return Optional.empty();
    }
    if (n.isNumber()) {
      return Optional.of(Instant.ofEpochMilli(Math.round(n.asDouble() * 1000)));
    }
    try {
      return Optional.of(Instant.parse(n.asText()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A non-empty scalar field; absent, null, structured and empty values all read as empty. */
  static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  /** A basic-scan finding's attribute (a key/value list), or "" when the finding lacks it. */
  static String attribute(JsonNode finding, String key) {
    for (JsonNode a : finding.path("attributes")) {
      if (key.equals(a.path("key").asText())) {
        return a.path("value").asText("");
      }
    }
    return "";
  }
}
