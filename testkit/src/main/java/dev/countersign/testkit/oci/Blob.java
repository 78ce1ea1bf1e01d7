package dev.countersign.testkit.oci;

import dev.countersign.testkit.encoding.Bytes;

/**
 * A blob (config, layer, payload, bundle) with the media type its descriptor names.
 *
 * @param mediaType the media type descriptors give it
 * @param content the exact bytes
 */
public record Blob(String mediaType, Bytes content) {
  private static final Bytes EMPTY_JSON = Bytes.utf8("{}");

  /**
   * The OCI 1.1 empty descriptor's content: {@code {}} as {@code
   * application/vnd.oci.empty.v1+json}.
   */
  public static Blob empty() {
    return new Blob(MediaTypes.OCI_EMPTY, EMPTY_JSON);
  }

  /** The content's digest. */
  public Digest digest() {
    return Digest.sha256(content);
  }

  /** A descriptor of this blob. */
  public Descriptor descriptor() {
    return Descriptor.of(mediaType, content);
  }
}
