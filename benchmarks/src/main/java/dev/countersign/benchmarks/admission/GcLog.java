package dev.countersign.benchmarks.admission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhook's unified GC log ({@code -Xlog:gc:file=...}): every pause line carries the heap in
 * use before and after it ({@code 150M->21M(256M) 3.2ms}). Used heap peaks just before a
 * collection, so the largest "before" figure is the peak of the run. Read from a byte offset, so
 * each phase sees only its own collections.
 */
final class GcLog {
  private static final Pattern PAUSE =
      Pattern.compile("Pause.*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)\\s+([0-9.]+)ms");

  private final Path file;

  GcLog(Path file) {
    this.file = file;
  }

  /** The log's current length: the offset a phase starts reading from. */
  long mark() {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The pauses logged after {@code offset}. */
  Summary since(long offset) {
    byte[] all;
    try {
      all = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text =
        new String(
            all,
            (int) Math.min(offset, all.length),
            (int) Math.max(0, all.length - offset),
            StandardCharsets.UTF_8);
    int pauses = 0;
    double totalMillis = 0;
    double maxMillis = 0;
    long peakBytes = 0;
    long liveBytes = 0;
    long committedBytes = 0;
    for (String line : text.split("\n")) {
      Matcher m = PAUSE.matcher(line);
      if (!m.find()) {
        continue;
      }
      pauses++;
      double ms = Double.parseDouble(m.group(7));
      totalMillis += ms;
      maxMillis = Math.max(maxMillis, ms);
      peakBytes = Math.max(peakBytes, bytes(m.group(1), m.group(2)));
      liveBytes = Math.max(liveBytes, bytes(m.group(3), m.group(4)));
      committedBytes = Math.max(committedBytes, bytes(m.group(5), m.group(6)));
    }
    return new Summary(pauses, totalMillis, maxMillis, peakBytes, liveBytes, committedBytes);
  }

  private static long bytes(String n, String unit) {
    long v = Long.parseLong(n);
    return switch (unit) {
      case "K" -> v << 10;
      case "M" -> v << 20;
      default -> v << 30;
    };
  }

  /**
   * Collections in a span of the log.
   *
   * @param peakUsedBytes the most heap in use before any of them (live objects and garbage)
   * @param retainedBytes the most heap still in use after one of them (what the webhook holds)
   * @param committedBytes the largest heap size the JVM had committed
   */
  record Summary(
      int pauses,
      double totalPauseMillis,
      double maxPauseMillis,
      long peakUsedBytes,
      long retainedBytes,
      long committedBytes) {}
}
