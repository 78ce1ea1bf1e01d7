package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.LogProblem;
import dev.countersign.admission.records.ProblemKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The problems and notes of one verification, across all its files. Every problem is counted, but
 * only the first {@code maxProblems} are kept, so a log edited throughout still fits in memory.
 */
final class Findings {
  private static final int MAX_NOTES = 100;

  private final int maxProblems;
  private final List<LogProblem> problems = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<Path, Integer> fileOrder = new HashMap<>();
  private long count;
  private LogProblem first;

  Findings(int maxProblems) {
    this.maxProblems = maxProblems;
  }

  /** Places a file's problems in the report: after those of the files given before it. */
  void fileStarts(Path file, int index) {
    fileOrder.putIfAbsent(file, index);
  }

  void problem(Path file, long line, ProblemKind kind, String message) {
    LogProblem p = new LogProblem(file, Math.max(1, line), kind, message);
    count++;
    if (first == null) {
      first = p;
    }
    if (problems.size() < maxProblems) {
      problems.add(p);
    }
  }

  /** A fact that is not a problem but limits what the check showed; each is kept once. */
  void note(String note) {
    if (notes.size() < MAX_NOTES && !notes.contains(note)) {
      notes.add(note);
    }
  }

  long count() {
    return count;
  }

  /** The problem found first, which a reader of records stops at. */
  Optional<LogProblem> first() {
    return Optional.ofNullable(first);
  }

  /**
   * The problems kept, by file and line; problems at one line stay in the order they were found.
   */
  List<LogProblem> inFileOrder() {
    List<LogProblem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparingInt((LogProblem p) -> fileOrder.getOrDefault(p.file(), 0))
            .thenComparingLong(LogProblem::line));
    return sorted;
  }

  List<String> notes() {
    return notes;
  }
}
