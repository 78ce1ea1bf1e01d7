package dev.countersign.testkit.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.encoding.Bytes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A serialized manifest or index: the exact bytes pushed and hashed, and the media type sent as its
 * {@code Content-Type}.
 *
 * @param mediaType the manifest's media type
 * @param content the exact bytes
 */
public record Manifest(String mediaType, Bytes content) {

  /** Takes bytes written elsewhere (a corpus file) as they are. */
  public static Manifest of(String mediaType, byte[] content) {
    return new Manifest(mediaType, Bytes.of(content));
  }

  /** The manifest's digest, by which registries address it. */
  public Digest digest() {
    return Digest.sha256(content);
  }

  /** A descriptor of this manifest. */
  public Descriptor descriptor() {
    return Descriptor.of(mediaType, content);
  }

  /** True for an image index or manifest list. */
  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  /** The parsed JSON. */
  public JsonNode json() {
    return OciJson.parse(content);
  }

  /** The {@code subject} this manifest refers to, if it is a referrer. */
  public Optional<Descriptor> subject() {
    JsonNode subject = json().get("subject");
    return subject == null ? Optional.empty() : Optional.of(Descriptor.fromJson(subject));
  }

  /**
   * The artifact type a referrers listing gives this manifest: its {@code artifactType}, else its
   * config's media type (OCI distribution spec, listing referrers).
   */
  public String artifactType() {
    JsonNode json = json();
    JsonNode artifactType = json.get("artifactType");
    if (artifactType != null) {
      return artifactType.asText();
    }
    JsonNode config = json.get("config");
    return config == null ? null : config.path("mediaType").asText();
  }

  /** The manifest's own {@code annotations}. */
  public Map<String, String> annotations() {
    Map<String, String> annotations = new LinkedHashMap<>();
    json()
        .path("annotations")
        .properties()
        .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    return annotations;
  }

  /**
   * This manifest's entry in a referrers listing: its descriptor with its artifact type and
   * annotations.
   */
  public Descriptor referrerDescriptor() {
    return descriptor().withArtifactType(artifactType()).withAnnotations(annotations());
  }
}
