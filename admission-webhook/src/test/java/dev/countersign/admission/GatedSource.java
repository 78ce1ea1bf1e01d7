package dev.countersign.admission;

import dev.countersign.verify.oci.EvidenceLocation;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.ResolvedImage;
import dev.countersign.verify.oci.StoredEvidence;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A real evidence source (an OCI layout with real signatures) with a hand on it: it counts how
 * often each image is resolved (one resolution per verification), can hold resolutions until a gate
 * opens (a slow registry), and can break (a failing one).
 */
final class GatedSource implements EvidenceSource {
  private final EvidenceSource delegate;
  private final ConcurrentHashMap<String, AtomicInteger> resolutions = new ConcurrentHashMap<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile Supplier<? extends Throwable> failure;
  private volatile long delayMillis;
  final AtomicInteger waiting = new AtomicInteger();

  GatedSource(EvidenceSource delegate) {
    this.delegate = delegate;
  }

  /** Resolutions hold until {@link #open}. */
  void close() {
    gate = new CountDownLatch(1);
  }

  void open() {
    gate.countDown();
  }

  /** Every resolution takes at least this long (a slow registry). */
  void delay(long millis) {
    this.delayMillis = millis;
  }

  /** Every resolution throws what {@code failure} makes (null: none). */
  void failWith(Supplier<? extends Throwable> failure) {
    this.failure = failure;
  }

  int resolutions(String reference) {
    AtomicInteger n = resolutions.get(ImageReference.parse(reference).toString());
    return n == null ? 0 : n.get();
  }

  int resolutions() {
    return resolutions.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  @Override
  public ResolvedImage resolve(ImageReference image) throws RegistryException {
    resolutions.computeIfAbsent(image.toString(), k -> new AtomicInteger()).incrementAndGet();
    waiting.incrementAndGet();
    try {
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new RegistryException(
            RegistryException.Kind.TIMEOUT, image.toString(), "gate never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(RegistryException.Kind.TIMEOUT, image.toString(), "interrupted");
    } finally {
      waiting.decrementAndGet();
    }
    Supplier<? extends Throwable> f = failure;
    if (f != null) {
      Throwable t = f.get();
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error e) {
        throw e;
      }
      if (t instanceof RegistryException r) {
        throw r;
      }
      throw new IllegalStateException(t);
    }
    return delegate.resolve(image);
  }

  @Override
  public List<StoredEvidence> discover(
      ImageReference image, Optional<String> signatureRepository, EvidenceLocation where)
      throws RegistryException {
    return delegate.discover(image, signatureRepository, where);
  }
}
