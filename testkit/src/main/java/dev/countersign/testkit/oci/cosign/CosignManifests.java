package dev.countersign.testkit.oci.cosign;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.oci.Blob;
import dev.countersign.testkit.oci.Descriptor;
import dev.countersign.testkit.oci.Digest;
import dev.countersign.testkit.oci.ImageManifest;
import dev.countersign.testkit.oci.JsonStyle;
import dev.countersign.testkit.oci.Manifest;
import dev.countersign.testkit.oci.ManifestFormat;
import dev.countersign.testkit.oci.MediaTypes;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.OciJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The manifests cosign pushes for signatures and attestations, byte for byte as
 * go-containerregistry writes them.
 *
 * <p>Tag schema (every cosign release): all layers in one image manifest under {@code
 * sha256-<hex>.sig} or {@code .att}, its config a go-containerregistry config file whose {@code
 * diff_ids} are the layer digests. Referrers ({@code cosign --registry-referrers-mode=oci-1-1}):
 * the same manifest with the config's media type replaced by the artifact type, the image as {@code
 * subject}, and a trailing {@code artifactType}, pushed by digest.
 *
 * <p>To publish into another repository (cosign's {@code COSIGN_REPOSITORY}) push the returned
 * content there: nothing in it names the image's repository.
 */
public final class CosignManifests {
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private CosignManifests() {}

  /** The {@code sha256-<hex>.sig} manifest holding {@code signatures} for {@code image}. */
  public static OciContent signatures(Digest image, List<CosignSignature> signatures) {
    return signatures(image, signatures, ManifestFormat.OCI);
  }

  /**
   * As {@link #signatures(Digest, List)} in {@code format}; {@link ManifestFormat#DOCKER_V2} is
   * what cosign releases before OCI media types wrote.
   */
  public static OciContent signatures(
      Digest image, List<CosignSignature> signatures, ManifestFormat format) {
    return tagged(signatures, image.signatureTag(), format);
  }

  /** The {@code sha256-<hex>.att} manifest holding {@code attestations} for {@code image}. */
  public static OciContent attestations(Digest image, List<CosignAttestation> attestations) {
    return tagged(attestations, image.attestationTag(), ManifestFormat.OCI);
  }

  /** {@code signatures} as one OCI 1.1 referrer of {@code subject}, pushed by digest. */
  public static OciContent signaturesReferrer(
      Descriptor subject, List<CosignSignature> signatures) {
    return referrer(signatures, subject, MediaTypes.COSIGN_SIGNATURE_ARTIFACT);
  }

  /** {@code attestations} as one OCI 1.1 referrer of {@code subject}, pushed by digest. */
  public static OciContent attestationsReferrer(
      Descriptor subject, List<CosignAttestation> attestations) {
    return referrer(attestations, subject, MediaTypes.COSIGN_ATTESTATION_ARTIFACT);
  }

  /**
   * The config go-containerregistry writes for an image built from nothing by appending {@code
   * layers}: zero times, empty platform, one history entry and one diff ID per layer.
   */
  public static Blob config(List<Descriptor> layers, String mediaType) {
    ObjectNode config = Json.object();
    config.put("architecture", "");
    config.put("created", ZERO_TIME);
    ArrayNode history = config.putArray("history");
    layers.forEach(l -> history.addObject().put("created", ZERO_TIME));
    config.put("os", "");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    layers.forEach(l -> diffIds.add(l.digest().toString()));
    config.putObject("config");
    return new Blob(mediaType, OciJson.write(config, JsonStyle.GO));
  }

  private static OciContent tagged(
      List<? extends CosignLayer> layers, String tag, ManifestFormat format) {
    List<Descriptor> descriptors = descriptors(layers);
    Blob config = config(descriptors, format.configMediaType());
    Manifest manifest =
        ImageManifest.of(format.manifestMediaType(), config.descriptor(), descriptors)
            .serialize(JsonStyle.GO);
    return OciContent.of(manifest, tag, blobs(layers, config));
  }

  private static OciContent referrer(
      List<? extends CosignLayer> layers, Descriptor subject, String artifactType) {
    List<Descriptor> descriptors = descriptors(layers);
    // cosign relabels the go-containerregistry config with the artifact type.
    Blob config = config(descriptors, artifactType);
    Manifest manifest =
        ImageManifest.of(MediaTypes.OCI_MANIFEST, config.descriptor(), descriptors)
            .withSubject(subjectOf(subject))
            .withArtifactType(artifactType)
            .serialize(JsonStyle.GO);
    return OciContent.of(manifest, null, blobs(layers, config));
  }

  /** A subject names only media type, digest and size. */
  static Descriptor subjectOf(Descriptor image) {
    return new Descriptor(image.mediaType(), image.digest(), image.size(), Map.of(), null, null);
  }

  private static List<Descriptor> descriptors(List<? extends CosignLayer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a cosign manifest has at least one layer");
    }
    return layers.stream().map(CosignLayer::descriptor).toList();
  }

  private static List<Blob> blobs(List<? extends CosignLayer> layers, Blob config) {
    List<Blob> blobs = new ArrayList<>();
    blobs.add(config);
    layers.forEach(l -> blobs.add(l.blob()));
    return blobs;
  }
}
