package dev.countersign.verify.verdict;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link Verdict} ({@value Verdict#MEDIA_TYPE}). Field order is fixed. The
 * derived fields (outcome, reason, summary) are written for readers, and ignored when reading: a
 * verdict read back is re-derived from its checks, so a document edited to say PASS over failing
 * checks still reads as a failure.
 */
public final class VerdictJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private VerdictJson() {}

  /** Compact JSON. */
  public static String toJson(Verdict v) {
    return write(v, false);
  }

  /** Indented JSON for people. */
  public static String toPrettyJson(Verdict v) {
    return write(v, true);
  }

  private static String write(Verdict v, boolean pretty) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      write(g, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Writes the verdict as one JSON object to a generator (for embedding in larger documents). */
  public static void write(JsonGenerator g, Verdict v) throws IOException {
    g.writeStartObject();
    g.writeStringField("mediaType", Verdict.MEDIA_TYPE);
    g.writeStringField("outcome", v.outcome().name());
    g.writeStringField("reason", v.reason().name());
    g.writeStringField("summary", v.summary());
    g.writeStringField("subject", v.subject());
    g.writeStringField("trustRoot", v.trustRoot());
    g.writeStringField("policy", v.policy());
    g.writeStringField("evaluatedAt", v.evaluatedAt().toString());
    g.writeArrayFieldStart("checks");
    for (CheckResult c : v.checks()) {
      g.writeStartObject();
      g.writeStringField("check", c.check().id());
      if (!c.target().isEmpty()) {
        g.writeStringField("target", c.target());
      }
      g.writeStringField("status", c.status().name());
      g.writeStringField("reason", c.reason().name());
      g.writeStringField("detail", c.detail());
      if (!c.evidence().isEmpty()) {
        g.writeObjectFieldStart("evidence");
        for (Map.Entry<String, String> e : c.evidence().entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Reads a verdict back; unknown check ids or reason codes are malformed evidence. */
  public static Verdict fromJson(byte[] json) throws EvidenceFormatException {
    try {
      return read(Json.parseObject(json, "verdict"));
    } catch (JsonFormatException e) {
      throw new EvidenceFormatException(ReasonCode.EVIDENCE_MALFORMED, e.path(), e.getMessage(), e);
    }
  }

  /** Reads a verdict from an already parsed JSON object. */
  public static Verdict read(JsonNode root) throws JsonFormatException {
    String mediaType = Json.string(root, "mediaType", "");
    if (!Verdict.MEDIA_TYPE.equals(mediaType)) {
      throw new JsonFormatException("mediaType", "not a verdict: " + mediaType);
    }
    Instant at;
    try {
      at = Instant.parse(Json.string(root, "evaluatedAt", ""));
    } catch (DateTimeParseException e) {
      throw new JsonFormatException("evaluatedAt", "not an RFC 3339 timestamp");
    }
    JsonNode arr = Json.optionalArray(root, "checks", "");
    List<CheckResult> checks = new ArrayList<>();
    if (arr != null) {
      for (int i = 0; i < arr.size(); i++) {
        String path = Json.index("checks", i);
        JsonNode c = arr.get(i);
        try {
          Map<String, String> ev = new LinkedHashMap<>();
          JsonNode evNode = Json.optionalObject(c, "evidence", path);
          if (evNode != null) {
            Iterator<Map.Entry<String, JsonNode>> it = evNode.fields();
            while (it.hasNext()) {
              Map.Entry<String, JsonNode> e = it.next();
              ev.put(e.getKey(), e.getValue().asText());
            }
          }
          checks.add(
              new CheckResult(
                  CheckId.fromId(Json.string(c, "check", path)),
                  Json.optionalString(c, "target", path),
                  Status.valueOf(Json.string(c, "status", path)),
                  ReasonCode.valueOf(Json.string(c, "reason", path)),
                  Json.optionalString(c, "detail", path),
                  ev));
        } catch (IllegalArgumentException e) {
          throw new JsonFormatException(path, e.getMessage());
        }
      }
    }
    return new Verdict(
        Json.optionalString(root, "subject", ""),
        Json.optionalString(root, "trustRoot", ""),
        Json.optionalString(root, "policy", ""),
        at,
        checks);
  }
}
