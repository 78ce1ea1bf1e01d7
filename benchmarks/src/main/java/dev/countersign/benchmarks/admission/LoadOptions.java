package dev.countersign.benchmarks.admission;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The load benchmark's command line. */
final class LoadOptions {
  static final String USAGE =
      String.join(
          "\n",
          "usage: AdmissionLoadBench (--webhook-classpath CP | --webhook-jar countersign.jar)",
          "    [--rates 200,500,1000] [--warmup 10] [--duration 30]     warm phases (req/s, s)",
          "    [--warm-images 12]                                      images in warm pods",
          "    [--cold-images 2000] [--cold-warmup-images 300] [--cold-rates 10,20]  (pods/s)",
          "    [--identical 8]                                         containers, one image",
          "    [--burst-rate 5000] [--burst-seconds 2]                 0 s: no burst",
          "    [--heap 256m] [--timeout 10] [--max-connections 2000] [--max-idle 25]",
          "    [--push-threads 4]",
          "    [--webhook-jvm-arg ARG]... [--webhook-arg ARG]...       e.g. JFR, --workers 8",
          "    [--work DIR] [--java PATH]");

  String webhookClasspath;
  Path webhookJar;
  List<Double> rates = List.of(200.0, 500.0, 1000.0);
  int warmupSeconds = 10;
  int durationSeconds = 30;
  int warmImages = 12;
  int coldImages = 2000;
  int coldWarmupImages = 300;

  /** Pods per second of the cold phases; each phase has its own never-seen images. */
  List<Double> coldRates = List.of(10.0, 20.0);

  int identical = 8;
  double burstRate = 5000;
  int burstSeconds = 2;
  String heap = "256m";
  int timeoutSeconds = 10;
  int maxConnections = 2000;

  /** client-go's {@code MaxIdleConnsPerHost}. */
  int maxIdle = 25;

  int pushThreads = 4;
  List<String> webhookJvmArgs = new ArrayList<>();
  List<String> webhookArgs = new ArrayList<>();
  Path work;
  Path java = Path.of(System.getProperty("java.home"), "bin", "java");

  static LoadOptions parse(String[] args) {
    LoadOptions o = new LoadOptions();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--webhook-classpath" -> o.webhookClasspath = v;
        case "--webhook-jar" -> o.webhookJar = Path.of(v);
        case "--rates" -> o.rates = rates(a, v);
        case "--warmup" -> o.warmupSeconds = nonNegative(a, Integer.parseInt(v));
        case "--duration" -> o.durationSeconds = (int) positive(a, Integer.parseInt(v));
        case "--warm-images" -> o.warmImages = (int) positive(a, Integer.parseInt(v));
        case "--cold-images" -> o.coldImages = nonNegative(a, Integer.parseInt(v));
        case "--cold-warmup-images" -> o.coldWarmupImages = nonNegative(a, Integer.parseInt(v));
        case "--cold-rates" -> o.coldRates = rates(a, v);
        case "--identical" -> o.identical = (int) positive(a, Integer.parseInt(v));
        case "--burst-rate" -> o.burstRate = positive(a, Double.parseDouble(v));
        case "--burst-seconds" -> o.burstSeconds = nonNegative(a, Integer.parseInt(v));
        case "--heap" -> o.heap = v;
        case "--timeout" -> o.timeoutSeconds = (int) positive(a, Integer.parseInt(v));
        case "--max-connections" -> o.maxConnections = (int) positive(a, Integer.parseInt(v));
        case "--max-idle" -> o.maxIdle = (int) positive(a, Integer.parseInt(v));
        case "--push-threads" -> o.pushThreads = (int) positive(a, Integer.parseInt(v));
        case "--webhook-jvm-arg" -> o.webhookJvmArgs.add(v);
        case "--webhook-arg" -> o.webhookArgs.add(v);
        case "--work" -> o.work = Path.of(v);
        case "--java" -> o.java = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if ((o.webhookClasspath == null) == (o.webhookJar == null)) {
      throw new IllegalArgumentException("give exactly one of --webhook-classpath, --webhook-jar");
    }
    if (o.warmImages % 3 != 0) {
      throw new IllegalArgumentException("--warm-images must be a multiple of 3 (3 per pod)");
    }
    return o;
  }

  private static List<Double> rates(String option, String v) {
    List<Double> r = new ArrayList<>();
    for (String s : v.split(",")) {
      if (!s.isBlank()) {
        r.add(positive(option, Double.parseDouble(s.trim())));
      }
    }
    return List.copyOf(r);
  }

  private static double positive(String option, double v) {
    if (!(v > 0)) {
      throw new IllegalArgumentException(option + " must be positive");
    }
    return v;
  }

  private static int nonNegative(String option, int v) {
    if (v < 0) {
      throw new IllegalArgumentException(option + " must not be negative");
    }
    return v;
  }
}
