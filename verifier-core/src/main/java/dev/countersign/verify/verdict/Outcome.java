package dev.countersign.verify.verdict;

/** The overall result of a verification. FAIL and ERROR both mean "do not trust". */
public enum Outcome {
  PASS,
  FAIL,
  ERROR;

  /** True only for {@link #PASS}. */
  public boolean isPass() {
    return this == PASS;
  }
}
