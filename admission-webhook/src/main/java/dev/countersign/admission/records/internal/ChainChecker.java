package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.DecisionLogException;
import dev.countersign.admission.records.DecisionRecord;
import dev.countersign.admission.records.LogFileSummary;
import dev.countersign.admission.records.LogProblem;
import dev.countersign.admission.records.LogVerification;
import dev.countersign.admission.records.ProblemKind;
import dev.countersign.admission.records.VerifiedRecord;
import dev.countersign.admission.records.VerifyOptions;
import dev.countersign.admission.records.internal.ParsedLine.Close;
import dev.countersign.admission.records.internal.ParsedLine.Genesis;
import dev.countersign.admission.records.internal.ParsedLine.RecordEntry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a decision log line by line in constant memory: one line of look-ahead, no line kept once
 * passed. Every problem is classified once, at the line that caused it; the lines after a bad line
 * are checked against the chain as it must have been, so one edit gives one problem.
 *
 * <p>With {@link Signatures#CHAIN_ENDS} only the genesis line and the last line of each file have
 * their signature checked, and every other line is bound to them by the hash chain: each line's
 * {@code prev} is the hash of the line before, so a valid signature on the last line vouches for
 * every byte before it. That is as strong as checking every signature when nothing is wrong, and
 * several times faster; it does not always say which line is wrong, so a caller that finds a
 * problem in that mode checks again with {@link Signatures#EVERY_LINE}.
 *
 * <p>Records are handed out only once a signature on their line or a later line verified, with the
 * chain intact in between ({@link Signatures#CHECKPOINTS} bounds how many wait for one).
 */
public final class ChainChecker implements AutoCloseable {

  /** Which signatures to check. */
  public enum Signatures {
    /** Every line's: needed to say exactly which line was changed, and how. */
    EVERY_LINE,
    /**
     * Genesis, last and every {@value ChainChecker#CHECKPOINT_INTERVAL}th line, the rest by chain.
     */
    CHECKPOINTS,
    /** Genesis and last lines only, the rest through the hash chain. */
    CHAIN_ENDS
  }

  /** Lines between checked signatures in {@link Signatures#CHECKPOINTS} mode. */
  static final int CHECKPOINT_INTERVAL = 256;

  private static final int MAX_NOTES = 100;

  private final List<Path> paths;
  private final VerifyOptions options;
  private final Signatures signatures;
  private final boolean readRecords;
  private final List<LogKey> pins = new ArrayList<>();
  private final List<LogProblem> problems = new ArrayList<>();
  private final Map<Path, Integer> fileOrder = new HashMap<>();
  private long problemCount;
  private LogProblem firstProblem;
  private final List<String> notes = new ArrayList<>();
  private final List<LogFileSummary> summaries = new ArrayList<>();
  private final ArrayDeque<VerifiedRecord> ready = new ArrayDeque<>();
  private final ArrayDeque<VerifiedRecord> pending = new ArrayDeque<>();
  private int fileIndex = -1;
  private FileCheck current;
  private Link link;

  /** The end of the file checked before, which a continuing genesis line must name. */
  private record Link(Path file, long lastSeq, String headHash, boolean rotated, String nextFile) {}

  public ChainChecker(
      List<Path> paths, VerifyOptions options, Signatures signatures, boolean readRecords) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no decision-log file to verify");
    }
    this.paths = List.copyOf(paths);
    this.options = options;
    this.signatures = signatures;
    this.readRecords = readRecords;
    for (PublicKey k : options.expectedKeys()) {
      try {
        pins.add(LogKey.fromPublicKey(k));
      } catch (KeyFormatException e) {
        throw new DecisionLogException("the expected public key is unusable: " + e.getMessage());
      }
    }
  }

  /** Checks every line of every file. */
  public LogVerification run() {
    while (step()) {
      ready.clear();
      pending.clear();
    }
    return report();
  }

  /**
   * Checks the next line (two for a swapped pair), or finishes a file; false when all is done.
   *
   * @throws DecisionLogException when a file cannot be read (as opposed to read and found bad)
   */
  public boolean step() {
    try {
      if (current == null) {
        if (fileIndex + 1 >= paths.size()) {
          return false;
        }
        fileIndex++;
        Path p = paths.get(fileIndex);
        fileOrder.putIfAbsent(p, fileIndex);
        current = new FileCheck(p);
      }
      if (!current.step()) {
        current.finish();
        current.close();
        current = null;
      }
      return true;
    } catch (IOException e) {
      throw new DecisionLogException(
          "cannot read " + paths.get(fileIndex) + ": " + e.getMessage(), e);
    }
  }

  /** The next record that verified, if any is waiting. */
  public Optional<VerifiedRecord> pollRecord() {
    return Optional.ofNullable(ready.poll());
  }

  public long problemCount() {
    return problemCount;
  }

  public Optional<LogProblem> firstProblem() {
    return Optional.ofNullable(firstProblem);
  }

  public LogVerification report() {
    List<LogProblem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparingInt((LogProblem p) -> fileOrder.getOrDefault(p.file(), 0))
            .thenComparingLong(LogProblem::line));
    return new LogVerification(summaries, sorted, problemCount, notes);
  }

  @Override
  public void close() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        // Closing a file opened for reading loses nothing.
      }
      current = null;
    }
  }

  private void problem(Path file, long line, ProblemKind kind, String message) {
    LogProblem p = new LogProblem(file, Math.max(1, line), kind, message);
    problemCount++;
    if (firstProblem == null) {
      firstProblem = p;
    }
    if (problems.size() < options.maxProblems()) {
      problems.add(p);
    }
  }

  private void note(String note) {
    if (notes.size() < MAX_NOTES && !notes.contains(note)) {
      notes.add(note);
    }
  }

  private static String shortHash(String hash) {
    return hash.length() > 16 ? hash.substring(0, 16) + "…" : hash;
  }

  /** One line, read and parsed. */
  private static final class Item {
    final RawLine raw;
    final String hash;
    final ParsedLine parsed;
    final String error;
    boolean problem;
    boolean signatureChecked;

    Item(RawLine raw, boolean readRecords) {
      this.raw = raw;
      this.hash = raw.tooLong() ? "" : LogFormat.sha256Hex(raw.bytes());
      ParsedLine p = null;
      String e = null;
      if (raw.tooLong()) {
        e = "the line is longer than " + LogFormat.MAX_LINE_BYTES + " bytes";
      } else {
        try {
          p = LineParser.parse(raw.bytes(), raw.bytes().length, readRecords);
        } catch (LineFormatException ex) {
          e = ex.getMessage();
        }
      }
      this.parsed = p;
      this.error = e;
    }

    long n() {
      return raw.number();
    }
  }

  private enum SigCheck {
    OK,
    ALG_MISMATCH,
    UNUSABLE,
    FAILS
  }

  /** The state of one file's check. */
  private final class FileCheck {
    final Path path;
    final LineReader reader;
    Item peeked;
    boolean peekedValid;

    LogKey key;
    String keyId;
    LogKey genesisKey;
    boolean genesisProblem;
    boolean firstAfterGenesis;
    boolean keyNoted;

    long expectedSeq = -1;
    String expectedPrev;
    int slack;
    int sinceChecked;

    boolean started;
    long lines;
    long records;
    long firstSeq = -1;
    long lastSeq = -1;
    String headHash = "";
    String genesisKeyId = "";
    String previousFile = "";
    Item lastItem;
    Item lastAccepted;
    LogFileSummary.End end = LogFileSummary.End.OPEN;
    String rotatedTo;
    boolean fileHasProblem;

    FileCheck(Path path) throws IOException {
      this.path = path;
      this.reader = new LineReader(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
    }

    void close() throws IOException {
      reader.close();
    }

    Item take() throws IOException {
      if (peekedValid) {
        peekedValid = false;
        Item i = peeked;
        peeked = null;
        return i;
      }
      RawLine r = reader.next();
      return r == null ? null : new Item(r, readRecords);
    }

    Item peek() throws IOException {
      if (!peekedValid) {
        RawLine r = reader.next();
        peeked = r == null ? null : new Item(r, readRecords);
        peekedValid = true;
      }
      return peeked;
    }

    void problem(Item at, ProblemKind kind, String message) {
      problem(at.n(), kind, message);
      at.problem = true;
    }

    void problem(long line, ProblemKind kind, String message) {
      fileHasProblem = true;
      ChainChecker.this.problem(path, line, kind, message);
    }

    boolean step() throws IOException {
      Item cur = take();
      if (cur == null) {
        return false;
      }
      if (!cur.raw.terminated() && started && options.allowOpenTail()) {
        // A live log: the writer may be in the middle of this line. It says nothing yet, and a
        // line torn by a crash is cut off (and recorded) by the next writer.
        note(
            path
                + " ends with "
                + cur.raw.length()
                + " bytes of a line still being written; they were not checked");
        return true;
      }
      lines++;
      lastItem = cur;
      if (!cur.raw.terminated() && cur.parsed != null) {
        problem(
            cur,
            ProblemKind.TRUNCATED,
            "the file does not end with a newline after its last line: it was cut");
      }
      if (!started) {
        started = true;
        first(cur);
      } else {
        line(cur);
      }
      return true;
    }

    /** The first line: a genesis line, unless something happened to it. */
    void first(Item cur) throws IOException {
      if (cur.parsed == null) {
        bad(cur);
        genesisProblem = true;
        firstAfterGenesis = true;
        return;
      }
      if (cur.parsed.isGenesis()) {
        genesis(cur);
        return;
      }
      Item nxt = peek();
      if (nxt != null
          && nxt.parsed != null
          && nxt.parsed.isGenesis()
          && cur.parsed.seq() == nxt.parsed.seq() + 1
          && cur.parsed.prev().equals(nxt.hash)) {
        problem(
            cur,
            ProblemKind.REORDERED,
            "lines "
                + cur.n()
                + " and "
                + nxt.n()
                + " are swapped: the genesis line (seq "
                + nxt.parsed.seq()
                + ") must come first");
        take();
        lines++;
        lastItem = nxt;
        genesis(nxt);
        line(cur);
        lastItem = nxt;
        return;
      }
      problem(
          cur,
          ProblemKind.REMOVED,
          "the file does not start with a genesis line: its first line has seq "
              + cur.parsed.seq()
              + ", so the lines before it, the genesis line included, were removed");
      genesisProblem = true;
      firstAfterGenesis = true;
      line(cur);
    }

    void genesis(Item cur) {
      ParsedLine p = cur.parsed;
      Genesis g = (Genesis) p.entry();
      genesisKeyId = g.keyId();
      previousFile = g.previousFile();
      firstAfterGenesis = true;
      LogKey k = null;
      String spkiHash = LogFormat.sha256Hex(g.publicKey());
      try {
        k = LogKey.fromSpki(g.publicKey());
      } catch (KeyFormatException e) {
        // The keyId commits to the key bytes: if they disagree, the key was edited, not odd.
        if (spkiHash.equals(g.keyId())) {
          problem(
              cur, ProblemKind.MALFORMED, "the genesis public key is unusable: " + e.getMessage());
        }
      }
      if (!spkiHash.equals(g.keyId())) {
        problem(
            cur,
            ProblemKind.EDITED,
            "the genesis keyId "
                + shortHash(g.keyId())
                + " is not the SHA-256 of its public key ("
                + shortHash(spkiHash)
                + ")");
      } else if (k != null && !k.algorithm().id().equals(g.alg())) {
        problem(
            cur,
            ProblemKind.EDITED,
            "the genesis alg '"
                + g.alg()
                + "' is not that of its key ("
                + k.algorithm().id()
                + ")");
      } else if (k != null && !p.sig().keyId().equals(k.keyId())) {
        problem(
            cur,
            ProblemKind.WRONG_KEY,
            "the genesis line names key "
                + shortHash(k.keyId())
                + " but is signed with key "
                + shortHash(p.sig().keyId()));
      } else if (k != null) {
        SigCheck c = checkSignature(cur, k);
        if (c != SigCheck.OK) {
          reportSignature(cur, c, k);
        } else if (!g.format().equals(LogFormat.FORMAT)) {
          // Signed as it is: a log of another format version, not an edited one.
          problem(
              cur,
              ProblemKind.MALFORMED,
              "the genesis line names format '"
                  + g.format()
                  + "'; this verifier reads "
                  + LogFormat.FORMAT);
        }
      }
      genesisKey = k;
      if (!cur.problem && !pins.isEmpty()) {
        LogKey pinned =
            k == null ? null : pins.stream().filter(k::sameKey).findFirst().orElse(null);
        if (pinned == null && k != null) {
          problem(
              cur,
              ProblemKind.WRONG_KEY,
              "the log is signed with key "
                  + shortHash(k.keyId())
                  + ", not with the expected key"
                  + (pins.size() == 1 ? " " + shortHash(pins.get(0).keyId()) : "s"));
        }
      }
      key = k;
      keyId = k == null ? null : k.keyId();
      genesisProblem = cur.problem;
      if (genesisProblem) {
        // Its seq and hash may be what was changed: let the next line set the chain.
        expectedSeq = -1;
        expectedPrev = null;
        return;
      }
      linkCheck(cur, g);
      accept(cur);
    }

    void linkCheck(Item cur, Genesis g) {
      ParsedLine p = cur.parsed;
      if (g.previousFile().isEmpty()) {
        if (p.seq() != 0 || !p.prev().equals(LogFormat.GENESIS_PREV)) {
          problem(
              cur,
              ProblemKind.MALFORMED,
              "the genesis line of a new log has seq 0 and prev "
                  + shortHash(LogFormat.GENESIS_PREV)
                  + " (SHA-256 of \""
                  + LogFormat.FORMAT
                  + "\")");
        }
        if (link != null && link.rotated()) {
          note(
              link.file()
                  + " continues in "
                  + link.nextFile()
                  + ", which was not given after it; "
                  + path
                  + " starts a new log");
        }
        return;
      }
      if (link != null && link.rotated()) {
        if (p.seq() != link.lastSeq() + 1 || !p.prev().equals(link.headHash())) {
          problem(
              cur,
              ProblemKind.REMOVED,
              "the genesis line does not continue "
                  + link.file()
                  + " (which ends at seq "
                  + link.lastSeq()
                  + ", hash "
                  + shortHash(link.headHash())
                  + "): lines between the files are missing, or the files are out of order");
        } else if (!link.nextFile().equals(String.valueOf(path.getFileName()))) {
          note(
              path
                  + " continues "
                  + link.file()
                  + ", which names its next file "
                  + link.nextFile()
                  + " (renamed since)");
        }
        return;
      }
      note(
          path
              + " continues "
              + g.previousFile()
              + " from seq "
              + p.seq()
              + "; that file was not verified before it, so the link between them is unchecked");
    }

    /** Any line after the first. */
    void line(Item cur) throws IOException {
      ParsedLine p = cur.parsed;
      if (p == null) {
        bad(cur);
        return;
      }
      boolean afterGenesis = firstAfterGenesis;
      firstAfterGenesis = false;
      if (p.isGenesis()) {
        if (expectedSeq >= 0 && p.seq() < expectedSeq) {
          // A line out of place: it takes no place in the chain, as with any line moved back.
          problem(
              cur,
              ProblemKind.REORDERED,
              "a genesis line (seq " + p.seq() + ") here: the first line of the file was moved");
          return;
        }
        problem(
            cur, ProblemKind.MALFORMED, "a second genesis line: a genesis line only starts a file");
        skip(cur);
        return;
      }
      if (rotatedTo != null) {
        problem(
            cur,
            ProblemKind.MALFORMED,
            "a line after the closing line that moved the log to " + rotatedTo);
        skip(cur);
        return;
      }
      String lineKeyId = p.sig().keyId();
      if (keyId == null) {
        adopt(lineKeyId);
      } else if (!lineKeyId.equals(keyId)) {
        if (!(afterGenesis && replacedGenesis(cur))) {
          problem(
              cur,
              ProblemKind.WRONG_KEY,
              "signed with key "
                  + shortHash(lineKeyId)
                  + ", but the log's key is "
                  + shortHash(keyId));
          skip(cur);
          return;
        }
      }
      if (key != null) {
        boolean check =
            signatures == Signatures.EVERY_LINE
                || peek() == null
                || (signatures == Signatures.CHECKPOINTS && ++sinceChecked >= CHECKPOINT_INTERVAL);
        SigCheck c =
            !p.sig().alg().equals(key.algorithm().id())
                ? SigCheck.ALG_MISMATCH
                : check ? checkSignature(cur, key) : SigCheck.OK;
        if (c != SigCheck.OK) {
          reportSignature(cur, c, key);
          skip(cur);
          return;
        }
        if (check) {
          sinceChecked = 0;
        }
      }
      order(cur);
    }

    /**
     * The first line after the genesis is signed with another key than the genesis names. Either
     * that line was re-signed, or the genesis was replaced; decide, and report the genesis once.
     */
    boolean replacedGenesis(Item cur) throws IOException {
      String lineKeyId = cur.parsed.sig().keyId();
      if (genesisProblem) {
        // Already reported (unexpected key, edited): the lines after it say which key is the log's.
        adopt(lineKeyId);
        expectedPrev = null;
        return true;
      }
      Item nxt = peek();
      boolean unchained = expectedPrev != null && !cur.parsed.prev().equals(expectedPrev);
      boolean nextAgrees =
          nxt == null || (nxt.parsed != null && lineKeyId.equals(nxt.parsed.sig().keyId()));
      if (pins.isEmpty() && unchained && nextAgrees && lastAccepted != null) {
        problem(
            lastAccepted,
            ProblemKind.WRONG_KEY,
            "the genesis line names key "
                + shortHash(keyId)
                + ", but the lines after it are signed with key "
                + shortHash(lineKeyId)
                + " and do not chain to it: the genesis line was replaced");
        genesisProblem = true;
        adopt(lineKeyId);
        expectedPrev = null;
        return true;
      }
      return false;
    }

    /** Use the key a line names: an expected key, or the genesis key, or none (unverifiable). */
    void adopt(String id) {
      keyId = id;
      key =
          pins.stream()
              .filter(k -> k.keyId().equals(id))
              .findFirst()
              .orElse(genesisKey != null && genesisKey.keyId().equals(id) ? genesisKey : null);
      if (key == null && !keyNoted) {
        keyNoted = true;
        note(
            "the signatures in "
                + path
                + " cannot be checked: its genesis line is missing or not trustworthy and key "
                + shortHash(id)
                + " is not an expected key");
      }
    }

    void order(Item cur) throws IOException {
      ParsedLine p = cur.parsed;
      long s = p.seq();
      if (expectedSeq < 0 || (slack > 0 && s >= expectedSeq && s <= expectedSeq + slack)) {
        accept(cur);
        return;
      }
      if (s == expectedSeq) {
        if (expectedPrev != null && !p.prev().equals(expectedPrev)) {
          problem(
              lastAccepted,
              ProblemKind.EDITED,
              "line "
                  + lastAccepted.n()
                  + " is not the line that line "
                  + cur.n()
                  + " names as its predecessor (prev "
                  + shortHash(p.prev())
                  + "): it was replaced");
        }
        accept(cur);
        return;
      }
      if (s > expectedSeq) {
        Item nxt = peek();
        if (swappedWith(cur, nxt)) {
          problem(
              cur,
              ProblemKind.REORDERED,
              "lines "
                  + cur.n()
                  + " and "
                  + nxt.n()
                  + " are in the wrong order: seq "
                  + s
                  + " comes before seq "
                  + nxt.parsed.seq());
          take();
          lines++;
          lastItem = nxt;
          accept(nxt);
          accept(cur);
          return;
        }
        long from = expectedSeq + slack;
        problem(
            cur,
            ProblemKind.REMOVED,
            (s - from)
                + " line(s) missing before this line: seq "
                + (s - from == 1 ? String.valueOf(from) : from + " to " + (s - 1))
                + (s - from == 1 ? " was" : " were")
                + " removed");
        accept(cur);
        return;
      }
      problem(
          cur,
          ProblemKind.REORDERED,
          "seq "
              + s
              + " appears after seq "
              + (expectedSeq - 1)
              + ": the line was moved or copied here");
    }

    /** Whether {@code cur} and the line after it are an intact pair in the wrong order. */
    boolean swappedWith(Item cur, Item nxt) {
      if (nxt == null || nxt.parsed == null || nxt.parsed.isGenesis()) {
        return false;
      }
      ParsedLine n = nxt.parsed;
      boolean inPlace =
          slack > 0
              ? n.seq() >= expectedSeq && n.seq() <= expectedSeq + slack
              : n.seq() == expectedSeq && (expectedPrev == null || n.prev().equals(expectedPrev));
      if (!inPlace || cur.parsed.seq() != n.seq() + 1 || !cur.parsed.prev().equals(nxt.hash)) {
        return false;
      }
      if (keyId != null && !keyId.equals(n.sig().keyId())) {
        return false;
      }
      return key == null
          || (n.sig().alg().equals(key.algorithm().id())
              && (signatures == Signatures.CHAIN_ENDS || checkSignature(nxt, key) == SigCheck.OK));
    }

    void accept(Item cur) {
      ParsedLine p = cur.parsed;
      expectedSeq = p.seq() + 1;
      expectedPrev = cur.hash;
      slack = 0;
      if (firstSeq < 0) {
        firstSeq = p.seq();
      }
      lastSeq = p.seq();
      headHash = cur.hash;
      lastAccepted = cur;
      if (p.entry() instanceof RecordEntry) {
        records++;
        end = LogFileSummary.End.OPEN;
        Optional<DecisionRecord> r = ((RecordEntry) p.entry()).record();
        if (readRecords && r.isPresent()) {
          pending.add(new VerifiedRecord(path, cur.n(), p.seq(), cur.hash, r.get()));
        }
      } else if (p.entry() instanceof Close) {
        Close c = (Close) p.entry();
        if (c.reason().equals(LogFormat.CLOSE_ROTATED)) {
          end = LogFileSummary.End.ROTATED;
          rotatedTo = c.nextFile();
        } else {
          end = LogFileSummary.End.CLOSED;
        }
      } else {
        end = LogFileSummary.End.OPEN;
      }
      if (cur.signatureChecked) {
        // This signature vouches, through the chain, for every line accepted before it.
        ready.addAll(pending);
        pending.clear();
      }
    }

    /** A line with a problem: the next line may take its sequence number or the one after. */
    void skip(Item cur) {
      cur.problem = true;
      slack++;
      expectedPrev = null;
    }

    void bad(Item cur) throws IOException {
      if (!cur.raw.terminated() && peek() == null) {
        problem(
            cur,
            ProblemKind.TRUNCATED,
            "the last line is incomplete ("
                + cur.raw.length()
                + " bytes, no newline): the file was cut, or a write was torn");
      } else {
        problem(cur, ProblemKind.MALFORMED, "not a decision-log line: " + cur.error);
      }
      skip(cur);
    }

    SigCheck checkSignature(Item cur, LogKey k) {
      ParsedLine p = cur.parsed;
      if (!p.sig().alg().equals(k.algorithm().id())) {
        return SigCheck.ALG_MISMATCH;
      }
      Optional<byte[]> sig = p.sig().bytes();
      if (sig.isEmpty() || !k.plausibleSignature(sig.get())) {
        return SigCheck.UNUSABLE;
      }
      boolean ok = k.verify(p.signed(), p.signed().length, sig.get());
      cur.signatureChecked = ok;
      return ok ? SigCheck.OK : SigCheck.FAILS;
    }

    void reportSignature(Item cur, SigCheck c, LogKey k) {
      switch (c) {
        case ALG_MISMATCH:
          problem(
              cur,
              ProblemKind.BAD_SIGNATURE,
              "the signature says alg '"
                  + cur.parsed.sig().alg()
                  + "', but the log's key is "
                  + k.algorithm().id());
          break;
        case UNUSABLE:
          problem(
              cur,
              ProblemKind.BAD_SIGNATURE,
              "the signature value is not a canonical base64 " + k.algorithm().id() + " signature");
          break;
        default:
          if (confirmedByNext(cur)) {
            problem(
                cur,
                ProblemKind.BAD_SIGNATURE,
                "the next line chains to this line as it is, but its signature does not verify");
          } else {
            problem(
                cur,
                ProblemKind.EDITED,
                "the signature does not verify: the line was changed after it was signed");
          }
      }
    }

    boolean confirmedByNext(Item cur) {
      try {
        Item nxt = peek();
        return nxt != null
            && nxt.parsed != null
            && nxt.parsed.prev().equals(cur.hash)
            && (expectedPrev == null || cur.parsed.prev().equals(expectedPrev))
            && (expectedSeq < 0 || cur.parsed.seq() == expectedSeq);
      } catch (IOException e) {
        return false;
      }
    }

    void finish() {
      if (lines == 0) {
        problem(1, ProblemKind.TRUNCATED, "the file is empty");
      } else if (!lastItem.problem && end == LogFileSummary.End.OPEN) {
        if (options.allowOpenTail()) {
          note(
              path
                  + " has no closing line: it is still being written (a cut after seq "
                  + lastSeq
                  + " would look the same; compare its head hash with one kept elsewhere)");
        } else {
          problem(
              lastItem,
              ProblemKind.TRUNCATED,
              "the log ends after seq "
                  + lastSeq
                  + " without a closing line: lines were removed from its end, or it is still"
                  + " being written (verify a live log as open)");
        }
      }
      if (key == null && lines > 0 && !fileHasProblem) {
        // Never reached through a well-formed file; kept so that "no key" can never pass.
        problem(1, ProblemKind.MALFORMED, "no key to check the signatures with");
      }
      summaries.add(
          new LogFileSummary(
              path, lines, records, firstSeq, lastSeq, headHash, genesisKeyId, previousFile, end));
      link =
          new Link(
              path,
              lastSeq,
              headHash,
              end == LogFileSummary.End.ROTATED,
              rotatedTo == null ? "" : rotatedTo);
    }
  }
}
