package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.ProblemKind;
import java.io.IOException;

/** Checks that a line names the log's key and, where the mode checks it, is signed with it. */
final class SignerCheck {
  private final LineLookahead lines;
  private final ChainPosition chain;
  private final FileTally tally;
  private final KeyInUse keys;
  private final ExpectedKeys expected;
  private final SignatureSchedule schedule;
  private final FileFindings findings;
  private final SignatureProblems signatureProblems;

  SignerCheck(
      LineLookahead lines,
      ChainPosition chain,
      FileTally tally,
      KeyInUse keys,
      ExpectedKeys expected,
      SignatureSchedule schedule,
      FileFindings findings,
      SignatureProblems signatureProblems) {
    this.lines = lines;
    this.chain = chain;
    this.tally = tally;
    this.keys = keys;
    this.expected = expected;
    this.schedule = schedule;
    this.findings = findings;
    this.signatureProblems = signatureProblems;
  }

  /**
   * Whether {@code cur} is signed as the log's lines are; reports it when not.
   *
   * @param afterGenesis whether {@code cur} is the first line after the genesis line
   */
  boolean accepts(CheckedLine cur, boolean afterGenesis) throws IOException {
    ParsedLine p = cur.parsed();
    String lineKeyId = p.sig().keyId();
    if (keys.keyId() == null) {
      keys.adopt(lineKeyId);
    } else if (!lineKeyId.equals(keys.keyId()) && !(afterGenesis && replacedGenesis(cur))) {
      findings.problem(
          cur,
          ProblemKind.WRONG_KEY,
          "signed with key "
              + ShortHash.of(lineKeyId)
              + ", but the log's key is "
              + ShortHash.of(keys.keyId()));
      return false;
    }
    LogKey key = keys.key();
    if (key == null) {
      // Nothing to check with, which the genesis line was already reported for: the line is still
      // placed in the chain, so that whatever else was done to the file is reported too.
      return true;
    }
    boolean due = schedule.due(lines);
    SignatureVerdict verdict =
        !p.sig().alg().equals(key.algorithm().id())
            ? SignatureVerdict.ALG_MISMATCH
            : due ? SignatureVerdict.check(cur, key) : SignatureVerdict.OK;
    if (verdict != SignatureVerdict.OK) {
      signatureProblems.report(cur, verdict, key);
      return false;
    }
    if (due) {
      schedule.checked();
    }
    return true;
  }

  /**
   * The first line after the genesis is signed with another key than the genesis names. Either that
   * line was re-signed, or the genesis was replaced; decide, and report the genesis once.
   */
  private boolean replacedGenesis(CheckedLine cur) throws IOException {
    String lineKeyId = cur.parsed().sig().keyId();
    if (keys.genesisDistrusted()) {
      // Already reported (unexpected key, edited): the lines after it say which key is the log's.
      keys.adopt(lineKeyId);
      chain.forgetPrev();
      return true;
    }
    CheckedLine next = lines.peek();
    boolean unchained = chain.breaksChain(cur.parsed().prev());
    boolean nextAgrees =
        next == null || (next.parsed() != null && lineKeyId.equals(next.parsed().sig().keyId()));
    // With expected keys, a genesis line without a problem carries one of them: it is trusted,
    // and the line signed otherwise is the one at fault.
    if (expected.isEmpty() && unchained && nextAgrees && tally.lastAccepted() != null) {
      findings.problem(
          tally.lastAccepted(),
          ProblemKind.WRONG_KEY,
          "the genesis line names key "
              + ShortHash.of(keys.keyId())
              + ", but the lines after it are signed with key "
              + ShortHash.of(lineKeyId)
              + " and do not chain to it: the genesis line was replaced");
      keys.distrustGenesis();
      keys.adopt(lineKeyId);
      chain.forgetPrev();
      return true;
    }
    return false;
  }
}
