package dev.countersign.verify.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.oci.Descriptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed and shape-checked image manifest or index (OCI or Docker schema 2).
 *
 * @param mediaType the effective media type (one of {@link MediaTypes})
 * @param config the config descriptor (image manifests only)
 * @param layers the layer descriptors (image manifests only)
 * @param manifests the manifest descriptors (indexes only)
 * @param subject the manifest this one refers to (OCI 1.1 referrers), if any
 * @param artifactType the artifact type, if any
 * @param annotations the manifest's annotations
 */
public record ManifestDocument(
    String mediaType,
    Optional<Descriptor> config,
    List<Descriptor> layers,
    List<Descriptor> manifests,
    Optional<Descriptor> subject,
    Optional<String> artifactType,
    Map<String, String> annotations) {

  public ManifestDocument {
    layers = List.copyOf(layers);
    manifests = List.copyOf(manifests);
    annotations = Map.copyOf(annotations);
  }

  /**
   * Parses manifest bytes.
   *
   * @param declaredMediaType the media type the server or layout declared (Content-Type or the
   *     referring descriptor), or null
   * @throws JsonFormatException if the JSON is invalid, the media type is not a supported manifest
   *     type, the declared and embedded media types disagree, or required fields are missing
   */
  public static ManifestDocument parse(byte[] bytes, String declaredMediaType)
      throws JsonFormatException {
    JsonNode root = Json.parseObject(bytes, "manifest");
    JsonNode version = root.get("schemaVersion");
    if (version == null || !version.isIntegralNumber() || version.intValue() != 2) {
      throw new JsonFormatException("schemaVersion", "must be 2");
    }
    String mediaType = mediaType(root, declaredMediaType);
    boolean index = MediaTypes.isIndex(mediaType);
    if (index) {
      if (root.has("config") || root.has("layers")) {
        throw new JsonFormatException("", "an index must not have config or layers");
      }
      if (!root.has("manifests")) {
        throw new JsonFormatException("manifests", "required field is missing");
      }
    } else {
      if (root.has("manifests")) {
        throw new JsonFormatException("manifests", "an image manifest must not list manifests");
      }
      if (!root.has("layers")) {
        throw new JsonFormatException("layers", "required field is missing");
      }
    }
    return new ManifestDocument(
        mediaType,
        index
            ? Optional.empty()
            : Optional.of(DescriptorJson.descriptor(root.get("config"), "config")),
        DescriptorJson.descriptors(root, "layers", ""),
        DescriptorJson.descriptors(root, "manifests", ""),
        root.hasNonNull("subject")
            ? Optional.of(DescriptorJson.descriptor(root.get("subject"), "subject"))
            : Optional.empty(),
        Optional.ofNullable(DescriptorJson.optionalString(root, "artifactType", "")),
        DescriptorJson.annotations(root, ""));
  }

  /**
   * The embedded mediaType wins when present; the declared one must then agree, because a client
   * that trusts the header and one that trusts the body would otherwise read different documents
   * under one digest. Without either, the shape decides (older OCI manifests omit mediaType).
   */
  private static String mediaType(JsonNode root, String declared) throws JsonFormatException {
    String embedded = DescriptorJson.optionalString(root, "mediaType", "");
    String header = MediaTypes.isManifest(declared) ? declared : null;
    if (embedded != null) {
      if (!MediaTypes.isManifest(embedded)) {
        throw new JsonFormatException("mediaType", "unsupported manifest media type " + embedded);
      }
      if (header != null && !header.equals(embedded)) {
        throw new JsonFormatException(
            "mediaType", "is " + embedded + " but the manifest was served as " + header);
      }
      return embedded;
    }
    if (header != null) {
      return header;
    }
    if (root.has("manifests")) {
      return MediaTypes.OCI_INDEX;
    }
    if (root.has("config")) {
      return MediaTypes.OCI_MANIFEST;
    }
    throw new JsonFormatException("mediaType", "missing, and the document is not a manifest");
  }

  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  /**
   * The artifact type a referrers listing reports for this manifest: its {@code artifactType}, or
   * else its config's media type (OCI distribution specification, listing referrers).
   */
  public Optional<String> effectiveArtifactType() {
    return artifactType.isPresent() ? artifactType : config.map(Descriptor::mediaType);
  }
}
