package dev.countersign.report.oscal;

import java.util.Objects;

/**
 * One problem found by {@link AssessmentResultsWriter#validate}.
 *
 * @param check which check found it
 * @param error true if it makes the document invalid; false for a warning
 * @param location where: a JSON pointer, a Metapath, or empty for the whole file
 * @param message what is wrong
 */
public record OscalProblem(OscalCheck check, boolean error, String location, String message) {
  public OscalProblem {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return (error ? "error " : "warning ")
        + check
        + (location.isEmpty() ? "" : " at " + location)
        + ": "
        + message;
  }
}
