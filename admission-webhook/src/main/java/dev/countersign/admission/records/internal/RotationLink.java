package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.ProblemKind;
import dev.countersign.admission.records.internal.ParsedLine.Genesis;

/**
 * Checks where a file's genesis line says the log comes from: a new log starts the chain afresh,
 * and a continued log must carry on the chain of the file rotated into it.
 */
final class RotationLink {
  private RotationLink() {}

  /**
   * Reports a genesis line that does not start or continue the log as it says it does.
   *
   * @param before the end of the file checked before, or null for the first file
   */
  static void check(FileEnd before, CheckedLine genesisLine, Genesis g, FileFindings findings) {
    ParsedLine p = genesisLine.parsed();
    if (g.previousFile().isEmpty()) {
      if (p.seq() != 0 || !p.prev().equals(LogFormat.GENESIS_PREV)) {
        findings.problem(
            genesisLine,
            ProblemKind.MALFORMED,
            "the genesis line of a new log has seq 0 and prev "
                + ShortHash.of(LogFormat.GENESIS_PREV)
                + " (SHA-256 of \""
                + LogFormat.FORMAT
                + "\")");
      }
      if (before != null && before.rotated()) {
        findings.note(
            before.file()
                + " continues in "
                + before.nextFile()
                + ", which was not given after it; "
                + findings.file()
                + " starts a new log");
      }
      return;
    }
    if (before != null && before.rotated()) {
      // The chain runs on across the files: the genesis line must name the hash of the last line
      // before it, so no line between the files can go missing unseen.
      if (p.seq() != before.lastSeq() + 1 || !p.prev().equals(before.headHash())) {
        findings.problem(
            genesisLine,
            ProblemKind.REMOVED,
            "the genesis line does not continue "
                + before.file()
                + " (which ends at seq "
                + before.lastSeq()
                + ", hash "
                + ShortHash.of(before.headHash())
                + "): lines between the files are missing, or the files are out of order");
      } else if (!before.nextFile().equals(String.valueOf(findings.file().getFileName()))) {
        findings.note(
            findings.file()
                + " continues "
                + before.file()
                + ", which names its next file "
                + before.nextFile()
                + " (renamed since)");
      }
      return;
    }
    findings.note(
        findings.file()
            + " continues "
            + g.previousFile()
            + " from seq "
            + p.seq()
            + "; that file was not verified before it, so the link between them is unchecked");
  }
}
