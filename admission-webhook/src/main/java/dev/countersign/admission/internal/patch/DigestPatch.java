package dev.countersign.admission.internal.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.admission.ImageResult;
import dev.countersign.admission.MutateMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON patch (RFC 6902) a mutation answers with. Only images that were verified and allowed,
 * and whose digest is known, are pinned: pinning an unverified digest would make it look vetted.
 */
public final class DigestPatch {
  private DigestPatch() {}

  /**
   * @param annotation the annotation key written in {@link MutateMode#ANNOTATE} mode
   * @return the patch, or empty when nothing changes
   */
  public static Optional<String> of(
      MutateMode mode,
      String annotation,
      JsonNode object,
      List<ImageResult> images,
      ObjectMapper json) {
    ArrayNode ops = json.createArrayNode();
    if (mode == MutateMode.PATCH) {
      for (ImageResult i : images) {
        if (pinnable(i) && !i.image().contains("@")) {
          ObjectNode op = ops.addObject();
          op.put("op", "replace");
          op.put("path", i.jsonPointer());
          op.put("value", i.image() + "@" + i.digest());
        }
      }
    } else {
      Map<String, String> digests = new TreeMap<>();
      for (ImageResult i : images) {
        if (pinnable(i)) {
          digests.put(i.image(), i.digest());
        }
      }
      if (!digests.isEmpty()) {
        String value;
        try {
          value = json.writeValueAsString(digests);
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
        JsonNode metadata = object.get("metadata");
        ObjectNode op = ops.addObject();
        op.put("op", "add");
        if (metadata != null && metadata.isObject()) {
          JsonNode annotations = metadata.get("annotations");
          if (annotations != null && annotations.isObject()) {
            op.put(
                "path",
                "/metadata/annotations/" + annotation.replace("~", "~0").replace("/", "~1"));
            op.put("value", value);
          } else {
            op.put("path", "/metadata/annotations");
            op.putObject("value").put(annotation, value);
          }
        } else {
          op.put("path", "/metadata");
          op.putObject("value").putObject("annotations").put(annotation, value);
        }
      }
    }
    if (ops.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.writeValueAsString(ops));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean pinnable(ImageResult i) {
    return i.outcome() != AdmissionOutcome.DENY
        && i.decision().isPresent()
        && i.decision().get().policyMatched()
        && !i.digest().isEmpty();
  }
}
