package dev.countersign.admission.server;

import dev.countersign.admission.ActiveVerifier;
import dev.countersign.admission.AdmissionController;
import dev.countersign.admission.AdmissionSettings;
import dev.countersign.admission.config.ConfigException;
import dev.countersign.admission.config.ConfigReloader;
import dev.countersign.admission.config.ReloadListener;
import dev.countersign.admission.config.ReloadStatus;
import dev.countersign.admission.config.VerifierLoader;
import dev.countersign.admission.http.Readiness;
import dev.countersign.admission.http.TlsMaterialException;
import dev.countersign.admission.http.WebhookHttpServer;
import dev.countersign.admission.internal.log.JsonLog;
import dev.countersign.admission.internal.metrics.AdmissionMetrics;
import dev.countersign.admission.internal.schedule.Prewarmer;
import dev.countersign.admission.kubernetes.KubernetesEvents;
import dev.countersign.admission.kubernetes.RunningPodImages;
import dev.countersign.verify.oci.EvidenceSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A running webhook: configuration (with hot reload), the admission core, metrics, logs, optional
 * decision records, Kubernetes Events and pre-warming, behind the HTTPS endpoint. {@link #start}
 * returns once it is serving; {@link #awaitTermination} blocks until {@link #close} (or the JVM's
 * shutdown).
 */
public final class Webhook implements AutoCloseable {
  private final JsonLog log;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final ConfigReloader config;
  private final AdmissionController controller;
  private final WebhookHttpServer http;
  private final Optional<Prewarmer> prewarmer;

  private Webhook(WebhookOptions o, PrintStream out, Clock clock) {
    this.log = new JsonLog(out, clock);
    try {
      AdmissionSettings settings = o.admissionSettings();
      PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(meters);
      new JvmThreadMetrics().bindTo(meters);
      new ProcessorMetrics().bindTo(meters);
      JvmGcMetrics gc = new JvmGcMetrics();
      gc.bindTo(meters);
      resources.add(gc);
      AdmissionMetrics metrics = new AdmissionMetrics(meters);

      requireReadable("--tls-cert", o.tlsCert);
      requireReadable("--tls-key", o.tlsKey);
      if (!Files.exists(o.policies)) {
        throw new StartupException(
            "INPUT_UNREADABLE", "--policies " + o.policies + " does not exist");
      }
      if (o.trustRoots != null && !Files.isDirectory(o.trustRoots)) {
        throw new StartupException(
            "INPUT_UNREADABLE", "--trust-roots " + o.trustRoots + " is not a directory");
      }
      EvidenceSource evidence = RegistryAccess.evidenceSource(o, metrics.registryListener());
      try {
        this.config =
            ConfigReloader.start(
                new VerifierLoader(
                    o.policies,
                    Optional.ofNullable(o.trustRoots),
                    evidence,
                    o.noPolicyMatch,
                    clock),
                o.reloadInterval,
                clock);
      } catch (ConfigException e) {
        throw new StartupException(e.reason(), e.getMessage(), e);
      }
      resources.add(config);
      this.controller =
          AdmissionController.builder(config)
              .settings(settings)
              .meters(meters)
              .clock(clock)
              .listener(log)
              .problems(m -> log.warn(m, Map.of()))
              .build();
      resources.add(controller);
      config.addListener(
          new ReloadListener() {
            @Override
            public void reloaded(ActiveVerifier now) {
              metrics.reloaded();
              log.info(
                  "configuration reloaded",
                  Map.of(
                      "policyRevision", now.policyRevision(),
                      "trustRoots", now.trustRootRevisions()));
            }

            @Override
            public void refused(ConfigException why) {
              metrics.reloadFailed();
              log.error(
                  "configuration reload refused; the previous configuration stays in force",
                  Map.of("reason", why.reason(), "error", oneLine(why.getMessage())));
            }
          });
      DecisionRecording.open(o, clock)
          .ifPresent(
              r -> {
                resources.add(r);
                controller.addListener(r);
              });

      KubernetesClient kube = null;
      if (o.events || o.prewarmRunningPods) {
        try {
          kube = new KubernetesClientBuilder().build();
        } catch (RuntimeException e) {
          throw new StartupException(
              "INPUT_UNREADABLE",
              "cannot configure the Kubernetes client (needed by --events and"
                  + " --prewarm-running-pods): "
                  + e.getMessage(),
              e);
        }
        resources.add(kube);
      }
      if (o.events) {
        KubernetesEvents events =
            new KubernetesEvents(
                kube, KubernetesEvents.podFromEnvironment(), clock, m -> log.warn(m, Map.of()));
        resources.add(events);
        controller.addListener(events);
        config.addListener(events);
      }
      if (o.prewarm != null || o.prewarmRunningPods) {
        Prewarmer p = new Prewarmer(controller);
        resources.add(p);
        this.prewarmer = Optional.of(p);
        config.addListener(
            new ReloadListener() {
              @Override
              public void reloaded(ActiveVerifier now) {
                p.rewarm();
              }
            });
        if (o.prewarm != null) {
          p.submitAll(readImageList(o.prewarm));
        }
        if (o.prewarmRunningPods) {
          resources.add(RunningPodImages.start(kube, settings.excludedNamespaces(), p::submit, 0));
        }
      } else {
        this.prewarmer = Optional.empty();
      }

      try {
        this.http =
            WebhookHttpServer.start(
                new WebhookHttpServer.Settings(
                    o.host,
                    o.port,
                    o.tlsCert,
                    o.tlsKey,
                    o.reloadInterval,
                    controller,
                    this::readiness,
                    meters::scrape,
                    m -> log.info(m, Map.of())));
      } catch (TlsMaterialException e) {
        throw new StartupException("TLS_INVALID", e.getMessage(), e);
      }
      resources.add(http);
      ActiveVerifier a = config.get();
      log.info(
          "webhook started",
          Map.of(
              "port", http.port(),
              "policyRevision", a.policyRevision(),
              "trustRoots", a.trustRootRevisions(),
              "deadlineMs", settings.deadline().toMillis(),
              "workers", settings.workers(),
              "mutateMode", settings.mutateMode().name()));
    } catch (RuntimeException e) {
      closeResources();
      throw e;
    }
  }

  /**
   * Starts a webhook and returns once it serves.
   *
   * @param out where the JSON log lines go (stdout in a pod; stderr when the decision records take
   *     stdout)
   * @throws StartupException with a reason code when a flag, file or configuration is wrong
   */
  public static Webhook start(WebhookOptions options, PrintStream out) {
    // Decision records on stdout must stay a verifiable chain of their own: the log lines then go
    // to stderr, so a log pipeline can keep the two streams apart.
    PrintStream logs = "-".equals(options.records) && out == System.out ? System.err : out;
    return new Webhook(options, logs, Clock.systemUTC());
  }

  /** The HTTPS port served. */
  public int port() {
    return http.port();
  }

  /** The admission core (for embedding and tests). */
  public AdmissionController controller() {
    return controller;
  }

  /** Blocks until {@link #close} is called; closes the webhook when interrupted. */
  public void awaitTermination() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
    }
  }

  private Readiness readiness() {
    ReloadStatus s = config.status();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("policyRevision", s.policyRevision());
    detail.put("trustRoots", s.trustRootRevisions());
    detail.put("loadedAt", s.loadedAt().toString());
    detail.put("reloads", s.reloads());
    detail.put("reloadFailures", s.failures());
    s.lastFailure().ifPresent(f -> detail.put("lastReloadFailure", f));
    s.lastFailureAt().ifPresent(t -> detail.put("lastReloadFailureAt", t.toString()));
    detail.put("pendingRequests", controller.pendingRequests());
    prewarmer.ifPresent(p -> detail.put("prewarmQueued", p.queued()));
    // Ready as long as a configuration is in force: a refused reload leaves the previous one
    // deciding, which is reported above, not a reason to take the webhook out of service.
    return new Readiness(true, detail);
  }

  static List<String> readImageList(Path file) {
    try {
      List<String> out = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          out.add(l);
        }
      }
      return out;
    } catch (IOException e) {
      throw new StartupException(
          "INPUT_UNREADABLE", "cannot read --prewarm " + file + ": " + e.getMessage(), e);
    }
  }

  private static void requireReadable(String flag, Path p) {
    if (p == null || !Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new StartupException("INPUT_UNREADABLE", "cannot read " + flag + " " + p);
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  private void closeResources() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // Shutting down: keep closing the rest.
      }
    }
    resources.clear();
  }

  @Override
  public void close() {
    synchronized (resources) {
      if (stopped.getCount() == 0) {
        return;
      }
      log.info("webhook stopping", Map.of());
      closeResources();
      stopped.countDown();
    }
  }
}
