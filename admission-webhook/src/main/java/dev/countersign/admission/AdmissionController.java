package dev.countersign.admission;

import dev.countersign.admission.internal.decide.DecisionAssembler;
import dev.countersign.admission.internal.decide.ImageResults;
import dev.countersign.admission.internal.decide.MessageLines;
import dev.countersign.admission.internal.decide.Resolution;
import dev.countersign.admission.internal.extract.Extraction;
import dev.countersign.admission.internal.extract.ImageExtractor;
import dev.countersign.admission.internal.extract.ImageField;
import dev.countersign.admission.internal.extract.PodSpecPaths;
import dev.countersign.admission.internal.extract.Problem;
import dev.countersign.admission.internal.metrics.AdmissionMetrics;
import dev.countersign.admission.internal.review.MalformedReviewException;
import dev.countersign.admission.internal.review.ReviewCodec;
import dev.countersign.admission.internal.schedule.Lookup;
import dev.countersign.admission.internal.schedule.Overloaded;
import dev.countersign.admission.internal.schedule.VerificationScheduler;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.policy.ImageGlob;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.verdict.ReasonCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The admission core: reads an {@code AdmissionReview}, finds every image with its field path,
 * verifies each distinct image once (cached, shared in flight, bounded, under a deadline) with the
 * active {@link dev.countersign.verify.Verifier}, and answers. It has no web framework: an HTTP
 * endpoint passes the body in and writes the {@link AdmissionReply} out.
 *
 * <p>It never fails open and never fails loudly: every readable request is answered (HTTP 200, uid
 * echoed), and anything that stops an image from being verified — a malformed field, an unreachable
 * registry, the deadline, a full queue, an unexpected exception — denies with a reason code at the
 * field path. Thread-safe; share one instance.
 */
public final class AdmissionController implements AutoCloseable {
  /** The annotation {@link MutateMode#ANNOTATE} writes: image to verified digest, as JSON. */
  public static final String DIGESTS_ANNOTATION = "countersign.dev/image-digests";

  /** Subresources whose writes cannot change an image: skipped (kubelets write status often). */
  private static final Set<String> SKIPPED_SUBRESOURCES = Set.of("status", "scale");

  private final AdmissionSettings settings;
  private final Supplier<ActiveVerifier> active;
  private final AdmissionMetrics metrics;
  private final VerificationScheduler scheduler;
  private final ImageExtractor extractor;
  private final List<ImageGlob> excludedImages;
  private final List<DecisionListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final ExecutorService finisher;
  private final DecisionAssembler decisions;
  private final Consumer<String> problems;

  private AdmissionController(Builder b) {
    this.settings = b.settings;
    this.active = b.active;
    this.metrics = new AdmissionMetrics(b.meters);
    this.scheduler = new VerificationScheduler(settings, metrics);
    this.extractor = new ImageExtractor(new PodSpecPaths(settings.podTemplatePaths()));
    this.excludedImages = settings.excludedImages().stream().map(ImageGlob::of).toList();
    this.listeners.addAll(b.listeners);
    this.decisions = new DecisionAssembler(settings, DIGESTS_ANNOTATION, b.clock);
    this.problems = b.problems;
    AtomicInteger n = new AtomicInteger();
    // Answers that wait for a verification are assembled off the timer and worker threads, so a
    // slow listener (a records file on a slow disk) never delays a deadline or a verification.
    this.finisher =
        Executors.newFixedThreadPool(
            Math.max(2, Math.min(8, settings.workers() / 4)),
            r -> {
              Thread t = new Thread(r, "countersign-admission-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    metrics.gauge(
        "countersign.admission.requests.in.flight",
        "admission requests being answered",
        pending::get);
  }

  /** A controller over the verifier {@code active} supplies (read once per request). */
  public static Builder builder(Supplier<ActiveVerifier> active) {
    return new Builder(active);
  }

  /** Registers a listener for every later decision. */
  public void addListener(DecisionListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The settings in force. */
  public AdmissionSettings settings() {
    return settings;
  }

  /** The webhook's meters (for registry metrics the server adds). */
  public MeterRegistry meters() {
    return metrics.registry();
  }

  /** {@code POST /validate}: a body in, an answer out. */
  public CompletableFuture<AdmissionReply> validate(byte[] body) {
    return handle(body, false);
  }

  /** {@code POST /mutate}: as {@link #validate}, plus a digest patch for allowed images. */
  public CompletableFuture<AdmissionReply> mutate(byte[] body) {
    return handle(body, true);
  }

  private CompletableFuture<AdmissionReply> handle(byte[] body, boolean mutation) {
    long start = System.nanoTime();
    AdmissionRequest request;
    try {
      request = ReviewCodec.read(body);
    } catch (MalformedReviewException e) {
      metrics.registry().counter("countersign.admission.malformed").increment();
      return CompletableFuture.completedFuture(AdmissionReply.badRequest(e.getMessage()));
    }
    metrics.stage(AdmissionMetrics.PARSE, since(start));
    return decide(request, mutation, start).thenApply(AdmissionController::reply);
  }

  /**
   * The answer when something outside the controller failed while handling {@code body} (the HTTP
   * adapter's last resort): a denial naming {@code INTERNAL_ERROR} if the body is a readable
   * review, else a 400.
   */
  public AdmissionReply failClosed(byte[] body, boolean mutation, Throwable cause) {
    Optional<AdmissionRequest> request = ReviewCodec.tryRead(body);
    if (request.isEmpty()) {
      return AdmissionReply.badRequest("the request could not be read: " + describe(cause));
    }
    return reply(announce(internalError(request.get(), mutation, System.nanoTime(), cause)));
  }

  private static AdmissionReply reply(AdmissionDecision d) {
    return new AdmissionReply(200, AdmissionReply.JSON, ReviewCodec.write(d), Optional.of(d));
  }

  /**
   * Decides a parsed request. The future always completes normally, by the deadline: failures are
   * denials.
   */
  public CompletableFuture<AdmissionDecision> decide(AdmissionRequest request, boolean mutation) {
    return decide(request, mutation, System.nanoTime());
  }

  private CompletableFuture<AdmissionDecision> decide(
      AdmissionRequest request, boolean mutation, long start) {
    CompletableFuture<AdmissionDecision> decided;
    try {
      decided = decideUnsafe(request, mutation, start);
    } catch (RuntimeException | StackOverflowError e) {
      decided = CompletableFuture.completedFuture(internalError(request, mutation, start, e));
    }
    return decided
        .exceptionally(e -> internalError(request, mutation, start, e))
        .thenApply(this::announce);
  }

  private CompletableFuture<AdmissionDecision> decideUnsafe(
      AdmissionRequest request, boolean mutation, long start) {
    String op = request.operation().toUpperCase(Locale.ROOT);
    if (op.equals("DELETE") || op.equals("CONNECT")) {
      return skip(request, mutation, start, "operation " + op + " carries no new images");
    }
    if (SKIPPED_SUBRESOURCES.contains(request.subResource())) {
      return skip(
          request,
          mutation,
          start,
          "subresource " + request.subResource() + " cannot change images");
    }
    if (!request.namespace().isEmpty()
        && settings.excludedNamespaces().contains(request.namespace())) {
      return skip(request, mutation, start, "namespace " + request.namespace() + " is excluded");
    }
    if (request.object().isEmpty()) {
      return refuse(
          request,
          mutation,
          start,
          ReasonCode.ADMISSION_REQUEST_MALFORMED,
          List.of(
              MessageLines.line(
                  MessageLines.WHOLE_OBJECT,
                  ReasonCode.ADMISSION_REQUEST_MALFORMED,
                  "request.object is missing for operation " + op)));
    }
    Extraction extraction =
        extractor.extract(request.group(), request.kind(), request.object().get());
    if (!extraction.problems().isEmpty()) {
      List<String> lines = new ArrayList<>();
      for (Problem p : extraction.problems()) {
        lines.add(
            MessageLines.line(p.fieldPath(), ReasonCode.ADMISSION_REQUEST_MALFORMED, p.detail()));
      }
      return refuse(request, mutation, start, ReasonCode.ADMISSION_REQUEST_MALFORMED, lines);
    }
    if (extraction.images().isEmpty()) {
      return skip(
          request, mutation, start, "no pod spec in " + request.qualifiedKind() + ", no images");
    }
    if (pending.incrementAndGet() > settings.maxPendingRequests()) {
      pending.decrementAndGet();
      metrics.shed("request");
      return refuse(
          request,
          mutation,
          start,
          ReasonCode.ADMISSION_OVERLOADED,
          List.of(
              MessageLines.line(
                  MessageLines.WHOLE_OBJECT,
                  ReasonCode.ADMISSION_OVERLOADED,
                  settings.maxPendingRequests()
                      + " admission requests are in progress; retry shortly")));
    }
    try {
      return verify(request, mutation, start, extraction)
          .whenComplete((d, e) -> pending.decrementAndGet());
    } catch (RuntimeException | Error e) {
      pending.decrementAndGet();
      throw e;
    }
  }

  /** One distinct image of a request and the fields that name it. */
  private static final class Pending {
    final ImageReference reference;
    final List<ImageField> fields = new ArrayList<>();
    CompletableFuture<Resolution> resolution;
    ImageSource source = ImageSource.NOT_EVALUATED;

    /** {@code reference.toString()}, made once. */
    final String name;

    Pending(ImageReference reference, String name) {
      this.reference = reference;
      this.name = name;
    }
  }

  private CompletableFuture<AdmissionDecision> verify(
      AdmissionRequest request, boolean mutation, long start, Extraction extraction) {
    ActiveVerifier current = active.get();
    long deadlineNanos = start + settings.deadline().toNanos();
    Map<ImageField, ImageResult> immediate = new LinkedHashMap<>();
    Map<String, Pending> distinct = new LinkedHashMap<>();
    for (ImageField f : extraction.images()) {
      if (f.problem().isPresent()) {
        immediate.put(
            f,
            ImageResults.refused(f, "", ReasonCode.ADMISSION_REQUEST_MALFORMED, f.problem().get()));
        continue;
      }
      ImageReference ref;
      try {
        ref = ImageReference.parse(f.image());
      } catch (IllegalArgumentException e) {
        immediate.put(
            f,
            ImageResults.refused(
                f,
                "",
                ReasonCode.ADMISSION_REQUEST_MALFORMED,
                "'" + f.image() + "' is not an image reference: " + e.getMessage()));
        continue;
      }
      if (excluded(ref)) {
        immediate.put(f, ImageResults.excluded(f, ref));
        continue;
      }
      distinct.computeIfAbsent(ref.toString(), k -> new Pending(ref, k)).fields.add(f);
    }
    List<CompletableFuture<Resolution>> waits = new ArrayList<>();
    for (Pending p : distinct.values()) {
      try {
        long remaining = Math.max(0, deadlineNanos - System.nanoTime());
        Lookup lookup = scheduler.lookup(current, p.reference, remaining);
        p.source = lookup.source();
        metrics.cache(lookup.source());
        CompletableFuture<Resolution> resolution =
            lookup
                .decision()
                .handle(
                    (d, e) ->
                        e == null
                            ? Resolution.of(d)
                            : Resolution.undecided(
                                ReasonCode.INTERNAL_ERROR, "verification failed: " + describe(e)));
        // A cached decision cannot miss the deadline: no timer and no message for it.
        p.resolution =
            resolution.isDone()
                ? resolution
                : resolution.completeOnTimeout(
                    Resolution.undecided(
                        ReasonCode.DEADLINE_EXCEEDED,
                        "verification of "
                            + p.name
                            + " did not finish within "
                            + seconds(settings.deadline())
                            + "; it goes on in the background, so a retry can use its result"),
                    remaining,
                    TimeUnit.NANOSECONDS);
      } catch (Overloaded e) {
        metrics.shed("image");
        p.resolution =
            CompletableFuture.completedFuture(
                Resolution.undecided(
                    ReasonCode.ADMISSION_OVERLOADED, e.getMessage() + "; retry shortly"));
      }
      waits.add(p.resolution);
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    Function<Void, AdmissionDecision> finish =
        ignored -> {
          metrics.stage(AdmissionMetrics.VERIFY, since(start));
          Map<ImageField, ImageResult> results = new LinkedHashMap<>(immediate);
          for (Pending p : distinct.values()) {
            Resolution r = p.resolution.join();
            for (ImageField f : p.fields) {
              results.put(f, ImageResults.resolved(f, p.reference, p.name, p.source, r));
            }
          }
          List<ImageResult> ordered = new ArrayList<>();
          for (ImageField f : extraction.images()) {
            ordered.add(results.get(f));
          }
          return decisions.concluded(request, mutation, start, ordered, current);
        };
    // Every image decided already (the cache): the answer is assembled on the calling thread, as
    // a hand-off to the finisher pool would cost more than the work. Otherwise the thread that
    // completes the last decision is a verification worker or the deadline timer, which must not
    // run the listeners: the finisher pool does.
    return all.isDone() ? all.thenApply(finish) : all.thenApplyAsync(finish, finisher);
  }

  private boolean excluded(ImageReference ref) {
    for (ImageGlob g : excludedImages) {
      if (g.matches(ref)) {
        return true;
      }
    }
    return false;
  }

  private CompletableFuture<AdmissionDecision> skip(
      AdmissionRequest request, boolean mutation, long start, String why) {
    ActiveVerifier current = active.get();
    return CompletableFuture.completedFuture(
        decisions.skipped(request, mutation, start, current, why));
  }

  /** A denial of the whole request, before any image was verified. */
  private CompletableFuture<AdmissionDecision> refuse(
      AdmissionRequest request,
      boolean mutation,
      long start,
      ReasonCode reason,
      List<String> denials) {
    ActiveVerifier current = active.get();
    return CompletableFuture.completedFuture(
        decisions.refused(request, mutation, start, current, reason, denials));
  }

  private AdmissionDecision internalError(
      AdmissionRequest request, boolean mutation, long start, Throwable e) {
    // Fail closed: whatever broke, the request is denied with a reason, never a 500 and never an
    // unverified admission.
    problems.accept("admission request " + request.uid() + " failed: " + describe(e));
    return decisions.failed(request, mutation, start, describe(e));
  }

  private AdmissionDecision announce(AdmissionDecision d) {
    try {
      metrics.decision(d);
    } catch (RuntimeException e) {
      problems.accept("metrics failed: " + describe(e));
    }
    for (DecisionListener l : listeners) {
      try {
        l.onDecision(d);
      } catch (RuntimeException e) {
        metrics.listenerFailed(l.getClass().getSimpleName());
        problems.accept("decision listener " + l.getClass().getName() + " failed: " + describe(e));
      }
    }
    return d;
  }

  /**
   * Starts (or finds) the verification of an image without an admission request, to warm the cache.
   *
   * @return the decision on its way, or empty when the image is excluded or unreadable, or the pool
   *     was full (check {@link #hasSpareCapacity()} first)
   */
  public Optional<CompletableFuture<PolicyDecision>> prewarm(String image) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(image);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (excluded(ref)) {
      return Optional.empty();
    }
    ActiveVerifier current = active.get();
    if (current == null) {
      return Optional.empty();
    }
    try {
      Lookup l = scheduler.lookup(current, ref);
      metrics.registry().counter("countersign.prewarm", "source", l.source().name()).increment();
      return Optional.of(l.decision());
    } catch (Overloaded e) {
      return Optional.empty();
    }
  }

  /** Whether a verification could start without crowding out admission requests. */
  public boolean hasSpareCapacity() {
    return scheduler.hasSpareCapacity();
  }

  /** Verifications started since creation (each one a real verifier call). */
  public long verificationsStarted() {
    return scheduler.verificationsStarted();
  }

  /** Admission requests being answered now. */
  public int pendingRequests() {
    return pending.get();
  }

  @Override
  public void close() {
    scheduler.close();
    finisher.shutdownNow();
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.replaceAll("\\s+", " "));
  }

  /** Configures an {@link AdmissionController}. */
  public static final class Builder {
    private final Supplier<ActiveVerifier> active;
    private AdmissionSettings settings = AdmissionSettings.defaults();
    private MeterRegistry meters = new SimpleMeterRegistry();
    private final List<DecisionListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Consumer<String> problems = m -> System.err.println("countersign webhook: " + m);

    private Builder(Supplier<ActiveVerifier> active) {
      this.active = Objects.requireNonNull(active, "active");
    }

    public Builder settings(AdmissionSettings s) {
      this.settings = Objects.requireNonNull(s, "settings");
      return this;
    }

    /** Where meters are registered (a Prometheus registry in the server). */
    public Builder meters(MeterRegistry registry) {
      this.meters = Objects.requireNonNull(registry, "registry");
      return this;
    }

    public Builder listener(DecisionListener l) {
      this.listeners.add(Objects.requireNonNull(l, "listener"));
      return this;
    }

    /** The clock of decision times. */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Where failures that do not change an answer are reported (a listener that threw). */
    public Builder problems(Consumer<String> sink) {
      this.problems = Objects.requireNonNull(sink, "sink");
      return this;
    }

    public AdmissionController build() {
      return new AdmissionController(this);
    }
  }
}
