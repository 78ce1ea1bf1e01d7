package dev.countersign.verify.oci;

import dev.countersign.verify.Digest;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI content descriptor.
 *
 * @param mediaType the content's media type
 * @param digest its digest
 * @param size its size in bytes
 * @param artifactType the artifact type (OCI 1.1), if any
 * @param annotations annotations
 * @param platform the platform (index entries only), if any
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    Optional<String> artifactType,
    Map<String, String> annotations,
    Optional<Platform> platform) {
  public Descriptor {
    annotations = Map.copyOf(annotations);
  }

  public Optional<String> annotation(String key) {
    return Optional.ofNullable(annotations.get(key));
  }
}
