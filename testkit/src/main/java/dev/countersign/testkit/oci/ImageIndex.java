package dev.countersign.testkit.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image index (OCI) or manifest list (Docker): multi-platform images, referrers listings, and an
 * image layout's {@code index.json}.
 *
 * @param mediaType the index media type
 * @param manifests the entries
 * @param annotations index annotations (empty: omitted)
 */
public record ImageIndex(
    String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {

  public ImageIndex {
    manifests = List.copyOf(manifests);
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /** An index of {@code manifests}. */
  public static ImageIndex of(String mediaType, List<Descriptor> manifests) {
    return new ImageIndex(mediaType, manifests, Map.of());
  }

  /**
   * A referrers listing, as the referrers API answers and the referrers tag schema stores: one
   * entry per referrer with its artifact type and annotations.
   */
  public static ImageIndex referrers(List<Manifest> referrers) {
    return of(MediaTypes.OCI_INDEX, referrers.stream().map(Manifest::referrerDescriptor).toList());
  }

  /** A copy with annotations. */
  public ImageIndex withAnnotations(Map<String, String> newAnnotations) {
    return new ImageIndex(mediaType, manifests, newAnnotations);
  }

  /**
   * The JSON tree: {@code schemaVersion, mediaType, manifests, annotations} for {@link
   * JsonStyle#GO}; {@code mediaType, schemaVersion, manifests, annotations} for {@link
   * JsonStyle#JAVASCRIPT} (sigstore-js's referrers index).
   */
  public ObjectNode toJson(JsonStyle style) {
    ObjectNode node = Json.object();
    if (style == JsonStyle.GO) {
      node.put("schemaVersion", 2);
      node.put("mediaType", mediaType);
    } else {
      node.put("mediaType", mediaType);
      node.put("schemaVersion", 2);
    }
    ArrayNode entries = node.putArray("manifests");
    manifests.forEach(m -> entries.add(m.toJson(style)));
    Descriptor.putAnnotations(node, annotations, style);
    return node;
  }

  /** Serializes once; the returned bytes are what gets pushed and hashed. */
  public Manifest serialize(JsonStyle style) {
    return new Manifest(mediaType, OciJson.write(toJson(style), style));
  }
}
