package dev.countersign.testkit.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image manifest (OCI or Docker schema 2), including OCI 1.1 artifact manifests with {@code
 * artifactType} and {@code subject}. {@link #serialize} fixes its bytes.
 *
 * @param mediaType the manifest media type
 * @param config the config descriptor
 * @param layers the layer descriptors
 * @param subject the manifest this one refers to, or null
 * @param artifactType the artifact type, or null
 * @param annotations manifest annotations (empty: omitted)
 */
public record ImageManifest(
    String mediaType,
    Descriptor config,
    List<Descriptor> layers,
    Descriptor subject,
    String artifactType,
    Map<String, String> annotations) {

  public ImageManifest {
    layers = List.copyOf(layers);
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /** A plain image manifest. */
  public static ImageManifest of(String mediaType, Descriptor config, List<Descriptor> layers) {
    return new ImageManifest(mediaType, config, layers, null, null, Map.of());
  }

  /** A copy referring to {@code newSubject}. */
  public ImageManifest withSubject(Descriptor newSubject) {
    return new ImageManifest(mediaType, config, layers, newSubject, artifactType, annotations);
  }

  /** A copy with an artifact type. */
  public ImageManifest withArtifactType(String newArtifactType) {
    return new ImageManifest(mediaType, config, layers, subject, newArtifactType, annotations);
  }

  /** A copy with manifest annotations. */
  public ImageManifest withAnnotations(Map<String, String> newAnnotations) {
    return new ImageManifest(mediaType, config, layers, subject, artifactType, newAnnotations);
  }

  /**
   * The JSON tree. {@link JsonStyle#GO} writes {@code schemaVersion, mediaType, config, layers,
   * annotations, subject, artifactType} (go-containerregistry's manifest with cosign's appended
   * {@code artifactType}); {@link JsonStyle#JAVASCRIPT} writes {@code schemaVersion, mediaType,
   * artifactType, config, layers, subject, annotations}.
   */
  public ObjectNode toJson(JsonStyle style) {
    ObjectNode node = Json.object();
    node.put("schemaVersion", 2);
    node.put("mediaType", mediaType);
    if (style == JsonStyle.JAVASCRIPT && artifactType != null) {
      node.put("artifactType", artifactType);
    }
    node.set("config", config.toJson(style));
    ArrayNode layerArray = node.putArray("layers");
    layers.forEach(layer -> layerArray.add(layer.toJson(style)));
    if (style == JsonStyle.GO) {
      Descriptor.putAnnotations(node, annotations, style);
    }
    if (subject != null) {
      node.set("subject", subject.toJson(style));
    }
    if (style == JsonStyle.GO && artifactType != null) {
      node.put("artifactType", artifactType);
    }
    if (style == JsonStyle.JAVASCRIPT) {
      Descriptor.putAnnotations(node, annotations, style);
    }
    return node;
  }

  /** Serializes once; the returned bytes are what gets pushed and hashed. */
  public Manifest serialize(JsonStyle style) {
    return new Manifest(mediaType, OciJson.write(toJson(style), style));
  }
}
