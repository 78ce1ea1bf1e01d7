package dev.countersign.admission.records;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A decision record read from a line whose place in the chain verified, and whose bytes a verified
 * signature covers (its own, or a later line's that the chain leads to).
 *
 * @param file the file it was read from
 * @param line its 1-based line number
 * @param seq its sequence number
 * @param lineHash SHA-256 hex of the line, as the next line names it in {@code prev}
 * @param record the decision
 */
public record VerifiedRecord(
    Path file, long line, long seq, String lineHash, DecisionRecord record) {
  public VerifiedRecord {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(lineHash, "lineHash");
    Objects.requireNonNull(record, "record");
  }
}
