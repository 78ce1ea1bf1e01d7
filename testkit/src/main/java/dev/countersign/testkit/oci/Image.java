package dev.countersign.testkit.oci;

import java.util.ArrayList;
import java.util.List;

/**
 * A single-platform image: its manifest and the config and layer blobs it references.
 *
 * @param manifest the serialized image manifest
 * @param config the config blob
 * @param layers the layer blobs, in manifest order
 * @param platform the platform the config declares
 */
public record Image(Manifest manifest, Blob config, List<Blob> layers, Platform platform) {

  public Image {
    layers = List.copyOf(layers);
  }

  /** The image digest (of its manifest). */
  public Digest digest() {
    return manifest.digest();
  }

  /** The manifest's descriptor, as a signature's subject or an index entry (without platform). */
  public Descriptor descriptor() {
    return manifest.descriptor();
  }

  /** The config and layers. */
  public List<Blob> blobs() {
    List<Blob> blobs = new ArrayList<>();
    blobs.add(config);
    blobs.addAll(layers);
    return blobs;
  }

  /** The image to push under {@code tag} (null: by digest only). */
  public OciContent content(String tag) {
    return OciContent.of(manifest, tag, blobs());
  }
}
