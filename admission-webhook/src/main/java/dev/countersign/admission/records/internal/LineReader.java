package dev.countersign.admission.records.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a file line by line as exact bytes, in constant memory: one buffer, one line at a time,
 * lines longer than {@link LogFormat#MAX_LINE_BYTES} skipped (and reported as such).
 */
public final class LineReader implements AutoCloseable {
  private final InputStream in;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int limit;
  private boolean eof;
  private long number;
  private byte[] line = new byte[4096];

  public LineReader(InputStream in) {
    this.in = in;
  }

  /** The next line, or null at the end of the file. */
  public RawLine next() throws IOException {
    int len = 0;
    long total = 0;
    boolean tooLong = false;
    while (true) {
      if (pos == limit) {
        if (eof || !fill()) {
          if (total == 0) {
            return null;
          }
          number++;
          return new RawLine(
              number, tooLong ? new byte[0] : Arrays.copyOf(line, len), total, false, tooLong);
        }
      }
      int nl = -1;
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      int end = nl < 0 ? limit : nl;
      int chunk = end - pos;
      total += chunk;
      if (!tooLong) {
        if (total > LogFormat.MAX_LINE_BYTES) {
          tooLong = true;
        } else {
          if (len + chunk > line.length) {
            line = Arrays.copyOf(line, Math.max(len + chunk, line.length * 2));
          }
          System.arraycopy(buf, pos, line, len, chunk);
          len += chunk;
        }
      }
      if (nl >= 0) {
        pos = nl + 1;
        number++;
        RawLine r =
            new RawLine(
                number, tooLong ? new byte[0] : Arrays.copyOf(line, len), total, true, tooLong);
        if (line.length > 1 << 20) {
          // Keep memory flat after an unusually long line.
          line = new byte[4096];
        }
        return r;
      }
      pos = limit;
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      eof = true;
      pos = limit = 0;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
