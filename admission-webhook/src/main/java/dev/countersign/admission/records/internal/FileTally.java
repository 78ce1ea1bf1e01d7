package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.LogFileSummary;
import dev.countersign.admission.records.internal.ParsedLine.Close;
import dev.countersign.admission.records.internal.ParsedLine.Genesis;
import dev.countersign.admission.records.internal.ParsedLine.RecordEntry;
import java.nio.file.Path;

/** What one file's check has counted, and where its chain of accepted lines ends. */
final class FileTally {
  private long lines;
  private long records;
  private long firstSeq = -1;
  private long lastSeq = -1;
  private String headHash = "";
  private String genesisKeyId = "";
  private String previousFile = "";
  private CheckedLine lastLine;
  private CheckedLine lastAccepted;
  private LogFileSummary.End end = LogFileSummary.End.OPEN;
  private String rotatedTo;

  /** A line was read and will be checked. */
  void counted(CheckedLine line) {
    lines++;
    lastLine = line;
  }

  void genesis(Genesis g) {
    genesisKeyId = g.keyId();
    previousFile = g.previousFile();
  }

  /** A line took its place in the chain. */
  void accepted(CheckedLine line) {
    ParsedLine p = line.parsed();
    if (firstSeq < 0) {
      firstSeq = p.seq();
    }
    lastSeq = p.seq();
    headHash = line.hash();
    lastAccepted = line;
    if (p.entry() instanceof RecordEntry) {
      records++;
      end = LogFileSummary.End.OPEN;
    } else if (p.entry() instanceof Close c) {
      if (c.reason().equals(LogFormat.CLOSE_ROTATED)) {
        end = LogFileSummary.End.ROTATED;
        rotatedTo = c.nextFile();
      } else {
        end = LogFileSummary.End.CLOSED;
      }
    } else {
      end = LogFileSummary.End.OPEN;
    }
  }

  long lines() {
    return lines;
  }

  long lastSeq() {
    return lastSeq;
  }

  /** The line read last; null before any. */
  CheckedLine lastLine() {
    return lastLine;
  }

  /** The line accepted into the chain last; null before any. */
  CheckedLine lastAccepted() {
    return lastAccepted;
  }

  /** How the accepted lines end: open, closed, or moved to another file. */
  LogFileSummary.End end() {
    return end;
  }

  /** The file a closing line moved the log to; null unless one was accepted. */
  String rotatedTo() {
    return rotatedTo;
  }

  LogFileSummary summary(Path file) {
    return new LogFileSummary(
        file, lines, records, firstSeq, lastSeq, headHash, genesisKeyId, previousFile, end);
  }

  FileEnd fileEnd(Path file) {
    return new FileEnd(
        file,
        lastSeq,
        headHash,
        end == LogFileSummary.End.ROTATED,
        rotatedTo == null ? "" : rotatedTo);
  }
}
