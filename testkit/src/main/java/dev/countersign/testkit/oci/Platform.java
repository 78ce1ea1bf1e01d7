package dev.countersign.testkit.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Json;

/**
 * The platform of one image in an index.
 *
 * @param os e.g. {@code linux}
 * @param architecture GOARCH spelling, e.g. {@code amd64}
 * @param variant e.g. {@code v8}, or null
 */
public record Platform(String os, String architecture, String variant) {
  /** linux/amd64. */
  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

  /** linux/arm64/v8. */
  public static final Platform LINUX_ARM64 = new Platform("linux", "arm64", "v8");

  /** linux/arm/v7. */
  public static final Platform LINUX_ARM_V7 = new Platform("linux", "arm", "v7");

  /** linux/s390x. */
  public static final Platform LINUX_S390X = new Platform("linux", "s390x", null);

  /** The JSON object: {@code architecture, os, variant?} (go-containerregistry's order). */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("architecture", architecture);
    node.put("os", os);
    if (variant != null) {
      node.put("variant", variant);
    }
    return node;
  }

  /** Reads a platform object. */
  public static Platform fromJson(JsonNode node) {
    JsonNode variant = node.get("variant");
    return new Platform(
        node.path("os").asText(),
        node.path("architecture").asText(),
        variant == null ? null : variant.asText());
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
