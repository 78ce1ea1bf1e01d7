package dev.countersign.report.cmmc;

import java.util.Objects;

/**
 * One reason a CMMC file was rejected.
 *
 * @param file the file, as a path or {@code classpath:} location
 * @param entry the entry in it, e.g. {@code evidence[3] image.sbom.verdicts supports[1]}, or empty
 *     for the whole file
 * @param reason the stable reason code
 * @param message what is wrong, for a person
 */
public record CatalogProblem(String file, String entry, CatalogReason reason, String message) {
  public CatalogProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return file + (entry.isEmpty() ? "" : ": " + entry) + ": " + reason + ": " + message;
  }
}
