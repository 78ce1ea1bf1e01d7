package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.DecisionLogException;
import dev.countersign.admission.records.LogFileSummary;
import dev.countersign.admission.records.LogProblem;
import dev.countersign.admission.records.LogVerification;
import dev.countersign.admission.records.VerifiedRecord;
import dev.countersign.admission.records.VerifyOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a decision log line by line in constant memory: one line of look-ahead, no line kept once
 * passed. Every problem is classified once, at the line that caused it; the lines after a bad line
 * are checked against the chain as it must have been, so one edit gives one problem.
 *
 * <p>With {@link Signatures#CHAIN_ENDS} only the genesis line and the last line of each file have
 * their signature checked, and every other line is bound to them by the hash chain: each line's
 * {@code prev} is the hash of the line before, so a valid signature on the last line vouches for
 * every byte before it. That is as strong as checking every signature when nothing is wrong, and
 * several times faster; it does not always say which line is wrong, so a caller that finds a
 * problem in that mode checks again with {@link Signatures#EVERY_LINE}.
 *
 * <p>Records are handed out only once a signature on their line or a later line verified, with the
 * chain intact in between ({@link Signatures#CHECKPOINTS} bounds how many wait for one).
 *
 * <p>The files are checked one after the other by {@link FileCheck}; this class carries what spans
 * them: the problems and notes, the file summaries, and the end of the file before, which a
 * continuing file must name.
 */
public final class ChainChecker implements AutoCloseable {

  /** Which signatures to check. */
  public enum Signatures {
    /** Every line's: needed to say exactly which line was changed, and how. */
    EVERY_LINE,
    /**
     * Genesis, last and every {@value ChainChecker#CHECKPOINT_INTERVAL}th line, the rest by chain.
     */
    CHECKPOINTS,
    /** Genesis and last lines only, the rest through the hash chain. */
    CHAIN_ENDS
  }

  /** Lines between checked signatures in {@link Signatures#CHECKPOINTS} mode. */
  static final int CHECKPOINT_INTERVAL = 256;

  private final List<Path> paths;
  private final FileCheck.Settings settings;
  private final ExpectedKeys expectedKeys;
  private final Findings findings;
  private final List<LogFileSummary> summaries = new ArrayList<>();
  private final RecordRelease records = new RecordRelease();
  private int fileIndex = -1;
  private FileCheck current;
  private FileEnd previousEnd;

  public ChainChecker(
      List<Path> paths, VerifyOptions options, Signatures signatures, boolean readRecords) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no decision-log file to verify");
    }
    this.paths = List.copyOf(paths);
    this.settings = new FileCheck.Settings(options.allowOpenTail(), signatures, readRecords);
    this.expectedKeys = ExpectedKeys.of(options);
    this.findings = new Findings(options.maxProblems());
  }

  /** Checks every line of every file. */
  public LogVerification run() {
    while (step()) {
      records.clear();
    }
    return report();
  }

  /**
   * Checks the next line (two for a swapped pair), or finishes a file; false when all is done.
   *
   * @throws DecisionLogException when a file cannot be read (as opposed to read and found bad)
   */
  public boolean step() {
    try {
      if (current == null) {
        if (fileIndex + 1 >= paths.size()) {
          return false;
        }
        fileIndex++;
        Path p = paths.get(fileIndex);
        findings.fileStarts(p, fileIndex);
        current = new FileCheck(p, previousEnd, settings, expectedKeys, findings, records);
      }
      if (!current.step()) {
        current.finish();
        summaries.add(current.summary());
        previousEnd = current.end();
        current.close();
        current = null;
      }
      return true;
    } catch (IOException e) {
      throw new DecisionLogException(
          "cannot read " + paths.get(fileIndex) + ": " + e.getMessage(), e);
    }
  }

  /** The next record that verified, if any is waiting. */
  public Optional<VerifiedRecord> pollRecord() {
    return records.poll();
  }

  public long problemCount() {
    return findings.count();
  }

  public Optional<LogProblem> firstProblem() {
    return findings.first();
  }

  public LogVerification report() {
    return new LogVerification(
        summaries, findings.inFileOrder(), findings.count(), findings.notes());
  }

  @Override
  public void close() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        // Closing a file opened for reading loses nothing.
      }
      current = null;
    }
  }
}
