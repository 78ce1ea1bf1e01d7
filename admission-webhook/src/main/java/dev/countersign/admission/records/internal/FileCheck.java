package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.LogFileSummary;
import dev.countersign.admission.records.ProblemKind;
import dev.countersign.admission.records.VerifiedRecord;
import dev.countersign.admission.records.internal.ChainChecker.Signatures;
import dev.countersign.admission.records.internal.ParsedLine.Genesis;
import dev.countersign.admission.records.internal.ParsedLine.RecordEntry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Checks one file, a line at a time: says what is wrong with each line that does not fit, at that
 * line, and accepts into the chain the lines that do.
 */
final class FileCheck implements AutoCloseable {

  /**
   * How every file of one verification is checked.
   *
   * @param allowOpenTail whether the file may be one still being written
   * @param signatures which lines' signatures are checked
   * @param readRecords whether the decision records are read and handed out
   */
  record Settings(boolean allowOpenTail, Signatures signatures, boolean readRecords) {}

  private final Path path;
  private final FileEnd before;
  private final Settings settings;
  private final RecordRelease records;
  private final LineLookahead lines;
  private final FileFindings findings;
  private final ChainPosition chain = new ChainPosition();
  private final FileTally tally = new FileTally();
  private final KeyInUse keys;
  private final GenesisCheck genesisCheck;
  private final SignerCheck signer;
  private final SequenceCheck sequence;
  private boolean started;
  private boolean firstAfterGenesis;

  /**
   * Opens {@code path} for checking.
   *
   * @param before the end of the file checked before this one, or null for the first file
   */
  FileCheck(
      Path path,
      FileEnd before,
      Settings settings,
      ExpectedKeys expected,
      Findings all,
      RecordRelease records)
      throws IOException {
    this.path = path;
    this.before = before;
    this.settings = settings;
    this.records = records;
    this.lines = LineLookahead.open(path, settings.readRecords());
    this.findings = new FileFindings(path, all);
    this.keys = new KeyInUse(expected, findings);
    SignatureSchedule schedule = new SignatureSchedule(settings.signatures());
    SignatureProblems signatureProblems = new SignatureProblems(findings, lines, chain);
    this.genesisCheck = new GenesisCheck(expected, findings, signatureProblems);
    this.signer =
        new SignerCheck(lines, chain, tally, keys, expected, schedule, findings, signatureProblems);
    this.sequence = new SequenceCheck(lines, chain, tally, keys, schedule, findings, this::accept);
  }

  /** Checks the next line (two for a swapped pair); false at the end of the file. */
  boolean step() throws IOException {
    CheckedLine cur = lines.take();
    if (cur == null) {
      return false;
    }
    if (!cur.raw().terminated() && started && settings.allowOpenTail()) {
      // A live log: the writer may be in the middle of this line. It says nothing yet, and a
      // line torn by a crash is cut off (and recorded) by the next writer.
      findings.note(
          path
              + " ends with "
              + cur.raw().length()
              + " bytes of a line still being written; they were not checked");
      return true;
    }
    tally.counted(cur);
    if (!cur.raw().terminated() && cur.parsed() != null) {
      findings.problem(
          cur,
          ProblemKind.TRUNCATED,
          "the file does not end with a newline after its last line: it was cut");
    }
    if (!started) {
      started = true;
      first(cur);
    } else {
      line(cur);
    }
    return true;
  }

  /** The first line: a genesis line, unless something happened to it. */
  private void first(CheckedLine cur) throws IOException {
    if (cur.parsed() == null) {
      bad(cur);
      keys.distrustGenesis();
      firstAfterGenesis = true;
      return;
    }
    if (cur.parsed().isGenesis()) {
      genesis(cur);
      return;
    }
    CheckedLine next = lines.peek();
    if (next != null
        && next.parsed() != null
        && next.parsed().isGenesis()
        && cur.parsed().seq() == next.parsed().seq() + 1
        && cur.parsed().prev().equals(next.hash())) {
      findings.problem(
          cur,
          ProblemKind.REORDERED,
          "lines "
              + cur.number()
              + " and "
              + next.number()
              + " are swapped: the genesis line (seq "
              + next.parsed().seq()
              + ") must come first");
      lines.take();
      tally.counted(next);
      genesis(next);
      line(cur);
      return;
    }
    findings.problem(
        cur,
        ProblemKind.REMOVED,
        "the file does not start with a genesis line: its first line has seq "
            + cur.parsed().seq()
            + ", so the lines before it, the genesis line included, were removed");
    keys.distrustGenesis();
    firstAfterGenesis = true;
    line(cur);
  }

  private void genesis(CheckedLine cur) {
    Genesis g = (Genesis) cur.parsed().entry();
    tally.genesis(g);
    firstAfterGenesis = true;
    keys.startWith(genesisCheck.check(cur));
    if (cur.hasProblem()) {
      keys.distrustGenesis();
      // Its seq and hash may be what was changed: let the next line set the chain.
      chain.restart();
      return;
    }
    RotationLink.check(before, cur, g, findings);
    accept(cur);
  }

  /** Any line after the first. */
  private void line(CheckedLine cur) throws IOException {
    ParsedLine p = cur.parsed();
    if (p == null) {
      bad(cur);
      return;
    }
    boolean afterGenesis = firstAfterGenesis;
    firstAfterGenesis = false;
    if (p.isGenesis()) {
      if (chain.isKnown() && p.seq() < chain.expectedSeq()) {
        // A line out of place: it takes no place in the chain, as with any line moved back.
        findings.problem(
            cur,
            ProblemKind.REORDERED,
            "a genesis line (seq " + p.seq() + ") here: the first line of the file was moved");
        return;
      }
      findings.problem(
          cur, ProblemKind.MALFORMED, "a second genesis line: a genesis line only starts a file");
      skip(cur);
      return;
    }
    if (tally.rotatedTo() != null) {
      findings.problem(
          cur,
          ProblemKind.MALFORMED,
          "a line after the closing line that moved the log to " + tally.rotatedTo());
      skip(cur);
      return;
    }
    if (!signer.accepts(cur, afterGenesis)) {
      skip(cur);
      return;
    }
    sequence.place(cur);
  }

  /** Takes {@code cur} into the chain: the next line must follow it. */
  private void accept(CheckedLine cur) {
    ParsedLine p = cur.parsed();
    chain.follow(cur);
    tally.accepted(cur);
    if (settings.readRecords()
        && p.entry() instanceof RecordEntry entry
        && entry.record().isPresent()) {
      records.hold(
          new VerifiedRecord(path, cur.number(), p.seq(), cur.hash(), entry.record().get()));
    }
    if (cur.signatureVerified()) {
      // This signature vouches, through the chain, for every line accepted before it.
      records.releaseHeld();
    }
  }

  /** A line with a problem: the next line may take its sequence number or the one after. */
  private void skip(CheckedLine cur) {
    cur.markProblem();
    chain.skip();
  }

  private void bad(CheckedLine cur) throws IOException {
    if (!cur.raw().terminated() && lines.peek() == null) {
      findings.problem(
          cur,
          ProblemKind.TRUNCATED,
          "the last line is incomplete ("
              + cur.raw().length()
              + " bytes, no newline): the file was cut, or a write was torn");
    } else {
      findings.problem(cur, ProblemKind.MALFORMED, "not a decision-log line: " + cur.parseError());
    }
    skip(cur);
  }

  /** Reports what the end of the file says, once its last line was checked. */
  void finish() {
    if (tally.lines() == 0) {
      findings.problem(1, ProblemKind.TRUNCATED, "the file is empty");
    } else if (!tally.lastLine().hasProblem() && tally.end() == LogFileSummary.End.OPEN) {
      if (settings.allowOpenTail()) {
        findings.note(
            path
                + " has no closing line: it is still being written (a cut after seq "
                + tally.lastSeq()
                + " would look the same; compare its head hash with one kept elsewhere)");
      } else {
        findings.problem(
            tally.lastLine(),
            ProblemKind.TRUNCATED,
            "the log ends after seq "
                + tally.lastSeq()
                + " without a closing line: lines were removed from its end, or it is still"
                + " being written (verify a live log as open)");
      }
    }
    if (keys.key() == null && tally.lines() > 0 && !findings.anyProblem()) {
      // Never reached through a well-formed file; kept so that "no key" can never pass.
      findings.problem(1, ProblemKind.MALFORMED, "no key to check the signatures with");
    }
  }

  LogFileSummary summary() {
    return tally.summary(path);
  }

  /** Where the file ends, for the file that continues it. */
  FileEnd end() {
    return tally.fileEnd(path);
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
