package dev.countersign.verify.policy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.VerdictJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON form of a {@link PolicyDecision} ({@value PolicyDecision#MEDIA_TYPE}). The decision,
 * reason and messages are written for readers and re-derived when reading, so an edited document
 * cannot turn failing verdicts into an allow.
 */
public final class PolicyDecisionJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private PolicyDecisionJson() {}

  public static String toJson(PolicyDecision d) {
    return write(d, false);
  }

  public static String toPrettyJson(PolicyDecision d) {
    return write(d, true);
  }

  private static String write(PolicyDecision d, boolean pretty) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      write(g, d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Writes the decision as one JSON object (for embedding in larger documents). */
  public static void write(JsonGenerator g, PolicyDecision d) throws IOException {
    g.writeStartObject();
    g.writeStringField("mediaType", PolicyDecision.MEDIA_TYPE);
    g.writeStringField("decision", d.decision().name());
    g.writeStringField("reason", d.reason().name());
    g.writeStringField("image", d.image());
    g.writeStringField("digest", d.digest());
    g.writeStringField("policyRevision", d.policyRevision());
    g.writeStringField("evaluatedAt", d.evaluatedAt().toString());
    g.writeStringField("noMatchingPolicy", d.noMatch().name().toLowerCase(Locale.ROOT));
    g.writeArrayFieldStart("messages");
    for (String m : d.messages()) {
      g.writeString(m);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("policies");
    for (PolicyVerdict v : d.verdicts()) {
      g.writeStartObject();
      g.writeStringField("name", v.policy());
      g.writeStringField("source", v.source());
      g.writeStringField("mode", v.mode().name().toLowerCase(Locale.ROOT));
      g.writeFieldName("verdict");
      VerdictJson.write(g, v.verdict());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Reads a decision back; anything malformed is an EvidenceFormatException. */
  public static PolicyDecision fromJson(byte[] json) throws EvidenceFormatException {
    try {
      return read(Json.parseObject(json, "decision"));
    } catch (JsonFormatException e) {
      throw new EvidenceFormatException(ReasonCode.EVIDENCE_MALFORMED, e.path(), e.getMessage(), e);
    }
  }

  /** Reads a decision from an already parsed JSON object. */
  public static PolicyDecision read(JsonNode root) throws JsonFormatException {
    if (!PolicyDecision.MEDIA_TYPE.equals(Json.string(root, "mediaType", ""))) {
      throw new JsonFormatException("mediaType", "not a policy decision");
    }
    Instant at;
    try {
      at = Instant.parse(Json.string(root, "evaluatedAt", ""));
    } catch (DateTimeParseException e) {
      throw new JsonFormatException("evaluatedAt", "not an RFC 3339 timestamp");
    }
    List<PolicyVerdict> verdicts = new ArrayList<>();
    JsonNode arr = Json.optionalArray(root, "policies", "");
    if (arr == null || arr.isEmpty()) {
      throw new JsonFormatException("policies", "a decision has at least one policy verdict");
    }
    for (int i = 0; i < arr.size(); i++) {
      String path = Json.index("policies", i);
      JsonNode p = arr.get(i);
      try {
        verdicts.add(
            new PolicyVerdict(
                Json.optionalString(p, "name", path),
                Json.optionalString(p, "source", path),
                Mode.valueOf(Json.string(p, "mode", path).toUpperCase(Locale.ROOT)),
                VerdictJson.read(Json.optionalObject(p, "verdict", path))));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new JsonFormatException(path, String.valueOf(e.getMessage()));
      }
    }
    NoMatchAction noMatch;
    try {
      noMatch =
          NoMatchAction.valueOf(
              Json.optionalString(root, "noMatchingPolicy", "").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException("noMatchingPolicy", "must be deny, warn or allow");
    }
    return new PolicyDecision(
        Json.string(root, "image", ""),
        Json.optionalString(root, "digest", ""),
        Json.optionalString(root, "policyRevision", ""),
        at,
        verdicts,
        noMatch);
  }
}
