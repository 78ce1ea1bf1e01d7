package dev.countersign.report.aws.internal;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket holding one token, refilled at the configured rate: requests are spaced at least
 * {@code 1/rate} apart, so any one-second interval holds at most {@code rate} of them. A bucket of
 * one (no burst) is what makes "at most N per second" hold for every window, not just on average.
 * Thread-safe; waiting threads are served in arrival order of their reservations.
 */
public final class RateLimiter {
  private final long intervalNanos;
  private long nextFree = Long.MIN_VALUE;

  public RateLimiter(double permitsPerSecond) {
    if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
      throw new IllegalArgumentException("rate must be positive: " + permitsPerSecond);
    }
    this.intervalNanos = (long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / permitsPerSecond);
  }

  /** Blocks until a request may be sent. */
  public void acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long at = nextFree == Long.MIN_VALUE || nextFree - now < 0 ? now : nextFree;
      nextFree = at + intervalNanos;
      wait = at - now;
    }
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  public long intervalNanos() {
    return intervalNanos;
  }
}
