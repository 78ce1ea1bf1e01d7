package dev.countersign.verify.internal.registry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt {@code n} (from 0) waits a random time between half and
 * all of {@code min(max, initial * 2^n)}. The jitter keeps many verifiers that failed together from
 * retrying together.
 */
final class Backoff {
  private final Duration initial;
  private final Duration max;

  Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  Duration delay(int attempt) {
    long ceiling = initial.toMillis() << Math.min(attempt, 20);
    ceiling = Math.max(1, Math.min(ceiling, max.toMillis()));
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
  }

  Duration max() {
    return max;
  }
}
