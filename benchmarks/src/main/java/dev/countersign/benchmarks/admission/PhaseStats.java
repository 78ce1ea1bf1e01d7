package dev.countersign.benchmarks.admission;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one phase of load measured. Latency is from the time a request was <em>scheduled</em> to
 * leave (its slot in the constant arrival rate) to the end of its answer, so a stalled server or a
 * driver that fell behind shows up as latency instead of as fewer requests (no coordinated
 * omission). Every request is in the latency histogram, including failed ones; failures are counted
 * by kind besides.
 */
final class PhaseStats {
  /** Latencies up to a minute at 3 significant digits, in microseconds. */
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

  private static final int EXAMPLES = 5;

  final String name;
  final double rate;
  final long requests;
  private final Histogram latency = new ConcurrentHistogram(MAX_MICROS, 3);
  private final Histogram sendLag = new ConcurrentHistogram(MAX_MICROS, 3);
  private final Map<ErrorKind, LongAdder> errors = new EnumMap<>(ErrorKind.class);
  private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
  private final List<String> examples = Collections.synchronizedList(new ArrayList<>());
  private final LongAdder answered = new LongAdder();
  private final AtomicLong finished = new AtomicLong();
  private volatile long firstScheduled;
  private volatile long lastFinished;

  PhaseStats(String name, double rate, long requests) {
    this.name = name;
    this.rate = rate;
    this.requests = requests;
    for (ErrorKind k : ErrorKind.values()) {
      errors.put(k, new LongAdder());
    }
  }

  void started(long scheduledNanos) {
    this.firstScheduled = scheduledNanos;
  }

  /** A request left {@code lagNanos} after its slot (the driver's own delay). */
  void sent(long lagNanos) {
    sendLag.recordValue(Math.min(MAX_MICROS, Math.max(0, lagNanos / 1000)));
  }

  /** A correct answer. */
  void ok(long latencyNanos, String reason) {
    answered.increment();
    reasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
    done(latencyNanos);
  }

  /** An answer that was wrong, late or missing. */
  void failed(long latencyNanos, ErrorKind kind, String reason, String detail) {
    if (kind != ErrorKind.TIMEOUT && kind != ErrorKind.IO) {
      answered.increment();
    }
    if (!reason.isEmpty()) {
      reasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }
    errors.get(kind).increment();
    if (examples.size() < EXAMPLES) {
      examples.add(kind + ": " + detail);
    }
    done(latencyNanos);
  }

  private void done(long latencyNanos) {
    latency.recordValue(Math.min(MAX_MICROS, Math.max(0, latencyNanos / 1000)));
    lastFinished = System.nanoTime();
    finished.incrementAndGet();
  }

  long finished() {
    return finished.get();
  }

  long answered() {
    return answered.sum();
  }

  /** Latencies in microseconds. */
  Histogram latency() {
    return latency;
  }

  /** How late requests left their slots, in microseconds. */
  Histogram sendLag() {
    return sendLag;
  }

  long errors(ErrorKind kind) {
    return errors.get(kind).sum();
  }

  /** Every failure except shedding. */
  long errorsExceptShed() {
    long n = 0;
    for (ErrorKind k : ErrorKind.values()) {
      if (k != ErrorKind.SHED) {
        n += errors.get(k).sum();
      }
    }
    return n;
  }

  /** Every failure, shedding included. */
  long allErrors() {
    return errorsExceptShed() + errors(ErrorKind.SHED);
  }

  /** Non-zero error counts by kind, e.g. {@code {SHED=12}}. */
  Map<ErrorKind, Long> errorCounts() {
    Map<ErrorKind, Long> out = new EnumMap<>(ErrorKind.class);
    errors.forEach(
        (k, v) -> {
          if (v.sum() > 0) {
            out.put(k, v.sum());
          }
        });
    return out;
  }

  /** Answers by reason code. */
  Map<String, Long> reasons() {
    Map<String, Long> out = new TreeMap<>();
    reasons.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  List<String> examples() {
    synchronized (examples) {
      return List.copyOf(examples);
    }
  }

  /** Answers per second from the first slot to the last answer. */
  double achievedRate() {
    long span = lastFinished - firstScheduled;
    return span <= 0 ? 0 : finished.get() * 1e9 / span;
  }

  /** A latency percentile in milliseconds. */
  double millis(double percentile) {
    return latency.getValueAtPercentile(percentile) / 1000.0;
  }

  double maxMillis() {
    return latency.getMaxValue() / 1000.0;
  }
}
