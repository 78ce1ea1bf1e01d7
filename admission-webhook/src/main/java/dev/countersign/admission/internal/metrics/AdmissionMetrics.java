package dev.countersign.admission.internal.metrics;

import dev.countersign.admission.AdmissionDecision;
import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.admission.ImageResult;
import dev.countersign.admission.ImageSource;
import dev.countersign.verify.oci.RegistryListener;
import dev.countersign.verify.verdict.ReasonCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The webhook's meters. Names follow Micrometer conventions and become Prometheus names such as
 * {@code countersign_admission_decisions_total{result="deny",reason="IDENTITY_MISMATCH"}}. Reason
 * labels are reason codes, a closed catalogue, so label cardinality stays bounded.
 */
public final class AdmissionMetrics {
  /** Stage names of {@code countersign.admission.duration}. */
  public static final String PARSE = "parse";

  public static final String VERIFY = "verify";
  public static final String TOTAL = "total";

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Timer> stages = new ConcurrentHashMap<>();
  private final ConcurrentMap<DecisionLabels, Counter> decisions = new ConcurrentHashMap<>();
  private final ConcurrentMap<ImageLabels, Counter> images = new ConcurrentHashMap<>();
  private final ConcurrentMap<ImageSource, Counter> lookups = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Timer> verifications = new ConcurrentHashMap<>();

  public AdmissionMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A request's decision and each image's. */
  public void decision(AdmissionDecision d) {
    decisions
        .computeIfAbsent(
            new DecisionLabels(d.outcome(), d.reason(), d.mutation()),
            k ->
                registry.counter(
                    "countersign.admission.decisions",
                    "result",
                    lower(k.outcome().name()),
                    "reason",
                    k.reason().name(),
                    "endpoint",
                    k.mutation() ? "mutate" : "validate"))
        .increment();
    for (ImageResult i : d.images()) {
      images
          .computeIfAbsent(
              new ImageLabels(i.outcome(), i.reason(), i.source()),
              k ->
                  registry.counter(
                      "countersign.admission.images",
                      "result",
                      lower(k.outcome().name()),
                      "reason",
                      k.reason().name(),
                      "source",
                      lower(k.source().name())))
          .increment();
    }
    stage(TOTAL, d.elapsed());
  }

  // Counters are looked up per request and per image: found by their labels here, instead of
  // the registry building and hashing a meter id (and lower-casing labels) each time.
  private record DecisionLabels(AdmissionOutcome outcome, ReasonCode reason, boolean mutation) {}

  private record ImageLabels(AdmissionOutcome outcome, ReasonCode reason, ImageSource source) {}

  /** How long a stage of one request took. */
  public void stage(String stage, Duration elapsed) {
    stages
        .computeIfAbsent(
            stage,
            s ->
                Timer.builder("countersign.admission.duration")
                    .description("time per admission stage (parse, verify, total)")
                    .tag("stage", s)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry))
        .record(elapsed.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** A cache lookup: {@code hit} (decided), {@code shared} (in flight) or {@code miss}. */
  public void cache(ImageSource source) {
    lookups
        .computeIfAbsent(
            source,
            k -> {
              String result =
                  switch (k) {
                    case CACHED -> "hit";
                    case SHARED -> "shared";
                    default -> "miss";
                  };
              return registry.counter("countersign.admission.cache", "result", result);
            })
        .increment();
  }

  /** A request ({@code request}) or an image ({@code image}) shed because the webhook is full. */
  public void shed(String level) {
    registry.counter("countersign.admission.shed", "level", level).increment();
  }

  /** A verification that ran, by how it ended. */
  public void verification(String outcome, Duration elapsed) {
    verifications
        .computeIfAbsent(
            outcome,
            o ->
                Timer.builder("countersign.verification.duration")
                    .description("time of one image verification (registry and checks)")
                    .tag("outcome", o)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry))
        .record(elapsed.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** A gauge read when scraped. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /** A configuration reload that failed (the previous configuration stays in force). */
  public void reloadFailed() {
    Counter.builder("countersign.config.reload.failures")
        .description("configuration reloads refused; the previous configuration stays in force")
        .register(registry)
        .increment();
  }

  /** A configuration reload that took effect. */
  public void reloaded() {
    Counter.builder("countersign.config.reloads")
        .description("configuration reloads that took effect")
        .register(registry)
        .increment();
  }

  /** A listener failed (log, record, event); the answer was not changed. */
  public void listenerFailed(String listener) {
    registry.counter("countersign.admission.listener.failures", "listener", listener).increment();
  }

  /** Counts and times every registry round trip. */
  public RegistryListener registryListener() {
    ConcurrentMap<List<String>, Counter> requests = new ConcurrentHashMap<>();
    ConcurrentMap<String, Timer> durations = new ConcurrentHashMap<>();
    return (host, operation, method, status, elapsed) -> {
      requests
          .computeIfAbsent(
              List.of(host, operation, statusClass(status)),
              k ->
                  registry.counter(
                      "countersign.registry.requests",
                      "registry",
                      k.get(0),
                      "operation",
                      k.get(1),
                      "status",
                      k.get(2)))
          .increment();
      durations
          .computeIfAbsent(
              operation,
              o ->
                  Timer.builder("countersign.registry.duration")
                      .tag("operation", o)
                      .publishPercentileHistogram()
                      .minimumExpectedValue(Duration.ofMillis(1))
                      .maximumExpectedValue(Duration.ofSeconds(30))
                      .register(registry))
          .record(elapsed.toNanos(), TimeUnit.NANOSECONDS);
    };
  }

  static String statusClass(int status) {
    if (status < 0) {
      return "error";
    }
    if (status == 429 || status == 401 || status == 403 || status == 404) {
      return Integer.toString(status);
    }
    return (status / 100) + "xx";
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
