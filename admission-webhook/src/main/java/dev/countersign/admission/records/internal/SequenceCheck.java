package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.ProblemKind;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Places a line whose key and signature were accepted by its sequence number and {@code prev}: next
 * in the chain, after a gap of removed lines, swapped with the line after it, or out of place.
 */
final class SequenceCheck {
  private final LineLookahead lines;
  private final ChainPosition chain;
  private final FileTally tally;
  private final KeyInUse keys;
  private final SignatureSchedule schedule;
  private final FileFindings findings;
  private final Consumer<CheckedLine> accept;

  /**
   * Places lines of the file {@code lines} reads.
   *
   * @param accept takes a line into the chain
   */
  SequenceCheck(
      LineLookahead lines,
      ChainPosition chain,
      FileTally tally,
      KeyInUse keys,
      SignatureSchedule schedule,
      FileFindings findings,
      Consumer<CheckedLine> accept) {
    this.lines = lines;
    this.chain = chain;
    this.tally = tally;
    this.keys = keys;
    this.schedule = schedule;
    this.findings = findings;
    this.accept = accept;
  }

  void place(CheckedLine cur) throws IOException {
    ParsedLine p = cur.parsed();
    long s = p.seq();
    if (!chain.isKnown() || chain.withinSlack(s)) {
      accept.accept(cur);
      return;
    }
    if (s == chain.expectedSeq()) {
      if (chain.breaksChain(p.prev())) {
        CheckedLine replaced = tally.lastAccepted();
        findings.problem(
            replaced,
            ProblemKind.EDITED,
            "line "
                + replaced.number()
                + " is not the line that line "
                + cur.number()
                + " names as its predecessor (prev "
                + ShortHash.of(p.prev())
                + "): it was replaced");
      }
      accept.accept(cur);
      return;
    }
    if (s > chain.expectedSeq()) {
      CheckedLine next = lines.peek();
      if (swappedWith(cur, next)) {
        findings.problem(
            cur,
            ProblemKind.REORDERED,
            "lines "
                + cur.number()
                + " and "
                + next.number()
                + " are in the wrong order: seq "
                + s
                + " comes before seq "
                + next.parsed().seq());
        lines.take();
        tally.counted(next);
        accept.accept(next);
        accept.accept(cur);
        return;
      }
      long from = chain.firstUnaccounted();
      findings.problem(
          cur,
          ProblemKind.REMOVED,
          (s - from)
              + " line(s) missing before this line: seq "
              + (s - from == 1 ? String.valueOf(from) : from + " to " + (s - 1))
              + (s - from == 1 ? " was" : " were")
              + " removed");
      accept.accept(cur);
      return;
    }
    // A line moved back takes no place in the chain: the lines after it are checked as if it
    // were not there.
    findings.problem(
        cur,
        ProblemKind.REORDERED,
        "seq "
            + s
            + " appears after seq "
            + (chain.expectedSeq() - 1)
            + ": the line was moved or copied here");
  }

  /**
   * Whether {@code cur} and the line after it are an intact pair in the wrong order: the next line
   * fits where {@code cur} should, {@code cur} chains to it, and it is signed like the log.
   */
  private boolean swappedWith(CheckedLine cur, CheckedLine next) {
    if (next == null || next.parsed() == null || next.parsed().isGenesis()) {
      return false;
    }
    ParsedLine n = next.parsed();
    boolean inPlace =
        chain.hasSlack()
            ? chain.withinSlack(n.seq())
            : n.seq() == chain.expectedSeq() && !chain.breaksChain(n.prev());
    if (!inPlace || cur.parsed().seq() != n.seq() + 1 || !cur.parsed().prev().equals(next.hash())) {
      return false;
    }
    if (keys.keyId() != null && !keys.keyId().equals(n.sig().keyId())) {
      return false;
    }
    LogKey key = keys.key();
    return key == null
        || (n.sig().alg().equals(key.algorithm().id())
            && (schedule.chainEndsOnly()
                || SignatureVerdict.check(next, key) == SignatureVerdict.OK));
  }
}
