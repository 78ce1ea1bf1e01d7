package dev.countersign.admission.records.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of one file with one line of look-ahead, which is all the memory a check keeps: a
 * swapped pair, or a line that vouches for the one before, is seen from the line after.
 */
final class LineLookahead implements AutoCloseable {
  private final LineReader reader;
  private final boolean readRecords;
  private CheckedLine peeked;
  private boolean peekedValid;

  private LineLookahead(LineReader reader, boolean readRecords) {
    this.reader = reader;
    this.readRecords = readRecords;
  }

  static LineLookahead open(Path file, boolean readRecords) throws IOException {
    return new LineLookahead(
        new LineReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16)), readRecords);
  }

  /** The next line, which is then passed; null at the end of the file. */
  CheckedLine take() throws IOException {
    if (peekedValid) {
      peekedValid = false;
      CheckedLine line = peeked;
      peeked = null;
      return line;
    }
    return read();
  }

  /** The next line, which stays next; null at the end of the file. */
  CheckedLine peek() throws IOException {
    if (!peekedValid) {
      peeked = read();
      peekedValid = true;
    }
    return peeked;
  }

  private CheckedLine read() throws IOException {
    RawLine raw = reader.next();
    return raw == null ? null : CheckedLine.of(raw, readRecords);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
