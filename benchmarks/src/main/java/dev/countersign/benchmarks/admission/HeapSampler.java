package dev.countersign.benchmarks.admission;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the webhook's used heap ({@code jvm_memory_used_bytes{area="heap"}}, summed over the heap
 * pools) from {@code /metrics} at a fixed interval and keeps the largest value. Between collections
 * the GC log is blind, so this is the second source for the peak; scraping is rare enough (seconds)
 * not to load the server.
 */
final class HeapSampler implements AutoCloseable {
  private final WebhookServer server;
  private final Duration every;
  private final AtomicLong peak = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private final Thread thread;
  private volatile boolean stopped;

  HeapSampler(WebhookServer server, Duration every) {
    this.server = server;
    this.every = every;
    this.thread = new Thread(this::loop, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (!stopped) {
      sample();
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void sample() {
    try {
      long used = (long) server.metrics().sum("jvm_memory_used_bytes", "area", "heap");
      peak.accumulateAndGet(used, Math::max);
      samples.incrementAndGet();
    } catch (IOException e) {
      // A missed sample; the GC log still has the peaks.
    }
  }

  /** The largest used heap seen, in bytes. */
  long peakBytes() {
    return peak.get();
  }

  long samples() {
    return samples.get();
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}
