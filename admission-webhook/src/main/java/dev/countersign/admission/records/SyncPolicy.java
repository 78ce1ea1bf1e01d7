package dev.countersign.admission.records;

import java.time.Duration;
import java.util.Objects;

/**
 * When written lines are forced to disk (fsync). A line that was appended but not yet forced can be
 * lost in a power failure (a process crash loses nothing: the line is in the operating system).
 *
 * @param maxLines force at the latest when this many lines are not yet forced
 * @param maxDelay force at the latest this long after a line was written; zero with {@code
 *     maxLines} 1 means every append returns only after its line is on disk
 */
public record SyncPolicy(int maxLines, Duration maxDelay) {
  public SyncPolicy {
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxLines < 1) {
      throw new IllegalArgumentException("maxLines must be at least 1: " + maxLines);
    }
    if (maxDelay.isNegative() || (maxLines > 1 && maxDelay.isZero())) {
      throw new IllegalArgumentException(
          "a batched sync policy needs a positive maxDelay, so lines never wait unbounded");
    }
  }

  /** Every append returns after its line is on disk. */
  public static SyncPolicy everyLine() {
    return new SyncPolicy(1, Duration.ZERO);
  }

  /** At most {@code maxLines} lines, and none for longer than {@code maxDelay}, not on disk. */
  public static SyncPolicy batched(int maxLines, Duration maxDelay) {
    return new SyncPolicy(maxLines, maxDelay);
  }

  boolean everyAppend() {
    return maxLines == 1;
  }
}
