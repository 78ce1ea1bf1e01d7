package dev.countersign.admission.records.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The first line, the last complete line, and any incomplete bytes after it, of a log a writer
 * resumes: read from both ends of the file, so resuming costs the same for any length.
 *
 * @param firstLine the first line, without its newline
 * @param lastLine the last newline-terminated line, without its newline
 * @param completeLength where the last complete line ends (after its newline)
 * @param tornBytes how many bytes follow it without a newline (a write cut short)
 * @param tornSha256 SHA-256 hex of those bytes, empty when there are none
 */
public record LogTail(
    byte[] firstLine, byte[] lastLine, long completeLength, long tornBytes, String tornSha256) {

  private static final int CHUNK = 64 * 1024;

  public static LogTail read(FileChannel ch) throws IOException, LineFormatException {
    long size = ch.size();
    long firstEnd = indexOfNewline(ch, 0, Math.min(size, LogFormat.MAX_LINE_BYTES + 1L));
    if (firstEnd < 0) {
      throw new LineFormatException(
          "its first line is incomplete or longer than " + LogFormat.MAX_LINE_BYTES + " bytes");
    }
    byte[] first = readRange(ch, 0, firstEnd);
    long lastNl = lastIndexOfNewline(ch, size);
    long prevNl = lastIndexOfNewline(ch, lastNl);
    long lastStart = prevNl + 1;
    if (lastNl - lastStart > LogFormat.MAX_LINE_BYTES) {
      throw new LineFormatException(
          "its last line is longer than " + LogFormat.MAX_LINE_BYTES + " bytes");
    }
    byte[] last = readRange(ch, lastStart, lastNl);
    long torn = size - (lastNl + 1);
    String tornHash = torn == 0 ? "" : sha256(ch, lastNl + 1, size);
    return new LogTail(first, last, lastNl + 1, torn, tornHash);
  }

  private static long indexOfNewline(FileChannel ch, long from, long to) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(CHUNK);
    long pos = from;
    while (pos < to) {
      b.clear();
      b.limit((int) Math.min(CHUNK, to - pos));
      int n = ch.read(b, pos);
      if (n <= 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (b.get(i) == '\n') {
          return pos + i;
        }
      }
      pos += n;
    }
    return -1;
  }

  /** The position of the last newline before {@code end}, or -1. */
  private static long lastIndexOfNewline(FileChannel ch, long end) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(CHUNK);
    long hi = end;
    while (hi > 0) {
      long lo = Math.max(0, hi - CHUNK);
      b.clear();
      b.limit((int) (hi - lo));
      int n = 0;
      while (b.hasRemaining()) {
        int r = ch.read(b, lo + n);
        if (r <= 0) {
          break;
        }
        n += r;
      }
      for (int i = n - 1; i >= 0; i--) {
        if (b.get(i) == '\n') {
          return lo + i;
        }
      }
      hi = lo;
    }
    return -1;
  }

  private static byte[] readRange(FileChannel ch, long from, long to) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) (to - from));
    while (b.hasRemaining()) {
      if (ch.read(b, from + b.position()) <= 0) {
        break;
      }
    }
    return Arrays.copyOf(b.array(), b.position());
  }

  private static String sha256(FileChannel ch, long from, long to) throws IOException {
    MessageDigest md = LogFormat.sha256();
    ByteBuffer b = ByteBuffer.allocate(CHUNK);
    long pos = from;
    while (pos < to) {
      b.clear();
      b.limit((int) Math.min(CHUNK, to - pos));
      int n = ch.read(b, pos);
      if (n <= 0) {
        break;
      }
      b.flip();
      md.update(b);
      pos += n;
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
