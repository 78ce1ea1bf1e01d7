package dev.countersign.admission.records.internal;

/**
 * Where the next line must fit in a file's hash chain: its sequence number and the hash it must
 * name as {@code prev}.
 *
 * <p>After a line with a problem the place is known less exactly: that line may have been an
 * inserted one or a changed one, so the next may take its sequence number or the one after ({@code
 * slack}), and its {@code prev} cannot be checked.
 */
final class ChainPosition {
  private long expectedSeq = -1;
  private String expectedPrev;
  private int slack;

  /** Whether a line has set the place; before that, or after {@link #restart}, any line fits. */
  boolean isKnown() {
    return expectedSeq >= 0;
  }

  long expectedSeq() {
    return expectedSeq;
  }

  /** The first sequence number not taken by an accepted line or a line with a problem. */
  long firstUnaccounted() {
    return expectedSeq + slack;
  }

  /** Whether the place is uncertain after lines with problems. */
  boolean hasSlack() {
    return slack > 0;
  }

  /** Whether {@code seq} is one of the places lines with problems left open. */
  boolean withinSlack(long seq) {
    return slack > 0 && seq >= expectedSeq && seq <= expectedSeq + slack;
  }

  /** Whether {@code prev} names another line than the one accepted last. */
  boolean breaksChain(String prev) {
    return expectedPrev != null && !prev.equals(expectedPrev);
  }

  /** Whether {@code line} is exactly the line that comes next, by sequence number and hash. */
  boolean isNext(ParsedLine line) {
    return !breaksChain(line.prev()) && (!isKnown() || line.seq() == expectedSeq);
  }

  /** The next line follows {@code accepted}. */
  void follow(CheckedLine accepted) {
    expectedSeq = accepted.parsed().seq() + 1;
    expectedPrev = accepted.hash();
    slack = 0;
  }

  /** A line with a problem took, or was put in, the next place. */
  void skip() {
    slack++;
    expectedPrev = null;
  }

  /** The line accepted last is not what the next line chains to: stop checking {@code prev}. */
  void forgetPrev() {
    expectedPrev = null;
  }

  /** Nothing is known of the place: the next line sets it. */
  void restart() {
    expectedSeq = -1;
    expectedPrev = null;
  }
}
