package dev.countersign.benchmarks.registry;

import dev.countersign.verify.oci.EvidenceLocation;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.ResolvedImage;
import dev.countersign.verify.oci.StoredEvidence;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers from what a registry answered once: the same resolution and the same evidence bytes, with
 * no network. Verifying through it measures what verification costs beside the registry (parsing,
 * signature, certificate chain, log entry, identity).
 */
final class ReplayEvidenceSource implements EvidenceSource {
  private final EvidenceSource registry;
  private final Map<String, ResolvedImage> resolved = new ConcurrentHashMap<>();
  private final Map<String, List<StoredEvidence>> discovered = new ConcurrentHashMap<>();
  private volatile boolean recording = true;

  ReplayEvidenceSource(EvidenceSource registry) {
    this.registry = registry;
  }

  /** Stops asking the registry: from now on only recorded answers exist. */
  void replay() {
    recording = false;
  }

  @Override
  public ResolvedImage resolve(ImageReference image) throws RegistryException {
    ResolvedImage r = resolved.get(image.toString());
    if (r == null) {
      r = fetch(() -> registry.resolve(image), image);
      resolved.put(image.toString(), r);
    }
    return r;
  }

  @Override
  public List<StoredEvidence> discover(
      ImageReference image, Optional<String> signatureRepository, EvidenceLocation where)
      throws RegistryException {
    String key = image + "|" + signatureRepository.orElse("") + "|" + where;
    List<StoredEvidence> r = discovered.get(key);
    if (r == null) {
      r = fetch(() -> registry.discover(image, signatureRepository, where), image);
      discovered.put(key, r);
    }
    return r;
  }

  private <T> T fetch(Fetch<T> fetch, ImageReference image) throws RegistryException {
    if (!recording) {
      throw new IllegalStateException("not recorded: " + image);
    }
    return fetch.get();
  }

  @FunctionalInterface
  private interface Fetch<T> {
    T get() throws RegistryException;
  }
}
