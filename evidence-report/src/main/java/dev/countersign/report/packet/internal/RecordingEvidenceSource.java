package dev.countersign.report.packet.internal;

import dev.countersign.verify.oci.EvidenceLocation;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.ResolvedImage;
import dev.countersign.verify.oci.StoredEvidence;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Passes every lookup to the real evidence source and keeps a copy of what it returned for the
 * image being evaluated on this thread, so the packet holds exactly the bytes the verifier judged.
 * Nothing is changed or filtered: the verifier sees the delegate's answers.
 */
public final class RecordingEvidenceSource implements EvidenceSource {

  /** One piece of evidence the verifier was given. */
  public record Found(EvidenceLocation where, String lookedUp, StoredEvidence evidence) {}

  private final EvidenceSource delegate;
  private final ThreadLocal<List<Found>> capture = new ThreadLocal<>();

  public RecordingEvidenceSource(EvidenceSource delegate) {
    this.delegate = delegate;
  }

  /** Runs {@code work}, adding to {@code sink} everything discovered on this thread meanwhile. */
  public <T> T recording(List<Found> sink, Supplier<T> work) {
    capture.set(sink);
    try {
      return work.get();
    } finally {
      capture.remove();
    }
  }

  @Override
  public ResolvedImage resolve(ImageReference image) throws RegistryException {
    return delegate.resolve(image);
  }

  @Override
  public List<StoredEvidence> discover(
      ImageReference image, Optional<String> signatureRepository, EvidenceLocation where)
      throws RegistryException {
    List<StoredEvidence> found = delegate.discover(image, signatureRepository, where);
    List<Found> sink = capture.get();
    if (sink != null) {
      for (StoredEvidence e : found) {
        sink.add(new Found(where, image.toString(), e));
      }
    }
    return found;
  }
}
