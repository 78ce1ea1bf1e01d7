package dev.countersign.verify.oci;

import dev.countersign.verify.Digest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Evidence held in memory, for tests of the verification flow without a registry. */
public final class InMemoryEvidenceSource implements EvidenceSource {
  private final Map<String, ResolvedImage> images = new HashMap<>();
  private final Map<Digest, Map<EvidenceLocation, List<StoredEvidence>>> evidence = new HashMap<>();
  private final Map<Digest, RegistryException> failures = new HashMap<>();
  private final Map<String, Integer> reads = new HashMap<>();

  /** How often each (digest, location) was read, for tests of request economy. */
  public Map<String, Integer> reads() {
    return Map.copyOf(reads);
  }

  public InMemoryEvidenceSource image(String reference, Digest digest) {
    ImageReference ref = ImageReference.parse(reference);
    images.put(
        ref.toString(),
        new ResolvedImage(
            ref.resolvedTo(digest), "application/vnd.oci.image.manifest.v1+json", List.of()));
    return this;
  }

  public InMemoryEvidenceSource index(String reference, Digest digest, List<Descriptor> platforms) {
    ImageReference ref = ImageReference.parse(reference);
    images.put(
        ref.toString(),
        new ResolvedImage(
            ref.resolvedTo(digest), "application/vnd.oci.image.index.v1+json", platforms));
    return this;
  }

  public InMemoryEvidenceSource evidence(Digest digest, EvidenceLocation where, StoredEvidence e) {
    evidence
        .computeIfAbsent(digest, d -> new EnumMap<>(EvidenceLocation.class))
        .computeIfAbsent(where, w -> new ArrayList<>())
        .add(e);
    return this;
  }

  public InMemoryEvidenceSource failing(Digest digest, RegistryException e) {
    failures.put(digest, e);
    return this;
  }

  @Override
  public ResolvedImage resolve(ImageReference image) throws RegistryException {
    ResolvedImage r = images.get(image.toString());
    if (r == null) {
      throw new RegistryException(
          RegistryException.Kind.NOT_FOUND, image.toString(), "no such image " + image);
    }
    return r;
  }

  @Override
  public List<StoredEvidence> discover(
      ImageReference image, Optional<String> signatureRepository, EvidenceLocation where)
      throws RegistryException {
    Digest d = image.digest().orElseThrow();
    reads.merge(d + " " + where, 1, Integer::sum);
    if (failures.containsKey(d)) {
      throw failures.get(d);
    }
    return evidence.getOrDefault(d, Map.of()).getOrDefault(where, List.of());
  }
}
