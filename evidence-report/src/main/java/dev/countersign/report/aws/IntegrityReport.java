package dev.countersign.report.aws;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of CloudTrail log file integrity validation for a window.
 *
 * @param location the trail's bucket/prefix or folder
 * @param digestFiles digest files found for the window
 * @param digestsValid digest files whose signature verified
 * @param logFilesListed log files listed by valid digests
 * @param logFilesValid listed log files whose SHA-256 matched
 * @param logFilesInWindow log files delivered in the window (each must be listed)
 */
public record IntegrityReport(
    TimeWindow window,
    String location,
    long digestFiles,
    long digestsValid,
    long logFilesListed,
    long logFilesValid,
    long logFilesInWindow,
    List<IntegrityProblem> problems) {
  public IntegrityReport {
    Objects.requireNonNull(window, "window");
    location = location == null ? "" : location;
    problems = List.copyOf(problems);
  }

  /**
   * Every digest verified, every link held, every log file matched and none unlisted. Without a
   * single digest file nothing was validated, which is never intact.
   */
  public boolean intact() {
    return problems.isEmpty() && digestFiles > 0 && digestsValid == digestFiles;
  }

  public List<IntegrityProblem> problems(IntegrityProblem.Kind kind) {
    return problems.stream().filter(p -> p.kind() == kind).toList();
  }
}
