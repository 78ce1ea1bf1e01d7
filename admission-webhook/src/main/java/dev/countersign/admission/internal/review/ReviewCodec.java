package dev.countersign.admission.internal.review;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.admission.AdmissionDecision;
import dev.countersign.admission.AdmissionRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code AdmissionReview} requests ({@code admission.k8s.io/v1} and {@code v1beta1}, which
 * share their shape) and writes the answer in the request's version. Parsing is a single Jackson
 * tree read: no Kubernetes model classes are bound per request.
 */
public final class ReviewCodec {
  public static final String V1 = "admission.k8s.io/v1";
  public static final String V1BETA1 = "admission.k8s.io/v1beta1";

  /** Kubernetes objects are at most about 1.5 MiB; a review holds the object and the old one. */
  public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

  /** Deeply nested JSON is refused before it can cost stack; objects are a few levels deep. */
  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(256).build())
                  .build())
          .build();

  /** Audit annotation values are kept short enough for audit backends. */
  static final int MAX_AUDIT_VALUE = 8192;

  private ReviewCodec() {}

  /** The shared mapper (thread-safe once configured). */
  public static ObjectMapper mapper() {
    return JSON;
  }

  /**
   * Reads a request.
   *
   * @throws MalformedReviewException when the body is not an AdmissionReview with a request uid
   */
  public static AdmissionRequest read(byte[] body) throws MalformedReviewException {
    if (body == null || body.length == 0) {
      throw new MalformedReviewException("empty body: expected an AdmissionReview");
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new MalformedReviewException(
          "body of " + body.length + " bytes exceeds " + MAX_BODY_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedReviewException(
          "body is not JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "), e);
    } catch (IOException e) {
      throw new MalformedReviewException("body cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedReviewException("body is not a JSON object: expected an AdmissionReview");
    }
    String kind = root.path("kind").asText("");
    if (!kind.equals("AdmissionReview")) {
      throw new MalformedReviewException("kind is '" + kind + "', expected AdmissionReview");
    }
    String apiVersion = root.path("apiVersion").asText("");
    if (!apiVersion.equals(V1) && !apiVersion.equals(V1BETA1)) {
      throw new MalformedReviewException(
          "apiVersion '" + apiVersion + "' is not " + V1 + " or " + V1BETA1);
    }
    JsonNode request = root.get("request");
    if (request == null || !request.isObject()) {
      throw new MalformedReviewException("the AdmissionReview has no request object");
    }
    JsonNode uid = request.get("uid");
    if (uid == null || !uid.isTextual() || uid.asText().isBlank()) {
      throw new MalformedReviewException("request.uid is missing: it must be echoed in the answer");
    }
    JsonNode k = request.path("kind");
    JsonNode object = request.get("object");
    return new AdmissionRequest(
        apiVersion,
        uid.asText(),
        text(k, "group"),
        text(k, "version"),
        text(k, "kind"),
        text(request.path("resource"), "resource"),
        text(request, "subResource"),
        text(request, "namespace"),
        name(request, object),
        text(request, "operation"),
        text(request.path("userInfo"), "username"),
        groups(request.path("userInfo").path("groups")),
        request.path("dryRun").asBoolean(false),
        object == null || object.isNull() ? Optional.empty() : Optional.of(object));
  }

  /** The uid of a body that failed later, if it can still be read (for a fail-closed answer). */
  public static Optional<AdmissionRequest> tryRead(byte[] body) {
    try {
      return Optional.of(read(body));
    } catch (MalformedReviewException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String name(JsonNode request, JsonNode object) {
    String n = text(request, "name");
    if (n.isEmpty() && object != null) {
      n = object.path("metadata").path("name").asText("");
      if (n.isEmpty()) {
        n = object.path("metadata").path("generateName").asText("");
      }
    }
    return n;
  }

  /** Audit logs should say what was admitted: each field path with its image and digest. */
  static String images(AdmissionDecision decision) {
    StringBuilder b = new StringBuilder();
    for (var i : decision.images()) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(i.fieldPath()).append('=').append(i.image());
      if (!i.digest().isEmpty() && !i.image().contains("@")) {
        b.append('@').append(i.digest());
      }
      if (b.length() > MAX_AUDIT_VALUE) {
        return b.substring(0, MAX_AUDIT_VALUE - 3) + "...";
      }
    }
    return b.toString();
  }

  private static List<String> groups(JsonNode groups) {
    List<String> out = new ArrayList<>();
    if (groups.isArray()) {
      for (JsonNode g : groups) {
        if (g.isTextual()) {
          out.add(g.asText());
        }
      }
    }
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : "";
  }

  /** The AdmissionReview answering {@code decision}, in the request's API version. */
  public static byte[] write(AdmissionDecision decision) {
    ObjectNode root = JSON.createObjectNode();
    root.put("apiVersion", decision.request().apiVersion());
    root.put("kind", "AdmissionReview");
    ObjectNode response = root.putObject("response");
    response.put("uid", decision.request().uid());
    response.put("allowed", decision.allowed());
    if (!decision.allowed()) {
      ObjectNode status = response.putObject("status");
      status.putObject("metadata");
      status.put("status", "Failure");
      status.put("message", decision.message());
      status.put("reason", "Forbidden");
      status.put("code", 403);
    }
    if (!decision.warnings().isEmpty()) {
      ArrayNode w = response.putArray("warnings");
      decision.warnings().forEach(w::add);
    }
    ObjectNode audit = response.putObject("auditAnnotations");
    audit.put("decision", decision.outcome().name());
    audit.put("reason", decision.reason().name());
    Set<String> reasons = new LinkedHashSet<>();
    decision.images().forEach(i -> i.reasons().forEach(r -> reasons.add(r.name())));
    if (!reasons.isEmpty()) {
      audit.put("image-reasons", String.join(",", reasons));
    }
    if (!decision.images().isEmpty()) {
      audit.put("images", images(decision));
    }
    if (!decision.policyRevision().isEmpty()) {
      audit.put("policy-revision", decision.policyRevision());
    }
    decision.skipped().ifPresent(s -> audit.put("skipped", s));
    decision
        .patch()
        .ifPresent(
            p -> {
              response.put("patchType", "JSONPatch");
              response.put(
                  "patch", Base64.getEncoder().encodeToString(p.getBytes(StandardCharsets.UTF_8)));
            });
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an AdmissionReview", e);
    }
  }
}
