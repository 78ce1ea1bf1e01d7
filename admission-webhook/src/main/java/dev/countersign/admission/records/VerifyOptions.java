package dev.countersign.admission.records;

import java.security.PublicKey;
import java.util.List;
import java.util.Objects;

/**
 * How to verify a decision log.
 *
 * @param expectedKeys when not empty, the log must be signed by one of these keys; otherwise the
 *     key named in the log's genesis line is used, which proves integrity but not authorship
 * @param allowOpenTail whether a file may end without a closing line because it is still being
 *     written (an incomplete line at its very end, one the writer is writing, is then left out with
 *     a note); by default an unclosed log counts as truncated
 * @param maxProblems how many problems to keep in the report (all are counted)
 */
public record VerifyOptions(List<PublicKey> expectedKeys, boolean allowOpenTail, int maxProblems) {
  public VerifyOptions {
    expectedKeys = List.copyOf(expectedKeys);
    if (maxProblems < 1) {
      throw new IllegalArgumentException("maxProblems must be at least 1: " + maxProblems);
    }
  }

  /** Key from the genesis line, closing line required, up to 1000 problems kept. */
  public static VerifyOptions defaults() {
    return new VerifyOptions(List.of(), false, 1000);
  }

  public VerifyOptions withExpectedKeys(List<PublicKey> keys) {
    return new VerifyOptions(keys, allowOpenTail, maxProblems);
  }

  public VerifyOptions withExpectedKey(PublicKey key) {
    return withExpectedKeys(List.of(Objects.requireNonNull(key, "key")));
  }

  /** Accept a log whose last file is still being written (no closing line yet). */
  public VerifyOptions withOpenTail(boolean allowOpenTail) {
    return new VerifyOptions(expectedKeys, allowOpenTail, maxProblems);
  }

  public VerifyOptions withMaxProblems(int maxProblems) {
    return new VerifyOptions(expectedKeys, allowOpenTail, maxProblems);
  }
}
