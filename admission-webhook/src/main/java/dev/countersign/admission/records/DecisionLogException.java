package dev.countersign.admission.records;

/**
 * The decision log cannot be used as configured: an unusable key, a file that is not a decision log
 * or was started with another key, a file another process is writing, or a write that failed.
 *
 * <p>Tampered content found by {@link DecisionLog#verify} is reported as data instead; only the
 * record stream of {@link DecisionLog#read} throws, as {@link TamperedLogException}.
 */
public class DecisionLogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DecisionLogException(String message) {
    super(message);
  }

  public DecisionLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
