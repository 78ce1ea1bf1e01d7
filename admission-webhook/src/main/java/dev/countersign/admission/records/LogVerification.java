package dev.countersign.admission.records;

import java.util.List;

/**
 * The result of verifying a decision log (one or more files, in order).
 *
 * <p>{@link #valid()} is derived: true only when at least one file with at least one line was read
 * and no problem was found. An empty log is never valid.
 *
 * @param files one summary per file, in the order given
 * @param problems the problems found, in file and line order, at most {@link
 *     VerifyOptions#maxProblems()}
 * @param problemCount how many problems there are in all
 * @param notes facts that are not problems but limit what was shown, e.g. a file that continues
 *     another file that was not given, or a log still open
 */
public record LogVerification(
    List<LogFileSummary> files, List<LogProblem> problems, long problemCount, List<String> notes) {

  public LogVerification {
    files = List.copyOf(files);
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
    if (problemCount < problems.size()) {
      throw new IllegalArgumentException("problemCount is less than the problems listed");
    }
  }

  public boolean valid() {
    return problemCount == 0 && !files.isEmpty() && files.stream().allMatch(f -> f.lines() > 0);
  }

  /** Records in all files. */
  public long records() {
    return files.stream().mapToLong(LogFileSummary::records).sum();
  }

  /** Lines in all files. */
  public long lines() {
    return files.stream().mapToLong(LogFileSummary::lines).sum();
  }
}
