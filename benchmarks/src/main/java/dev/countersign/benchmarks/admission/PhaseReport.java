package dev.countersign.benchmarks.admission;

import java.time.Duration;
import java.util.Locale;

/**
 * One measured phase with what the server did meanwhile.
 *
 * @param stats the driver's measurements
 * @param unit what the rate counts ({@code req/s}; cold pods are requests too)
 * @param verifications verifications the webhook ran during the phase (from its metrics)
 * @param cacheHits image lookups answered from the cache during the phase
 * @param serverCpu CPU time of the webhook's JVM during the phase
 * @param driverCpu CPU time of the driver's JVM during the phase (it shares the machine)
 * @param gc the webhook's collections during the phase
 * @param loadAverage the machine's 1-minute load average at the end of the phase
 */
record PhaseReport(
    PhaseStats stats,
    String unit,
    long verifications,
    long cacheHits,
    Duration serverCpu,
    Duration driverCpu,
    GcLog.Summary gc,
    String loadAverage) {

  static String header() {
    return "| phase | rate req/s | requests | p50 ms | p99 ms | p99.9 ms | max ms | errors | shed"
        + " | verifications | cache hits | webhook CPU ms/req | GC pauses (max ms) | send lag p99 ms"
        + " | load avg |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
  }

  String row() {
    PhaseStats s = stats;
    double cpuPerRequest = s.requests == 0 ? 0 : serverCpu.toNanos() / 1e6 / s.requests;
    return String.format(
        Locale.ROOT,
        "| %s | %.0f | %d | %.2f | %.2f | %.2f | %.1f | %d | %d | %d | %d | %.2f | %d (%.1f) | %.2f"
            + " | %s |",
        s.name,
        s.rate,
        s.requests,
        s.millis(50),
        s.millis(99),
        s.millis(99.9),
        s.maxMillis(),
        s.errorsExceptShed(),
        s.errors(ErrorKind.SHED),
        verifications,
        cacheHits,
        cpuPerRequest,
        gc.pauses(),
        gc.maxPauseMillis(),
        s.sendLag().getValueAtPercentile(99) / 1000.0,
        loadAverage);
  }

  /** Error kinds, reasons and the first failures, for the log. */
  String details() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%s: %d requests at %.0f %s, answered %d, achieved %.1f/s; webhook CPU %.1f s, driver"
                + " CPU %.1f s; GC %d pauses, %.1f ms total, peak used heap %d MB%n",
            stats.name,
            stats.requests,
            stats.rate,
            unit,
            stats.answered(),
            stats.achievedRate(),
            serverCpu.toMillis() / 1000.0,
            driverCpu.toMillis() / 1000.0,
            gc.pauses(),
            gc.totalPauseMillis(),
            gc.peakUsedBytes() >> 20));
    b.append("  answers by reason: ").append(stats.reasons()).append('\n');
    if (!stats.errorCounts().isEmpty()) {
      b.append("  errors: ").append(stats.errorCounts()).append('\n');
      for (String e : stats.examples()) {
        b.append("    e.g. ").append(e).append('\n');
      }
    }
    return b.toString();
  }
}
