package dev.countersign.verify.oci;

import java.util.List;

/**
 * An image reference resolved to one manifest.
 *
 * @param reference the reference with its digest set (the tag, if any, is kept for reports)
 * @param mediaType the manifest's media type
 * @param platformManifests for an index, the platform manifests it lists (attestation manifests of
 *     build tools, with platform {@code unknown/unknown}, excluded); empty for an image manifest
 */
public record ResolvedImage(
    ImageReference reference, String mediaType, List<Descriptor> platformManifests) {
  public ResolvedImage {
    platformManifests = List.copyOf(platformManifests);
  }

  public boolean isIndex() {
    return mediaType.equals("application/vnd.oci.image.index.v1+json")
        || mediaType.equals("application/vnd.docker.distribution.manifest.list.v2+json");
  }
}
