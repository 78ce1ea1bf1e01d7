package dev.countersign.admission.internal.schedule;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.countersign.admission.ActiveVerifier;
import dev.countersign.admission.AdmissionSettings;
import dev.countersign.admission.ImageSource;
import dev.countersign.admission.internal.metrics.AdmissionMetrics;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.policy.Decision;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.policy.PolicyVerdict;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs verifications on a bounded pool and remembers their decisions.
 *
 * <ul>
 *   <li>One verification per key at a time: concurrent requests for the same image (in one
 *       admission request or across requests) share the future in the cache.
 *   <li>Decisions are cached per (policy revision, trust roots, image), bounded in number, with a
 *       time to live that depends on what was decided (see {@link #timeToLive}).
 *   <li>A full pool and queue reject new work at once ({@link Overloaded}): an image waiting behind
 *       a queue longer than its deadline would only turn into a timeout later.
 *   <li>A verification outlives the request that started it: when the request's deadline passes,
 *       the verification finishes in the background and fills the cache for the retry.
 * </ul>
 */
public final class VerificationScheduler implements AutoCloseable {
  private final AdmissionSettings settings;
  private final AdmissionMetrics metrics;
  private final ThreadPoolExecutor pool;
  private final Semaphore slots;
  private final AsyncCache<CacheKey, PolicyDecision> cache;
  private final Duration verificationLimit;
  private final AtomicLong started = new AtomicLong();
  private volatile Scope scope;

  private static final String TOO_LATE = "the queue is longer than the deadline";

  /** A moving average of how long verifications take, for judging the queue. */
  private final AtomicLong typicalNanos = new AtomicLong();

  public VerificationScheduler(AdmissionSettings settings, AdmissionMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
    // Slots, not the executor's queue, bound the work: a slot is taken when a verification is
    // submitted and given back when its body ends, so a finishing worker never makes a new
    // submission bounce off a queue it has not started polling yet.
    this.slots = new Semaphore(settings.workers() + settings.queueCapacity());
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            settings.workers(),
            settings.workers(),
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "countersign-verify-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    // A verification that never ends would hold its cache entry (and every request waiting on
    // it) forever; past this limit it fails, the entry is dropped and the next request retries.
    this.verificationLimit =
        settings.deadline().multipliedBy(4).compareTo(Duration.ofSeconds(60)) > 0
            ? settings.deadline().multipliedBy(4)
            : Duration.ofSeconds(60);
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(settings.cacheSize())
            .expireAfter(
                new Expiry<CacheKey, PolicyDecision>() {
                  @Override
                  public long expireAfterCreate(
                      CacheKey key, PolicyDecision value, long currentTime) {
                    return timeToLive(key, value).toNanos();
                  }

                  @Override
                  public long expireAfterUpdate(
                      CacheKey key, PolicyDecision value, long currentTime, long currentDuration) {
                    return timeToLive(key, value).toNanos();
                  }

                  @Override
                  public long expireAfterRead(
                      CacheKey key, PolicyDecision value, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .executor(Runnable::run)
            .buildAsync();
    metrics.gauge("countersign.verifications.active", "verifications running now", this::running);
    metrics.gauge(
        "countersign.verifications.queued", "verifications waiting for a worker", this::queued);
    metrics.gauge(
        "countersign.admission.cache.size",
        "decisions cached or in flight",
        () -> cache.synchronous().estimatedSize());
  }

  /**
   * How long a decision is reused: could-not-evaluate decisions (any ERROR verdict: registry down,
   * timeout) only seconds, so an outage does not outlive itself; denials and warnings briefly, so a
   * fix (a signature pushed) is seen soon; allowing decisions for pinned digests longest, and for
   * tags no longer than a tag is trusted to stay put.
   */
  Duration timeToLive(CacheKey key, PolicyDecision d) {
    if (couldNotEvaluate(d)) {
      return settings.errorCacheTtl();
    }
    if (d.decision() != Decision.ALLOW) {
      return settings.negativeCacheTtl();
    }
    return key.pinned() ? settings.cacheTtl() : min(settings.cacheTtl(), settings.tagCacheTtl());
  }

  /** Whether any check could not be evaluated (registry down, timeout, internal error). */
  static boolean couldNotEvaluate(PolicyDecision d) {
    for (PolicyVerdict v : d.verdicts()) {
      for (CheckResult c : v.verdict().checks()) {
        if (c.status() == Status.ERROR) {
          return true;
        }
      }
    }
    return false;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * The decision for an image under the active configuration: cached, shared with a verification in
   * flight, or started now.
   *
   * @throws Overloaded when a verification would have to start and the pool and queue are full
   */
  public Lookup lookup(ActiveVerifier active, ImageReference image) throws Overloaded {
    return lookup(active, image, Long.MAX_VALUE);
  }

  /**
   * As {@link #lookup(ActiveVerifier, ImageReference)} for a caller that must have the decision
   * within {@code remainingNanos}: a verification that would have to queue for longer than that
   * (judged by how long recent verifications took) is not queued but shed at once, since it could
   * only end in a deadline denial seconds later.
   */
  public Lookup lookup(ActiveVerifier active, ImageReference image, long remainingNanos)
      throws Overloaded {
    CacheKey key = new CacheKey(scope(active), image.toString(), image.isPinned());
    CompletableFuture<PolicyDecision> existing = cache.getIfPresent(key);
    if (existing != null) {
      return new Lookup(existing, existing.isDone() ? ImageSource.CACHED : ImageSource.SHARED);
    }
    boolean[] startedHere = {false};
    try {
      CompletableFuture<PolicyDecision> f =
          cache.get(
              key,
              (k, executor) -> {
                if (wouldMissDeadline(
                    running(), queued(), settings.workers(), typicalNanos.get(), remainingNanos)) {
                  throw new RejectedExecutionException(TOO_LATE);
                }
                startedHere[0] = true;
                return start(active, image);
              });
      ImageSource source =
          startedHere[0]
              ? ImageSource.VERIFIED
              : f.isDone() ? ImageSource.CACHED : ImageSource.SHARED;
      return new Lookup(f, source);
    } catch (RejectedExecutionException e) {
      throw overloaded(e);
    } catch (CompletionException e) {
      if (e.getCause() instanceof RejectedExecutionException r) {
        throw overloaded(r);
      }
      throw e;
    }
  }

  /**
   * {@code active.cacheScope()}, made once per configuration rather than once per image: it joins
   * every trust root's revision, and a reload replaces the whole {@link ActiveVerifier}.
   */
  private String scope(ActiveVerifier active) {
    Scope s = scope;
    if (s == null || s.active() != active) {
      s = new Scope(active, active.cacheScope());
      scope = s;
    }
    return s.value();
  }

  /** The last configuration seen and its cache scope. */
  private record Scope(ActiveVerifier active, String value) {}

  private Overloaded overloaded(RejectedExecutionException e) {
    boolean late = String.valueOf(e.getMessage()).startsWith(TOO_LATE);
    return new Overloaded(
        "all "
            + settings.workers()
            + " verification workers are busy and "
            + queued()
            + " verifications are queued"
            + (late ? ", longer than the time left before the deadline" : ""));
  }

  private CompletableFuture<PolicyDecision> start(ActiveVerifier active, ImageReference image) {
    if (!slots.tryAcquire()) {
      throw new RejectedExecutionException("no free slot");
    }
    try {
      return CompletableFuture.supplyAsync(
              () -> {
                try {
                  started.incrementAndGet();
                  long t0 = System.nanoTime();
                  PolicyDecision d = active.verifier().evaluate(image);
                  long took = System.nanoTime() - t0;
                  typicalNanos.getAndUpdate(prev -> prev == 0 ? took : (prev * 4 + took) / 5);
                  metrics.verification(outcomeLabel(d), Duration.ofNanos(took));
                  return d;
                } finally {
                  slots.release();
                }
              },
              pool)
          .orTimeout(verificationLimit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      slots.release();
      throw e;
    }
  }

  /** Verifications submitted and not yet finished. */
  private int inFlight() {
    return settings.workers() + settings.queueCapacity() - slots.availablePermits();
  }

  private int running() {
    return Math.min(inFlight(), settings.workers());
  }

  private int queued() {
    return Math.max(0, inFlight() - settings.workers());
  }

  private static String outcomeLabel(PolicyDecision d) {
    if (couldNotEvaluate(d)) {
      return "error";
    }
    return switch (d.decision()) {
      case ALLOW -> "allow";
      case ALLOW_WITH_WARNINGS -> "warn";
      case DENY -> "deny";
    };
  }

  /**
   * Whether a verification queued now would start too late: with every worker busy, it waits for
   * about {@code ceil((queued + 1) / workers)} verifications of typical length, and then needs one
   * more for itself. Until a verification has been timed ({@code typicalNanos} 0), nothing is shed
   * on this ground.
   */
  static boolean wouldMissDeadline(
      int active, int queued, int workers, long typicalNanos, long remainingNanos) {
    if (typicalNanos <= 0 || active < workers) {
      return false;
    }
    long rounds = (queued + workers) / workers;
    return (rounds + 1) * typicalNanos > remainingNanos;
  }

  /** Whether a new verification could start or queue now (pre-warming yields to admission). */
  public boolean hasSpareCapacity() {
    return running() < settings.workers() || queued() < settings.queueCapacity() / 2;
  }

  /** Verifications started since creation (each one a real verifier call). */
  public long verificationsStarted() {
    return started.get();
  }

  /** Decisions cached or in flight (an estimate). */
  public long cachedEntries() {
    return cache.synchronous().estimatedSize();
  }

  /** Forgets every cached decision (the next request verifies again). */
  public void invalidateAll() {
    cache.synchronous().invalidateAll();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
