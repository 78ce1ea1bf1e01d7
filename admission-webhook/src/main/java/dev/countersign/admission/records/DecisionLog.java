package dev.countersign.admission.records;

import dev.countersign.admission.records.internal.ChainChecker;
import dev.countersign.admission.records.internal.FileSink;
import dev.countersign.admission.records.internal.KeyFormatException;
import dev.countersign.admission.records.internal.LineFormatException;
import dev.countersign.admission.records.internal.LineParser;
import dev.countersign.admission.records.internal.LineWriter;
import dev.countersign.admission.records.internal.LogFormat;
import dev.countersign.admission.records.internal.LogSink;
import dev.countersign.admission.records.internal.LogTail;
import dev.countersign.admission.records.internal.ParsedLine;
import dev.countersign.admission.records.internal.SigningKey;
import dev.countersign.admission.records.internal.StreamSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An append-only, hash-chained, signed log of admission decisions, one JSON line per decision
 * (format in the module's RECORDS.md).
 *
 * <p>Every line names the SHA-256 of the line before it and is signed with the log's Ed25519 or
 * ECDSA P-256 key; the first line of a file (genesis) carries the public key. Editing, removing,
 * reordering or cutting lines is found by {@link #verify}, or by {@code countersign records
 * verify}.
 *
 * <pre>{@code
 * try (DecisionLog log = DecisionLog.open(Path.of("/var/log/countersign/decisions.jsonl"), key)) {
 *   log.append(record);
 * }
 * LogVerification report = DecisionLog.verify(List.of(file), VerifyOptions.defaults());
 * }</pre>
 *
 * <p>A writer is thread-safe: appends are serialised, each gets the next sequence number. Opening
 * an existing file resumes it after checking its genesis and last line against the key; a last line
 * cut short by a crash is removed and a {@code recovery} line records its size and hash.
 */
public final class DecisionLog implements AutoCloseable {
  private final LineWriter writer;
  private final Clock clock;
  private final SyncPolicy sync;
  private final ScheduledExecutorService syncer;
  private LogSink sink;
  private Path file;
  private long nextSeq;
  private String prev;
  private LogPosition position;
  private int unsynced;
  private DecisionLogException failure;
  private boolean closed;

  private DecisionLog(LineWriter writer, Clock clock, SyncPolicy sync, boolean background) {
    this.writer = writer;
    this.clock = clock;
    this.sync = sync;
    if (background && !sync.everyAppend()) {
      this.syncer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "countersign-decision-log-sync");
                t.setDaemon(true);
                return t;
              });
      long period = sync.maxDelay().toNanos();
      syncer.scheduleWithFixedDelay(this::syncIfDirty, period, period, TimeUnit.NANOSECONDS);
    } else {
      this.syncer = null;
    }
  }

  /** Opens (or resumes) a log file signed with {@code key}, forcing every line to disk. */
  public static DecisionLog open(Path file, PrivateKey key) {
    return builder(key).open(file);
  }

  /** A log written to standard output, for a container runtime to collect. */
  public static DecisionLog stdout(PrivateKey key) {
    return builder(key).stdout();
  }

  public static Builder builder(PrivateKey key) {
    return new Builder(key);
  }

  /** Options for a writer. */
  public static final class Builder {
    private final SigningKey key;
    private Clock clock = Clock.systemUTC();
    private SyncPolicy sync = SyncPolicy.everyLine();

    private Builder(PrivateKey key) {
      try {
        this.key = SigningKey.of(key);
      } catch (KeyFormatException e) {
        throw new DecisionLogException(
            "the decision-log signing key is unusable: " + e.getMessage());
      }
    }

    /** The clock for each line's {@code time} (default: the system clock, UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** When lines are forced to disk (default: every line). */
    public Builder sync(SyncPolicy sync) {
      this.sync = Objects.requireNonNull(sync, "sync");
      return this;
    }

    /**
     * Opens {@code file}: starts a new log if it is missing or empty, otherwise resumes it. A file
     * whose writer did not close it gets a {@code recovery} line first.
     *
     * @throws DecisionLogException if the file is not a decision log, was started with another key,
     *     was rotated away from, does not verify at its ends, or is held by another writer
     */
    public DecisionLog open(Path file) {
      Objects.requireNonNull(file, "file");
      DecisionLog log = new DecisionLog(new LineWriter(key), clock, sync, true);
      try {
        log.start(file);
      } catch (RuntimeException e) {
        log.stopSyncer();
        throw e;
      }
      return log;
    }

    /** Starts a new log on standard output; each line is flushed whole. */
    public DecisionLog stdout() {
      return stream(System.out);
    }

    private DecisionLog stream(OutputStream out) {
      DecisionLog log = new DecisionLog(new LineWriter(key), clock, sync, false);
      log.sink = new StreamSink(out, false);
      synchronized (log) {
        log.writeLine(log.writer.genesis(0, clock.instant(), LogFormat.GENESIS_PREV, ""));
      }
      return log;
    }
  }

  private synchronized void start(Path path) {
    FileSink s;
    try {
      s = FileSink.open(path);
    } catch (IOException e) {
      throw new DecisionLogException(
          "cannot open the decision log " + path + ": " + e.getMessage(), e);
    }
    try {
      sink = s;
      file = path;
      if (s.size() == 0) {
        writeLine(writer.genesis(0, clock.instant(), LogFormat.GENESIS_PREV, ""));
        s.sync();
        s.syncDirectory();
      } else {
        resume(s);
      }
    } catch (IOException e) {
      closeQuietly(s);
      throw new DecisionLogException(
          "cannot open the decision log " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(s);
      throw e;
    }
  }

  /**
   * Continues an existing file. Only its two ends are read (a log may have millions of lines); both
   * must verify with this writer's key, or the file is left untouched for an auditor.
   */
  private void resume(FileSink s) throws IOException {
    Path path = s.path();
    LogTail tail;
    try {
      tail = LogTail.read(s.channel());
    } catch (LineFormatException e) {
      throw new DecisionLogException(path + " is not a decision log: " + e.getMessage());
    }
    ParsedLine first = parseOwn(path, tail.firstLine(), "first");
    if (!(first.entry() instanceof ParsedLine.Genesis)) {
      throw new DecisionLogException(
          path + " is not a decision log: its first line is not a genesis line");
    }
    ParsedLine last = parseOwn(path, tail.lastLine(), "last");
    if (last.entry() instanceof ParsedLine.Close
        && ((ParsedLine.Close) last.entry()).reason().equals(LogFormat.CLOSE_ROTATED)) {
      throw new DecisionLogException(
          path
              + " was rotated to "
              + ((ParsedLine.Close) last.entry()).nextFile()
              + "; open that file to continue the log");
    }
    nextSeq = last.seq() + 1;
    prev = LogFormat.sha256Hex(tail.lastLine());
    position = new LogPosition(last.seq(), prev);
    boolean closedCleanly = tail.tornBytes() == 0 && last.entry() instanceof ParsedLine.Close;
    if (!closedCleanly) {
      // The last writer stopped without closing (killed, crashed, or a write failed), so it may
      // have decided more than it recorded: say so in the chain. A write cut short was never
      // acknowledged: drop its bytes, and name their size and hash.
      if (tail.tornBytes() > 0) {
        s.truncate(tail.completeLength());
      }
      writeLine(
          writer.recovery(
              nextSeq,
              clock.instant(),
              prev,
              tail.tornBytes(),
              tail.tornBytes() > 0 ? tail.tornSha256() : LogFormat.sha256Hex(new byte[0])));
      s.sync();
    }
  }

  private ParsedLine parseOwn(Path path, byte[] line, String which) {
    ParsedLine p;
    try {
      p = LineParser.parse(line, line.length, false);
    } catch (LineFormatException e) {
      throw new DecisionLogException(
          path + " is not a decision log: its " + which + " line: " + e.getMessage());
    }
    String ours = writer.key().publicKey().keyId();
    if (!p.sig().keyId().equals(ours)) {
      throw new DecisionLogException(
          path
              + " is signed with key "
              + p.sig().keyId()
              + ", not with this key ("
              + ours
              + "): write to a new file");
    }
    Optional<byte[]> sig = p.sig().bytes();
    if (sig.isEmpty()
        || !writer.key().publicKey().verify(p.signed(), p.signed().length, sig.get())) {
      throw new DecisionLogException(
          path
              + ": its "
              + which
              + " line does not verify, so the file was changed; keep it for `countersign"
              + " records verify` and write to a new file");
    }
    return p;
  }

  /**
   * Appends one decision and returns where it was written.
   *
   * @throws DecisionLogException if the line cannot be written; the log then refuses further
   *     appends: close it and open the file again to resume (a {@code recovery} line then records
   *     the interruption)
   */
  public synchronized LogPosition append(DecisionRecord record) {
    Objects.requireNonNull(record, "record");
    ensureWritable();
    return writeLine(writer.record(nextSeq, clock.instant(), prev, record));
  }

  /**
   * Continues the log in a new file: the current file gets a closing line naming {@code next}, and
   * {@code next} starts with a genesis line whose {@code prev} is that closing line's hash and
   * whose {@code seq} follows it. Verify the files together, in order, to check the link.
   */
  public synchronized LogPosition rotate(Path next) {
    Objects.requireNonNull(next, "next");
    ensureWritable();
    if (file == null) {
      throw new IllegalStateException("a decision log on a stream cannot rotate");
    }
    if (next.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("a log cannot rotate to the file it is in: " + next);
    }
    FileSink ns;
    try {
      ns = FileSink.open(next);
      if (ns.size() != 0) {
        closeQuietly(ns);
        throw new DecisionLogException(
            "cannot rotate the decision log to " + next + ": the file is not empty");
      }
    } catch (IOException e) {
      throw new DecisionLogException(
          "cannot rotate the decision log to " + next + ": " + e.getMessage(), e);
    }
    String previousName = String.valueOf(file.getFileName());
    writeLine(
        writer.close(
            nextSeq,
            clock.instant(),
            prev,
            LogFormat.CLOSE_ROTATED,
            String.valueOf(next.getFileName())));
    LogSink old = sink;
    sink = ns;
    file = next;
    try {
      old.close();
    } catch (IOException e) {
      failure =
          new DecisionLogException("closing the rotated decision log failed: " + e.getMessage(), e);
      closeQuietly(ns);
      throw failure;
    }
    LogPosition p = writeLine(writer.genesis(nextSeq, clock.instant(), prev, previousName));
    try {
      ns.sync();
      ns.syncDirectory();
      unsynced = 0;
    } catch (IOException e) {
      failure = new DecisionLogException("writing the decision log failed: " + e.getMessage(), e);
      throw failure;
    }
    return p;
  }

  /** Where the last line was written. */
  public synchronized LogPosition position() {
    return position;
  }

  /** The key id (SHA-256 hex of the public key's SubjectPublicKeyInfo) the log is signed with. */
  public String keyId() {
    return writer.key().publicKey().keyId();
  }

  /** The file being written, empty for standard output. */
  public synchronized Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Writes a closing line, forces it to disk and releases the file. Idempotent.
   *
   * @throws DecisionLogException if the closing line cannot be written
   */
  @Override
  public void close() {
    stopSyncer();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      DecisionLogException earlier = failure;
      DecisionLogException error = earlier;
      if (error == null) {
        try {
          writeLine(writer.close(nextSeq, clock.instant(), prev, LogFormat.CLOSE_SHUTDOWN, ""));
          sink.sync();
        } catch (DecisionLogException e) {
          error = e;
        } catch (IOException e) {
          error = new DecisionLogException("closing the decision log failed: " + e.getMessage(), e);
        }
      }
      try {
        sink.close();
      } catch (IOException e) {
        if (error == null) {
          error = new DecisionLogException("closing the decision log failed: " + e.getMessage(), e);
        }
      }
      // A failure reported by an earlier append is not reported twice; a new one is.
      if (error != null && earlier == null) {
        throw error;
      }
    }
  }

  private void ensureWritable() {
    if (closed) {
      throw new IllegalStateException("the decision log is closed");
    }
    if (failure != null) {
      throw new DecisionLogException(
          "the decision log stopped after a failed write: " + failure.getMessage(), failure);
    }
  }

  private LogPosition writeLine(byte[] line) {
    byte[] withNewline = Arrays.copyOf(line, line.length + 1);
    withNewline[line.length] = '\n';
    try {
      sink.write(withNewline);
      long seq = nextSeq;
      nextSeq++;
      prev = LogFormat.sha256Hex(line);
      position = new LogPosition(seq, prev);
      if (sync.everyAppend() || ++unsynced >= sync.maxLines()) {
        sink.sync();
        unsynced = 0;
      }
      return position;
    } catch (IOException e) {
      // The file may now end in part of this line; a resumed writer cuts it off and says so.
      failure = new DecisionLogException("writing the decision log failed: " + e.getMessage(), e);
      throw failure;
    }
  }

  private synchronized void syncIfDirty() {
    if (closed || failure != null || unsynced == 0) {
      return;
    }
    try {
      sink.sync();
      unsynced = 0;
    } catch (IOException e) {
      failure =
          new DecisionLogException("forcing the decision log to disk failed: " + e.getMessage(), e);
    }
  }

  private void stopSyncer() {
    if (syncer == null) {
      return;
    }
    // Never interrupt the syncer: an interrupt during FileChannel.force closes the channel, and
    // the closing line could then not be written. Let a sync in progress finish instead.
    syncer.shutdown();
    boolean interrupted = false;
    try {
      while (!syncer.awaitTermination(1, TimeUnit.SECONDS)) {
        // A force to a slow disk; the closing line must still follow it.
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(LogSink s) {
    try {
      s.close();
    } catch (IOException e) {
      // Already failing with a better message.
    }
  }

  /** Verifies one or more files of a log, in order, with the default options. */
  public static LogVerification verify(Path... files) {
    return verify(List.of(files), VerifyOptions.defaults());
  }

  /**
   * Verifies one or more files of a log, in order (a rotated file before the file it continues in),
   * in constant memory. Bad content is reported, never thrown.
   *
   * @throws DecisionLogException if a file cannot be read at all, or an expected key is unusable
   */
  public static LogVerification verify(List<Path> files, VerifyOptions options) {
    Objects.requireNonNull(options, "options");
    try (ChainChecker quick =
        new ChainChecker(files, options, ChainChecker.Signatures.CHAIN_ENDS, false)) {
      LogVerification r = quick.run();
      if (r.valid()) {
        return r;
      }
    }
    // Something is wrong: check every signature to say exactly which line and how.
    try (ChainChecker full =
        new ChainChecker(files, options, ChainChecker.Signatures.EVERY_LINE, false)) {
      return full.run();
    }
  }

  /** The records of one closed log file, each verified before it is handed out. */
  public static Stream<VerifiedRecord> read(Path file) {
    return read(List.of(file), VerifyOptions.defaults());
  }

  /**
   * The records of a log, in order, each handed out only after its place in the chain and a
   * signature that covers it verified (its own, or that of a later line the chain leads to; records
   * wait for at most a few hundred lines). The stream throws {@link TamperedLogException} at the
   * first problem (a changed, removed or reordered line, a cut end): treat the records as complete
   * evidence only when the stream ended without one. Close the stream to release the file.
   */
  public static Stream<VerifiedRecord> read(List<Path> files, VerifyOptions options) {
    Objects.requireNonNull(options, "options");
    ChainChecker checker =
        new ChainChecker(files, options, ChainChecker.Signatures.CHECKPOINTS, true);
    Spliterator<VerifiedRecord> records =
        new Spliterators.AbstractSpliterator<VerifiedRecord>(
            Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          @Override
          public boolean tryAdvance(Consumer<? super VerifiedRecord> action) {
            while (true) {
              Optional<LogProblem> problem = checker.firstProblem();
              if (problem.isPresent()) {
                throw new TamperedLogException(problem.get());
              }
              Optional<VerifiedRecord> r = checker.pollRecord();
              if (r.isPresent()) {
                action.accept(r.get());
                return true;
              }
              if (!checker.step()) {
                return false;
              }
            }
          }
        };
    return StreamSupport.stream(records, false).onClose(checker::close);
  }
}
