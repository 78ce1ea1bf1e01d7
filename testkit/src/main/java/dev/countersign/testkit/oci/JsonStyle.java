package dev.countersign.testkit.oci;

/**
 * Whose serializer a document imitates. Registries address content by the hash of its bytes, so the
 * member order of each writer is part of what a test reproduces.
 */
public enum JsonStyle {
  /**
   * go-containerregistry, as cosign, crane and the distribution registry write: descriptors as
   * {@code mediaType, size, digest, annotations, platform, artifactType}, annotation maps sorted by
   * key, and {@code <}, {@code >}, {@code &} escaped as Go's {@code encoding/json} does.
   */
  GO,
  /**
   * sigstore-js {@code @sigstore/oci}, as GitHub's attestation actions write: descriptors as {@code
   * mediaType, digest, size}, manifests as {@code schemaVersion, mediaType, artifactType, config,
   * layers, subject, annotations}, annotations in insertion order.
   */
  JAVASCRIPT
}
