package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.ProblemKind;
import java.nio.file.Path;

/**
 * The findings of one file: each problem is placed at its line, and the line and the file are
 * marked as having one, which later decisions about them depend on.
 */
final class FileFindings {
  private final Path file;
  private final Findings findings;
  private boolean anyProblem;

  FileFindings(Path file, Findings findings) {
    this.file = file;
    this.findings = findings;
  }

  Path file() {
    return file;
  }

  void problem(CheckedLine at, ProblemKind kind, String message) {
    problem(at.number(), kind, message);
    at.markProblem();
  }

  void problem(long line, ProblemKind kind, String message) {
    anyProblem = true;
    findings.problem(file, line, kind, message);
  }

  void note(String note) {
    findings.note(note);
  }

  boolean anyProblem() {
    return anyProblem;
  }
}
