package dev.countersign.report.aws;

/**
 * Counts reported during long work, for progress bars. Called from the collecting thread(s); must
 * be cheap and thread-safe.
 */
@FunctionalInterface
public interface Progress {
  /** Nothing is shown. */
  Progress NONE = (task, done, total) -> {};

  /**
   * @param task what is being done, such as {@code ecr images} or {@code cloudtrail events}
   * @param done units finished so far
   * @param total units in all, or -1 when not known in advance
   */
  void update(String task, long done, long total);
}
