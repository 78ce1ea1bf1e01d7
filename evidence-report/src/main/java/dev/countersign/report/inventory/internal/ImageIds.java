package dev.countersign.report.inventory.internal;

import dev.countersign.verify.oci.ImageReference;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The digest a container runs, from what the runtime reports. Container runtimes spell {@code
 * imageID} in several ways: {@code docker-pullable://repo@sha256:...} (dockershim), {@code
 * repo@sha256:...} (containerd, CRI-O), or a bare {@code sha256:...} that is the local image
 * (config) id, not a registry digest.
 */
public final class ImageIds {
  private static final Pattern BARE_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private ImageIds() {}

  /**
   * The digest reference ({@code registry/repository@sha256:...}) the container runs, or empty when
   * none can be known.
   *
   * @param image the image as written in the pod spec (used when it is itself pinned)
   * @param imageId the status' {@code imageID}, possibly empty
   */
  public static Optional<String> digestReference(String image, String imageId) {
    String id = imageId == null ? "" : imageId.strip();
    for (String scheme : new String[] {"docker-pullable://", "docker://", "containerd://"}) {
      if (id.startsWith(scheme)) {
        id = id.substring(scheme.length());
      }
    }
    if (id.contains("@sha256:")) {
      Optional<String> parsed = pinned(id);
      if (parsed.isPresent()) {
        return parsed;
      }
    }
    // Why: a bare sha256 is the runtime's local image id (the config digest), not the manifest
    // digest a registry and its signatures know; it must not be mistaken for one.
    if (id.isEmpty() || BARE_DIGEST.matcher(id).matches() || !id.contains("@")) {
      return image != null && image.contains("@sha256:") ? pinned(image) : Optional.empty();
    }
    return Optional.empty();
  }

  /** The reference in canonical form when it is pinned by a sha256 digest. */
  public static Optional<String> pinned(String reference) {
    try {
      ImageReference r = ImageReference.parse(reference.strip());
      if (r.digest().isEmpty() || !r.digest().get().toString().startsWith("sha256:")) {
        return Optional.empty();
      }
      return Optional.of(r.name() + "@" + r.digest().get());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
