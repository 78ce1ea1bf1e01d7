package dev.countersign.benchmarks.admission;

import com.sun.management.OperatingSystemMXBean;
import dev.countersign.testkit.oci.registry.LoopbackTls;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admission webhook under load, end to end: a real {@code docker-registry} on 127.0.0.1 with
 * keyless-signed images from a private Sigstore, the webhook as its own JVM ({@code -Xmx256m}, GC
 * log) serving HTTPS, and the {@link LoadDriver} sending AdmissionReviews of 3-container pods at
 * constant arrival rates, checking every answer (HTTP 200, uid echoed, expected decision and
 * reason).
 *
 * <p>Phases, in order:
 *
 * <ol>
 *   <li><b>preflight</b>: an image signed by another workflow must be denied with {@code
 *       IDENTITY_MISMATCH} and an unsigned one with {@code NO_SIGNATURE_FOUND} (a benchmark of a
 *       webhook that admits anything would measure nothing); each warm pod is sent once, which
 *       verifies and caches its images;
 *   <li><b>identical</b>: one pod whose containers all name one never-seen image must cost exactly
 *       one verification (the webhook's verification counter before and after);
 *   <li><b>warm</b>: for each rate, a warm-up, then the measured phase; every image is cached, so
 *       no verification may run;
 *   <li><b>cold</b>: every pod names 3 images never seen before, so every request waits for 3
 *       verifications against the registry (after an unmeasured cold warm-up on other images, so
 *       the JIT has seen the verification path);
 *   <li><b>burst</b>: warm pods at 10 times the target rate: every request must still be answered
 *       within {@code timeoutSeconds}; shed requests are counted.
 * </ol>
 *
 * Heap: the peak used heap from the GC log (the heap just before each collection) and from {@code
 * jvm_memory_used_bytes{area="heap"}} sampled every 2 s.
 *
 * <p>Exit status 0 when every target is met and every check passed, 1 when not, 2 for bad usage or
 * a missing registry binary.
 */
public final class AdmissionLoadBench {
  private static final double WARM_TARGET_RATE = 500;
  private static final double WARM_P99_TARGET_MS = 5;
  private static final double COLD_P99_TARGET_MS = 100;
  private static final long HEAP_TARGET_BYTES = 256L << 20;

  private final LoadOptions options;
  private final List<String> failures = new ArrayList<>();
  private final List<String> met = new ArrayList<>();
  private final StringBuilder report = new StringBuilder();
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private AdmissionLoadBench(LoadOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("AdmissionLoadBench: " + e.getMessage() + "\n" + LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    if (!RegistryProcess.isAvailable()) {
      System.err.println(RegistryProcess.unavailableReason());
      System.exit(2);
    }
    System.exit(new AdmissionLoadBench(options).run());
  }

  private int run() throws Exception {
    Path work =
        options.work != null
            ? Files.createDirectories(options.work)
            : Files.createTempDirectory("countersign-admission-load-");
    line(
        String.format(
            Locale.ROOT,
            "machine: %d CPUs (nproc), %s %s, %s %s, %d MB RAM; driver, webhook and registry share"
                + " them",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.vm.name"),
            System.getProperty("java.runtime.version"),
            System.getProperty("os.name"),
            System.getProperty("os.arch"),
            os.getTotalMemorySize() >> 20));
    line("work directory: " + work + "; load average at start: " + loadAverage());

    try (RegistryProcess registry = RegistryProcess.start()) {
      SignedImages images = new SignedImages(registry.client(), registry.hostPort());
      long t0 = System.nanoTime();
      List<String> warm = images.signed("warm", options.warmImages, options.pushThreads);
      List<String> identical = images.signed("identical", 1, 1);
      List<String> other = images.signedByOther("other", 1);
      List<String> unsigned = images.unsigned("unsigned", 1);
      List<String> coldWarmup =
          images.signed("coldwarmup", roundUp3(options.coldWarmupImages), options.pushThreads);
      Map<Double, List<String>> cold = new LinkedHashMap<>();
      for (double rate : options.coldRates) {
        cold.put(
            rate,
            images.signed("cold" + (int) rate, roundUp3(options.coldImages), options.pushThreads));
      }
      line(
          String.format(
              Locale.ROOT,
              "registry %s: pushed %d signed images (+1 other identity, +1 unsigned) in %.1f s",
              registry.hostPort(),
              warm.size()
                  + identical.size()
                  + coldWarmup.size()
                  + cold.values().stream().mapToInt(List::size).sum(),
              (System.nanoTime() - t0) / 1e9));

      Path policies = Files.createDirectories(work.resolve("policies"));
      Files.writeString(policies.resolve("bench.yaml"), images.policy());
      Path roots = Files.createDirectories(work.resolve("trust-roots"));
      Files.writeString(roots.resolve("private.json"), images.trustedRootJson());
      LoopbackTls tls = LoopbackTls.create(Instant.now());
      Path cert = Files.writeString(work.resolve("tls.crt"), tls.certificateChainPem());
      Path key = Files.writeString(work.resolve("tls.key"), tls.privateKeyPem());
      Path gcFile = work.resolve("webhook-gc.log");
      Files.deleteIfExists(gcFile);

      List<String> webhookArgs = new ArrayList<>();
      Collections.addAll(
          webhookArgs,
          "--port",
          "0",
          "--host",
          "127.0.0.1",
          "--tls-cert",
          cert.toString(),
          "--tls-key",
          key.toString(),
          "--policies",
          policies.toString(),
          "--trust-roots",
          roots.toString(),
          "--insecure-registry",
          registry.hostPort());
      webhookArgs.addAll(options.webhookArgs);
      WebhookServer.Launch launch =
          new WebhookServer.Launch(
              options.java,
              options.heap,
              options.webhookJvmArgs,
              options.webhookClasspath,
              options.webhookJar,
              gcFile);
      try (WebhookServer server =
              WebhookServer.start(launch, webhookArgs, work, tls.clientContext());
          LoadDriver driver =
              new LoadDriver(
                  tls.clientContext(),
                  "127.0.0.1",
                  server.port(),
                  Duration.ofSeconds(options.timeoutSeconds),
                  options.maxConnections,
                  options.maxIdle);
          HeapSampler heap = new HeapSampler(server, Duration.ofSeconds(2))) {
        line("webhook: pid " + server.pid() + ", port " + server.port());
        line("webhook command: " + String.join(" ", server.command()));
        GcLog gc = new GcLog(gcFile);
        List<PhaseReport> phases = new ArrayList<>();

        preflight(server, driver, warm, other, unsigned);
        identical(server, driver, identical.get(0));

        Workload warmPods = warmPods(warm);
        for (double rate : options.rates) {
          if (options.warmupSeconds > 0) {
            driver.run(
                "warmup-" + (int) rate, rate, (long) (rate * options.warmupSeconds), warmPods);
          }
          phases.add(
              measure(
                  server,
                  driver,
                  gc,
                  "warm-" + (int) rate,
                  rate,
                  (long) (rate * options.durationSeconds),
                  warmPods));
        }

        if (options.coldImages > 0 && !cold.isEmpty()) {
          if (!coldWarmup.isEmpty()) {
            driver.run(
                "coldwarmup",
                options.coldRates.get(0),
                coldWarmup.size() / 3,
                freshPods(coldWarmup));
          }
          for (Map.Entry<Double, List<String>> c : cold.entrySet()) {
            phases.add(
                measure(
                    server,
                    driver,
                    gc,
                    "cold-" + c.getKey().intValue(),
                    c.getKey(),
                    c.getValue().size() / 3,
                    freshPods(c.getValue())));
          }
        }

        if (options.burstSeconds > 0) {
          phases.add(
              measure(
                  server,
                  driver,
                  gc,
                  "burst-" + (int) options.burstRate,
                  options.burstRate,
                  (long) (options.burstRate * options.burstSeconds),
                  warmPods));
        }
        heap.sample();
        if (!server.isAlive()) {
          failures.add("the webhook died during the run: " + server.stderr());
        }

        line("");
        line(PhaseReport.header());
        phases.forEach(p -> line(p.row()));
        line("");
        phases.forEach(p -> report.append(p.details()));
        System.out.print(phases.stream().map(PhaseReport::details).reduce("", String::concat));
        GcLog.Summary all = gc.since(0);
        line(
            String.format(
                Locale.ROOT,
                "heap: peak used %d MB before a collection, at most %d MB still in use after one"
                    + " (GC log, %d pauses, max %.1f ms, total %.0f ms; committed at most %d MB),"
                    + " peak sampled from /metrics %d MB (%d samples); -Xmx%s",
                all.peakUsedBytes() >> 20,
                all.retainedBytes() >> 20,
                all.pauses(),
                all.maxPauseMillis(),
                all.totalPauseMillis(),
                all.committedBytes() >> 20,
                heap.peakBytes() >> 20,
                heap.samples(),
                options.heap));
        line(
            "driver: at most "
                + driver.mostConnections()
                + " connections open at once, "
                + driver.connectionsOpened()
                + " TLS connections opened in all (at most "
                + options.maxIdle
                + " kept idle)");
        judge(phases, Math.max(all.peakUsedBytes(), heap.peakBytes()), server.isAlive());
      }
    }
    line("");
    met.forEach(m -> line("MET: " + m));
    failures.forEach(f -> line("NOT MET: " + f));
    Files.writeString(work.resolve("report.md"), report.toString(), StandardCharsets.UTF_8);
    return failures.isEmpty() ? 0 : 1;
  }

  private void preflight(
      WebhookServer server,
      LoadDriver driver,
      List<String> warm,
      List<String> other,
      List<String> unsigned)
      throws IOException {
    long before = server.verifications();
    PhaseStats wrong =
        driver.run(
            "preflight-other-identity",
            5,
            1,
            i ->
                new Call(
                    PodReview.of("other", List.of(other.get(0), warm.get(0), warm.get(1))),
                    Expectation.denied("IDENTITY_MISMATCH")));
    PhaseStats none =
        driver.run(
            "preflight-unsigned",
            5,
            1,
            i ->
                new Call(
                    PodReview.of("unsigned", List.of(warm.get(0), unsigned.get(0), warm.get(2))),
                    Expectation.denied("NO_SIGNATURE_FOUND")));
    PhaseStats prime = driver.run("preflight-warm-pods", 5, warm.size() / 3, warmPods(warm));
    long ran = server.verifications() - before;
    for (PhaseStats s : List.of(wrong, none, prime)) {
      if (s.allErrors() != 0) {
        failures.add("preflight " + s.name + " failed: " + s.examples());
      }
    }
    line(
        "preflight: another identity denied with IDENTITY_MISMATCH, unsigned denied with"
            + " NO_SIGNATURE_FOUND, "
            + warm.size() / 3
            + " warm pods allowed: "
            + (wrong.allErrors() + none.allErrors() + prime.allErrors() == 0 ? "ok" : "FAILED")
            + " ("
            + ran
            + " verifications for "
            + (warm.size() + 2)
            + " distinct images)");
  }

  private void identical(WebhookServer server, LoadDriver driver, String image) throws IOException {
    long before = server.verifications();
    PrometheusText m0 = server.metrics();
    PhaseStats s =
        driver.run(
            "identical",
            1,
            1,
            i ->
                new Call(
                    PodReview.of("identical", Collections.nCopies(options.identical, image)),
                    Expectation.ALLOWED));
    long after = server.verifications();
    PrometheusText m1 = server.metrics();
    long misses = (long) (cacheLookups(m1, "miss") - cacheLookups(m0, "miss"));
    String result =
        String.format(
            Locale.ROOT,
            "one pod with %d containers of one never-seen image: %s in %.1f ms, %d verification(s),"
                + " %d cache lookup(s)",
            options.identical,
            s.allErrors() == 0 ? "allowed" : "FAILED " + s.examples(),
            s.maxMillis(),
            after - before,
            misses);
    line(result);
    if (s.allErrors() == 0 && after - before == 1) {
      met.add(options.identical + " identical containers: exactly 1 verification");
    } else {
      failures.add(options.identical + " identical containers: " + result);
    }
  }

  private PhaseReport measure(
      WebhookServer server,
      LoadDriver driver,
      GcLog gc,
      String name,
      double rate,
      long requests,
      Workload workload)
      throws IOException {
    PrometheusText m0 = server.metrics();
    long verifications0 = server.verifications();
    Duration cpu0 = server.cpuTime();
    long driverCpu0 = os.getProcessCpuTime();
    long mark = gc.mark();
    PhaseStats s = driver.run(name, rate, requests, workload);
    Duration cpu = server.cpuTime().minus(cpu0);
    Duration driverCpu = Duration.ofNanos(os.getProcessCpuTime() - driverCpu0);
    long verifications = server.verifications() - verifications0;
    PrometheusText m1 = server.metrics();
    long hits = (long) (cacheLookups(m1, "hit") - cacheLookups(m0, "hit"));
    PhaseReport r =
        new PhaseReport(
            s, "req/s", verifications, hits, cpu, driverCpu, gc.since(mark), loadAverage());
    System.out.println(r.row());
    return r;
  }

  private static double cacheLookups(PrometheusText m, String result) {
    return m.sum("countersign_admission_cache_total", "result", result);
  }

  private void judge(List<PhaseReport> phases, long peakHeap, boolean alive) {
    for (PhaseReport p : phases) {
      PhaseStats s = p.stats();
      if (s.name.startsWith("warm-")) {
        if (s.allErrors() != 0) {
          failures.add(s.name + ": " + s.allErrors() + " errors " + s.errorCounts());
        }
        if (p.verifications() != 0) {
          failures.add(s.name + ": " + p.verifications() + " verifications with a warm cache");
        }
        if (s.rate == WARM_TARGET_RATE) {
          String what =
              String.format(
                  Locale.ROOT,
                  "warm p99 at %.0f req/s %.2f ms (target <= %.0f ms), %d errors",
                  s.rate,
                  s.millis(99),
                  WARM_P99_TARGET_MS,
                  s.allErrors());
          (s.millis(99) <= WARM_P99_TARGET_MS && s.allErrors() == 0 ? met : failures).add(what);
        }
      } else if (s.name.startsWith("cold-")) {
        String what =
            String.format(
                Locale.ROOT,
                "cold p99 at %.0f pods/s (%.0f verifications/s) %.1f ms (target <= %.0f ms), %d"
                    + " errors",
                s.rate,
                s.rate * 3,
                s.millis(99),
                COLD_P99_TARGET_MS,
                s.allErrors());
        (s.millis(99) <= COLD_P99_TARGET_MS && s.allErrors() == 0 ? met : failures).add(what);
      } else if (s.name.startsWith("burst-")) {
        long late = s.errors(ErrorKind.TIMEOUT) + s.errors(ErrorKind.IO);
        String what =
            String.format(
                Locale.ROOT,
                "burst at %.0f req/s: %d of %d answered within %d s (max %.0f ms), %d shed, %d"
                    + " other errors",
                s.rate,
                s.requests - late,
                s.requests,
                options.timeoutSeconds,
                s.maxMillis(),
                s.errors(ErrorKind.SHED),
                s.errorsExceptShed() - late);
        (late == 0 && s.errorsExceptShed() == 0 ? met : failures).add(what);
      }
    }
    String heapWhat =
        String.format(
            Locale.ROOT,
            "heap: peak used %d MB (target <= %d MB)%s",
            peakHeap >> 20,
            HEAP_TARGET_BYTES >> 20,
            alive ? "" : "; the webhook did not survive");
    (peakHeap <= HEAP_TARGET_BYTES && alive ? met : failures).add(heapWhat);
  }

  /** Pods of 3 distinct images from {@code images}, cycling through them. */
  private static Workload warmPods(List<String> images) {
    int pods = images.size() / 3;
    List<PodReview> reviews = new ArrayList<>();
    for (int k = 0; k < pods; k++) {
      reviews.add(PodReview.of("warm-" + k, images.subList(3 * k, 3 * k + 3)));
    }
    return i -> new Call(reviews.get((int) (i % pods)), Expectation.ALLOWED);
  }

  /** Pod {@code i} names images {@code 3i..3i+2}: each request sees only images never seen. */
  private static Workload freshPods(List<String> images) {
    return i -> {
      int k = (int) i;
      return new Call(
          PodReview.of("cold-" + k, images.subList(3 * k, 3 * k + 3)), Expectation.ALLOWED);
    };
  }

  private static int roundUp3(int n) {
    return (n + 2) / 3 * 3;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private void line(String s) {
    System.out.println(s);
    report.append(s).append('\n');
  }
}
