package dev.countersign.verify.oci;

import dev.countersign.verify.Digest;

/**
 * A manifest as a registry served it: its bytes, whose digest was checked.
 *
 * @param digest the manifest's digest (the digest of {@code bytes})
 * @param mediaType the media type the registry declared (or the manifest's own {@code mediaType})
 * @param bytes the manifest bytes
 */
public record FetchedManifest(Digest digest, String mediaType, byte[] bytes) {
  public FetchedManifest {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
