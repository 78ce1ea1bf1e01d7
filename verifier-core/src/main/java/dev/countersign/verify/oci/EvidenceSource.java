package dev.countersign.verify.oci;

import dev.countersign.verify.internal.oci.OciEvidenceSource;
import java.util.List;

/**
 * Finds the evidence stored beside an image. The standard implementation reads a registry or an OCI
 * layout ({@link #of(OciRegistry)}); services that keep evidence elsewhere implement this
 * interface. Implementations are thread-safe. Nothing returned is trusted: the verifier checks it.
 */
public interface EvidenceSource {

  /** Resolves a reference (tag or digest) to its manifest digest and kind. */
  ResolvedImage resolve(ImageReference image) throws RegistryException;

  /**
   * The evidence for a pinned image found in one location. A location with nothing is an empty
   * list; a registry that cannot be asked is a RegistryException.
   *
   * @param image the image, pinned by digest
   * @param signatureRepository where signatures are stored ({@code registry/repository}), or empty
   *     for the image's own repository
   */
  List<StoredEvidence> discover(
      ImageReference image, java.util.Optional<String> signatureRepository, EvidenceLocation where)
      throws RegistryException;

  /** Evidence stored in a registry or layout the way cosign and OCI 1.1 referrers store it. */
  static EvidenceSource of(OciRegistry registry) {
    return new OciEvidenceSource(registry);
  }
}
