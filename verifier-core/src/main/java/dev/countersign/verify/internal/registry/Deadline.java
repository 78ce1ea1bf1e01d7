package dev.countersign.verify.internal.registry;

import java.time.Duration;

/**
 * The time budget of one registry operation, across its retries, redirects and token requests.
 * Measured on the monotonic clock, so wall-clock jumps neither extend nor cut it.
 */
final class Deadline {
  private final long endNanos;
  private final Duration budget;

  private Deadline(long endNanos, Duration budget) {
    this.endNanos = endNanos;
    this.budget = budget;
  }

  static Deadline after(Duration budget) {
    return new Deadline(System.nanoTime() + budget.toNanos(), budget);
  }

  Duration remaining() {
    long left = endNanos - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  boolean expired() {
    return endNanos - System.nanoTime() <= 0;
  }

  Duration budget() {
    return budget;
  }
}
