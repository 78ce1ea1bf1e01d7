package dev.countersign.testkit.oci;

import java.util.Objects;

/**
 * A manifest and the tag it is pushed under.
 *
 * @param manifest the manifest
 * @param tag the tag, or null to push it by digest only
 */
public record TaggedManifest(Manifest manifest, String tag) {

  public TaggedManifest {
    Objects.requireNonNull(manifest, "manifest");
  }

  /** The reference a push uses: the tag, else the digest. */
  public String reference() {
    return tag != null ? tag : manifest.digest().toString();
  }
}
