package dev.countersign.verify.internal.oci;

import dev.countersign.verify.oci.EvidenceLocation;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.ResolvedImage;
import dev.countersign.verify.oci.StoredEvidence;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers what one evaluation read, so that several policies and attestation requirements looking
 * at the same image ask the registry once, and all see the same answer (including the same
 * failure). Not thread-safe: one instance per evaluation.
 */
public final class MemoizingEvidenceSource implements EvidenceSource {
  private final EvidenceSource delegate;
  private final Map<String, Object> resolved = new HashMap<>();
  private final Map<String, Object> discovered = new HashMap<>();

  public MemoizingEvidenceSource(EvidenceSource delegate) {
    this.delegate = delegate;
  }

  @Override
  public ResolvedImage resolve(ImageReference image) throws RegistryException {
    String key = image.toString();
    Object cached = resolved.get(key);
    if (cached == null) {
      try {
        cached = delegate.resolve(image);
      } catch (RegistryException e) {
        cached = e;
      }
      resolved.put(key, cached);
    }
    if (cached instanceof RegistryException) {
      throw (RegistryException) cached;
    }
    return (ResolvedImage) cached;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<StoredEvidence> discover(
      ImageReference image, Optional<String> signatureRepository, EvidenceLocation where)
      throws RegistryException {
    String key = image + "|" + signatureRepository.orElse("") + "|" + where;
    Object cached = discovered.get(key);
    if (cached == null) {
      try {
        cached = delegate.discover(image, signatureRepository, where);
      } catch (RegistryException e) {
        cached = e;
      }
      discovered.put(key, cached);
    }
    if (cached instanceof RegistryException) {
      throw (RegistryException) cached;
    }
    return (List<StoredEvidence>) cached;
  }
}
