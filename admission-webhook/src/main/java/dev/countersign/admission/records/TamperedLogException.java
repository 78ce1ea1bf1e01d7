package dev.countersign.admission.records;

import java.util.Objects;

/**
 * Thrown by the record stream of {@link DecisionLog#read} at the first line that is not intact: the
 * records already delivered came before it and verified; nothing after it is delivered.
 */
public final class TamperedLogException extends DecisionLogException {
  private static final long serialVersionUID = 1L;
  private final transient LogProblem problem;

  public TamperedLogException(LogProblem problem) {
    super(Objects.requireNonNull(problem, "problem").toString());
    this.problem = problem;
  }

  /** The first problem found. */
  public LogProblem problem() {
    return problem;
  }
}
