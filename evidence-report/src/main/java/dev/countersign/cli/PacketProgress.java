package dev.countersign.cli;

import dev.countersign.report.aws.Progress;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Progress of a packet build on standard error: a bar redrawn in place on a terminal, otherwise a
 * plain line per task at most every few seconds (and when a task completes), so logs stay short.
 */
final class PacketProgress implements Progress {
  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
  private static final long BAR_EVERY_NANOS = 100_000_000L;
  private final PrintWriter err;
  private final boolean terminal;
  private final Map<String, Long> lastPrinted = new HashMap<>();
  private String current = "";
  private long lastBar;

  PacketProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public synchronized void update(String task, long done, long total) {
    long now = System.nanoTime();
    boolean finished = total > 0 && done >= total;
    if (terminal) {
      if (!task.equals(current) || finished || now - lastBar >= BAR_EVERY_NANOS) {
        if (!task.equals(current) && !current.isEmpty()) {
          err.print('\n');
        }
        current = task;
        lastBar = now;
        err.print('\r' + bar(task, done, total));
        if (finished) {
          err.print('\n');
          current = "";
        }
        err.flush();
      }
      return;
    }
    Long last = lastPrinted.get(task);
    if (last == null || finished || now - last >= PLAIN_EVERY_NANOS) {
      if (finished && last != null && last == Long.MIN_VALUE) {
        return;
      }
      lastPrinted.put(task, finished ? Long.MIN_VALUE : now);
      err.println("countersign: " + task + " " + done + (total > 0 ? "/" + total : ""));
      err.flush();
    }
  }

  /** Ends a bar left open on the terminal. */
  synchronized void finish() {
    if (terminal && !current.isEmpty()) {
      err.print('\n');
      err.flush();
      current = "";
    }
  }

  static String bar(String task, long done, long total) {
    int width = 30;
    if (total <= 0) {
      return String.format("%-24s %,d", task, done);
    }
    int filled = (int) Math.min(width, Math.round((double) done / total * width));
    return String.format(
        "%-24s [%s%s] %3d%% %,d/%,d",
        task,
        "#".repeat(filled),
        ".".repeat(width - filled),
        Math.min(100, Math.round(100.0 * done / total)),
        done,
        total);
  }
}
