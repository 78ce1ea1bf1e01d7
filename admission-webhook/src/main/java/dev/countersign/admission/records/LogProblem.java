package dev.countersign.admission.records;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One problem found in a decision log.
 *
 * @param file the file it is in
 * @param line the 1-based line number in that file
 * @param kind what is wrong
 * @param message one sentence for people
 */
public record LogProblem(Path file, long line, ProblemKind kind, String message) {
  public LogProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(kind, "kind");
    message = message == null ? "" : message;
    if (line < 1) {
      throw new IllegalArgumentException("line numbers start at 1: " + line);
    }
  }

  /** {@code file:line: KIND: message}, the form compilers use, so editors can jump to it. */
  @Override
  public String toString() {
    return file + ":" + line + ": " + kind + ": " + message;
  }
}
