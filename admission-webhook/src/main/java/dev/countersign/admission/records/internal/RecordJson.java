package dev.countersign.admission.records.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.admission.records.DecisionRecord;
import dev.countersign.admission.records.ImageDecision;
import dev.countersign.admission.records.PolicyOutcome;
import dev.countersign.admission.records.RequestUser;
import dev.countersign.admission.records.ResourceKind;
import dev.countersign.admission.records.WebhookInstance;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a {@link DecisionRecord}: fixed field order, every field always present, so the
 * same record always gives the same bytes.
 *
 * <p>Reading ignores fields it does not know (a newer writer may add some at the end of an object)
 * but requires every field this version writes, with its type.
 */
public final class RecordJson {
  private RecordJson() {}

  public static void write(JsonGenerator g, DecisionRecord r) throws IOException {
    g.writeStartObject();
    g.writeStringField("time", r.time().toString());
    g.writeStringField("uid", r.uid());
    g.writeStringField("namespace", r.namespace());
    g.writeObjectFieldStart("kind");
    g.writeStringField("group", r.kind().group());
    g.writeStringField("version", r.kind().version());
    g.writeStringField("kind", r.kind().kind());
    g.writeEndObject();
    g.writeStringField("name", r.name());
    g.writeStringField("operation", r.operation());
    g.writeObjectFieldStart("user");
    g.writeStringField("username", r.user().username());
    strings(g, "groups", r.user().groups());
    g.writeEndObject();
    g.writeBooleanField("dryRun", r.dryRun());
    g.writeStringField("decision", r.decision().name());
    g.writeArrayFieldStart("images");
    for (ImageDecision i : r.images()) {
      g.writeStartObject();
      g.writeStringField("fieldPath", i.fieldPath());
      g.writeStringField("image", i.image());
      g.writeStringField("digest", i.digest());
      g.writeStringField("decision", i.decision().name());
      strings(g, "reasons", i.reasons());
      g.writeArrayFieldStart("policies");
      for (PolicyOutcome p : i.policies()) {
        g.writeStartObject();
        g.writeStringField("policy", p.policy());
        g.writeStringField("mode", p.mode());
        g.writeStringField("outcome", p.outcome());
        g.writeStringField("reason", p.reason());
        g.writeStringField("trustRoot", p.trustRoot());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("message", i.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    strings(g, "messages", r.messages());
    g.writeStringField("policyRevision", r.policyRevision());
    g.writeObjectFieldStart("trustRootRevisions");
    for (Map.Entry<String, String> e : r.trustRootRevisions().entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("webhook");
    g.writeStringField("instance", r.webhook().instance());
    g.writeStringField("version", r.webhook().version());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** Reads a record; the exception names the field that is missing or of the wrong type. */
  public static DecisionRecord read(JsonNode n) throws LineFormatException {
    object(n, "record");
    JsonNode kind = object(n.get("kind"), "record.kind");
    JsonNode user = object(n.get("user"), "record.user");
    JsonNode webhook = object(n.get("webhook"), "record.webhook");
    List<ImageDecision> images = new ArrayList<>();
    JsonNode imageArray = array(n.get("images"), "record.images");
    for (int k = 0; k < imageArray.size(); k++) {
      images.add(image(imageArray.get(k), "record.images[" + k + "]"));
    }
    Map<String, String> roots = new TreeMap<>();
    JsonNode rootObject = object(n.get("trustRootRevisions"), "record.trustRootRevisions");
    for (Map.Entry<String, JsonNode> e : rootObject.properties()) {
      roots.put(e.getKey(), text(e.getValue(), "record.trustRootRevisions." + e.getKey()));
    }
    JsonNode dryRun = n.get("dryRun");
    if (dryRun == null || !dryRun.isBoolean()) {
      throw new LineFormatException("record.dryRun is missing or not a boolean");
    }
    try {
      return new DecisionRecord(
          instant(n.get("time"), "record.time"),
          text(n.get("uid"), "record.uid"),
          text(n.get("namespace"), "record.namespace"),
          new ResourceKind(
              text(kind.get("group"), "record.kind.group"),
              text(kind.get("version"), "record.kind.version"),
              text(kind.get("kind"), "record.kind.kind")),
          text(n.get("name"), "record.name"),
          text(n.get("operation"), "record.operation"),
          new RequestUser(
              text(user.get("username"), "record.user.username"),
              texts(user.get("groups"), "record.user.groups")),
          dryRun.booleanValue(),
          outcome(n.get("decision"), "record.decision"),
          images,
          texts(n.get("messages"), "record.messages"),
          text(n.get("policyRevision"), "record.policyRevision"),
          roots,
          new WebhookInstance(
              text(webhook.get("instance"), "record.webhook.instance"),
              text(webhook.get("version"), "record.webhook.version")));
    } catch (IllegalArgumentException e) {
      throw new LineFormatException("record: " + e.getMessage());
    }
  }

  private static ImageDecision image(JsonNode n, String at) throws LineFormatException {
    object(n, at);
    List<PolicyOutcome> policies = new ArrayList<>();
    JsonNode array = array(n.get("policies"), at + ".policies");
    for (int k = 0; k < array.size(); k++) {
      String p = at + ".policies[" + k + "]";
      JsonNode o = object(array.get(k), p);
      policies.add(
          new PolicyOutcome(
              text(o.get("policy"), p + ".policy"),
              text(o.get("mode"), p + ".mode"),
              text(o.get("outcome"), p + ".outcome"),
              text(o.get("reason"), p + ".reason"),
              text(o.get("trustRoot"), p + ".trustRoot")));
    }
    List<String> reasons = texts(n.get("reasons"), at + ".reasons");
    if (reasons.isEmpty()) {
      throw new LineFormatException(at + ".reasons is empty");
    }
    return new ImageDecision(
        text(n.get("fieldPath"), at + ".fieldPath"),
        text(n.get("image"), at + ".image"),
        text(n.get("digest"), at + ".digest"),
        outcome(n.get("decision"), at + ".decision"),
        reasons,
        policies,
        text(n.get("message"), at + ".message"));
  }

  private static JsonNode object(JsonNode n, String at) throws LineFormatException {
    if (n == null || !n.isObject()) {
      throw new LineFormatException(at + " is missing or not an object");
    }
    return n;
  }

  private static JsonNode array(JsonNode n, String at) throws LineFormatException {
    if (n == null || !n.isArray()) {
      throw new LineFormatException(at + " is missing or not an array");
    }
    return n;
  }

  private static String text(JsonNode n, String at) throws LineFormatException {
    if (n == null || !n.isTextual()) {
      throw new LineFormatException(at + " is missing or not a string");
    }
    return n.textValue();
  }

  private static List<String> texts(JsonNode n, String at) throws LineFormatException {
    array(n, at);
    List<String> out = new ArrayList<>(n.size());
    for (int k = 0; k < n.size(); k++) {
      out.add(text(n.get(k), at + "[" + k + "]"));
    }
    return out;
  }

  private static Instant instant(JsonNode n, String at) throws LineFormatException {
    String s = text(n, at);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new LineFormatException(at + " is not an RFC 3339 UTC time: " + s);
    }
  }

  private static AdmissionOutcome outcome(JsonNode n, String at) throws LineFormatException {
    String s = text(n, at);
    try {
      return AdmissionOutcome.valueOf(s);
    } catch (IllegalArgumentException e) {
      throw new LineFormatException(at + " is not ALLOW, WARN or DENY: " + s);
    }
  }
}
