package dev.countersign.admission.records;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What verification found in one file of a decision log.
 *
 * @param file the file
 * @param lines how many lines it has
 * @param records how many of them are intact decision records
 * @param firstSeq the sequence number of its first intact line, -1 if none
 * @param lastSeq the sequence number of its last intact line, -1 if none
 * @param headHash SHA-256 hex of its last intact line: what a later line or file must name as
 *     {@code prev}; anchor it elsewhere to detect a cut at a closing line
 * @param keyId the key id its genesis line names, empty without one
 * @param previousFile the file its genesis says it continues, empty for a new log
 * @param end how the file ends
 */
public record LogFileSummary(
    Path file,
    long lines,
    long records,
    long firstSeq,
    long lastSeq,
    String headHash,
    String keyId,
    String previousFile,
    End end) {

  /** How a file ends. */
  public enum End {
    /** With a closing line: the writer stopped cleanly. */
    CLOSED,
    /** With a closing line that names the file the log continues in. */
    ROTATED,
    /** Without a closing line: still being written, or cut. */
    OPEN
  }

  public LogFileSummary {
    Objects.requireNonNull(file, "file");
    headHash = headHash == null ? "" : headHash;
    keyId = keyId == null ? "" : keyId;
    previousFile = previousFile == null ? "" : previousFile;
    Objects.requireNonNull(end, "end");
  }
}
