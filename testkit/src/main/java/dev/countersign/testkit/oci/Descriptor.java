package dev.countersign.testkit.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI content descriptor.
 *
 * @param mediaType the referenced content's media type
 * @param digest the content's digest
 * @param size the content's length in bytes
 * @param annotations annotations in the order they are written (empty: omitted)
 * @param platform the platform of an index entry, or null
 * @param artifactType the artifact type of a referrer, or null
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    Map<String, String> annotations,
    Platform platform,
    String artifactType) {

  public Descriptor {
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /** Describes {@code content} of type {@code mediaType}. */
  public static Descriptor of(String mediaType, Bytes content) {
    return new Descriptor(
        mediaType, Digest.sha256(content), content.length(), Map.of(), null, null);
  }

  /** A copy with these annotations, written in the map's iteration order. */
  public Descriptor withAnnotations(Map<String, String> newAnnotations) {
    return new Descriptor(mediaType, digest, size, newAnnotations, platform, artifactType);
  }

  /** A copy with a platform. */
  public Descriptor withPlatform(Platform newPlatform) {
    return new Descriptor(mediaType, digest, size, annotations, newPlatform, artifactType);
  }

  /** A copy with an artifact type. */
  public Descriptor withArtifactType(String newArtifactType) {
    return new Descriptor(mediaType, digest, size, annotations, platform, newArtifactType);
  }

  /** A copy with a different media type (same digest and size), for mislabelled content. */
  public Descriptor withMediaType(String newMediaType) {
    return new Descriptor(newMediaType, digest, size, annotations, platform, artifactType);
  }

  /** The descriptor object in {@code style}'s member order. */
  public ObjectNode toJson(JsonStyle style) {
    ObjectNode node = Json.object();
    node.put("mediaType", mediaType);
    if (style == JsonStyle.GO) {
      node.put("size", size);
      node.put("digest", digest.toString());
      putAnnotations(node, annotations, style);
      if (platform != null) {
        node.set("platform", platform.toJson());
      }
      if (artifactType != null) {
        node.put("artifactType", artifactType);
      }
    } else {
      node.put("digest", digest.toString());
      node.put("size", size);
      if (artifactType != null) {
        node.put("artifactType", artifactType);
      }
      putAnnotations(node, annotations, style);
      if (platform != null) {
        node.set("platform", platform.toJson());
      }
    }
    return node;
  }

  /** Reads a descriptor object. */
  public static Descriptor fromJson(JsonNode node) {
    Map<String, String> annotations = new LinkedHashMap<>();
    node.path("annotations")
        .properties()
        .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    JsonNode platform = node.get("platform");
    JsonNode artifactType = node.get("artifactType");
    return new Descriptor(
        node.path("mediaType").asText(),
        Digest.parse(node.path("digest").asText()),
        node.path("size").asLong(),
        annotations,
        platform == null ? null : Platform.fromJson(platform),
        artifactType == null ? null : artifactType.asText());
  }

  /** Writes {@code annotations} unless empty: sorted for Go (a Go map), as given otherwise. */
  static void putAnnotations(ObjectNode node, Map<String, String> annotations, JsonStyle style) {
    if (annotations.isEmpty()) {
      return;
    }
    Map<String, String> ordered = style == JsonStyle.GO ? new TreeMap<>(annotations) : annotations;
    ObjectNode out = node.putObject("annotations");
    ordered.forEach(out::put);
  }
}
