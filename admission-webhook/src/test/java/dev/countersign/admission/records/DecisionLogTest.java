package dev.countersign.admission.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.admission.AdmissionOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing, resuming, rotating and reading decision logs. */
class DecisionLogTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static KeyPair key;

  @TempDir Path dir;

  @BeforeAll
  static void keys() {
    key = DecisionLogKeys.generateEd25519();
  }

  static List<DecisionRecord> records(int from, int to) {
    return IntStream.range(from, to).mapToObj(SampleDecisions::record).toList();
  }

  static List<DecisionRecord> read(Path... files) {
    try (Stream<VerifiedRecord> s = DecisionLog.read(List.of(files), VerifyOptions.defaults())) {
      return s.map(VerifiedRecord::record).toList();
    }
  }

  static List<JsonNode> json(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (byte[] l : LogFiles.lines(file)) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  @Test
  void closingWhileTheBackgroundSyncRunsStillWritesTheClosingLine() {
    // The background sync runs every millisecond, so close() often meets it inside a force():
    // the closing line must be written all the same.
    for (int round = 0; round < 200; round++) {
      Path file = dir.resolve("sync-" + round + ".jsonl");
      try (DecisionLog log =
          DecisionLog.builder(key.getPrivate())
              .sync(SyncPolicy.batched(1_000_000, Duration.ofMillis(1)))
              .open(file)) {
        log.append(SampleDecisions.record(round));
      }
      LogVerification r = DecisionLog.verify(file);
      assertThat(r.valid()).as("round %d: %s", round, r.problems()).isTrue();
    }
  }

  @Test
  void recordsComeBackAsTheyWereAppended() throws IOException {
    Path file = dir.resolve("decisions.jsonl");
    List<LogPosition> positions = new ArrayList<>();
    try (DecisionLog log = DecisionLog.open(file, key.getPrivate())) {
      assertThat(log.position().seq()).isZero();
      assertThat(log.keyId()).isEqualTo(DecisionLogKeys.keyId(key.getPublic()));
      assertThat(log.file()).contains(file);
      for (DecisionRecord r : records(0, 6)) {
        positions.add(log.append(r));
      }
    }
    assertThat(positions).extracting(LogPosition::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(read(file)).isEqualTo(records(0, 6));

    try (Stream<VerifiedRecord> s = DecisionLog.read(file)) {
      List<VerifiedRecord> verified = s.toList();
      assertThat(verified).extracting(VerifiedRecord::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
      // The hash a writer returns is the hash the next line names, and the one the reader reports.
      assertThat(verified)
          .extracting(VerifiedRecord::lineHash)
          .isEqualTo(positions.stream().map(LogPosition::hash).toList());
    }
    List<JsonNode> lines = json(file);
    assertThat(lines.get(0).has("genesis")).isTrue();
    assertThat(lines.get(7).get("close").get("reason").asText()).isEqualTo("shutdown");
  }

  @Test
  void aRecordWithEveryKindOfValueSurvivesTheRoundTrip() {
    DecisionRecord empty =
        DecisionRecord.builder()
            .time(SampleDecisions.T0)
            .decision(AdmissionOutcome.DENY)
            .message("ADMISSION_REQUEST_MALFORMED: the admission request could not be read")
            .build();
    DecisionRecord unicode =
        DecisionRecord.builder()
            .time(SampleDecisions.T0.plusNanos(123_456_789))
            .uid("u")
            .kind("", "v1", "Pod")
            .user("jürgen\t\"quoted\"", List.of())
            .decision(AdmissionOutcome.ALLOW)
            .image(
                ImageDecision.withoutEvaluation(
                    "spec.initContainers[0].image",
                    "busybox",
                    AdmissionOutcome.DENY,
                    dev.countersign.verify.verdict.ReasonCode.DEADLINE_EXCEEDED,
                    "\u0000\u001f\u2028 control characters"))
            .build();
    Path file = dir.resolve("values.jsonl");
    try (DecisionLog log = DecisionLog.open(file, key.getPrivate())) {
      log.append(empty);
      log.append(unicode);
    }
    assertThat(read(file)).containsExactly(empty, unicode);
  }

  @Test
  void aRestartedWriterContinuesTheSameChain() throws IOException {
    Path file = dir.resolve("decisions.jsonl");
    try (DecisionLog log = DecisionLog.open(file, key.getPrivate())) {
      records(0, 3).forEach(log::append);
    }
    long size = Files.size(file);
    try (DecisionLog log = DecisionLog.open(file, key.getPrivate())) {
      assertThat(log.position().seq()).isEqualTo(4);
      assertThat(log.append(SampleDecisions.record(3)).seq()).isEqualTo(5);
      log.append(SampleDecisions.record(4));
    }
    assertThat(Files.size(file)).isGreaterThan(size);
    LogVerification r = DecisionLog.verify(file);
    assertThat(r.valid()).as(r.problems().toString()).isTrue();
    assertThat(r.files().get(0).lastSeq()).isEqualTo(7);
    assertThat(json(file))
        .extracting(n -> n.get("seq").asLong())
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(read(file)).isEqualTo(records(0, 5));
  }

  @Test
  void aWriterThatDiedWithoutClosingIsResumed() throws IOException {
    Path live = dir.resolve("live.jsonl");
    Path crashed = dir.resolve("crashed.jsonl");
    try (DecisionLog log = DecisionLog.open(live, key.getPrivate())) {
      records(0, 3).forEach(log::append);
      // What a crash leaves on disk: every appended line, no closing line.
      Files.copy(live, crashed);
    }
    LogVerification open = DecisionLog.verify(crashed);
    assertThat(open.problems())
        .singleElement()
        .extracting(LogProblem::kind)
        .isEqualTo(ProblemKind.TRUNCATED);
    assertThat(
            DecisionLog.verify(List.of(crashed), VerifyOptions.defaults().withOpenTail(true))
                .valid())
        .isTrue();
    try (DecisionLog log = DecisionLog.open(crashed, key.getPrivate())) {
      log.append(SampleDecisions.record(3));
    }
    assertThat(DecisionLog.verify(crashed).valid()).isTrue();
    assertThat(read(crashed)).isEqualTo(records(0, 4));
    // The interruption is on record: decisions after line 4 may not have been written.
    JsonNode recovery = json(crashed).get(4).get("recovery");
    assertThat(recovery.get("discardedBytes").asLong()).isZero();
    assertThat(recovery.get("discardedSha256").asText())
        .isEqualTo(TamperDetectionTest.sha256(new byte[0]));
  }

  @Test
  void aLineTornByACrashIsCutOffAndTheCutIsRecorded() throws IOException {
    Path file = dir.resolve("torn.jsonl");
    try (DecisionLog log = DecisionLog.open(file, key.getPrivate())) {
      records(0, 2).forEach(log::append);
    }
    byte[] torn = LogFiles.bytes("{\"seq\":4,\"time\":\"2025-11-");
    Files.write(file, torn, java.nio.file.StandardOpenOption.APPEND);
    assertThat(DecisionLog.verify(file).problems())
        .singleElement()
        .extracting(LogProblem::kind)
        .isEqualTo(ProblemKind.TRUNCATED);

    try (DecisionLog log = DecisionLog.open(file, key.getPrivate())) {
      log.append(SampleDecisions.record(2));
    }
    LogVerification r = DecisionLog.verify(file);
    assertThat(r.valid()).as(r.problems().toString()).isTrue();
    JsonNode recovery = json(file).get(4);
    assertThat(recovery.get("recovery").get("discardedBytes").asLong()).isEqualTo(torn.length);
    assertThat(recovery.get("recovery").get("discardedSha256").asText())
        .isEqualTo(TamperDetectionTest.sha256(torn));
    assertThat(read(file)).isEqualTo(records(0, 3));
  }

  @Test
  void aLogIsOnlyResumedWithTheKeyThatStartedIt() throws IOException {
    Path file = dir.resolve("decisions.jsonl");
    try (DecisionLog log = DecisionLog.open(file, key.getPrivate())) {
      log.append(SampleDecisions.record(0));
    }
    byte[] before = Files.readAllBytes(file);
    KeyPair other = DecisionLogKeys.generateEd25519();
    assertThatThrownBy(() -> DecisionLog.open(file, other.getPrivate()))
        .isInstanceOf(DecisionLogException.class)
        .hasMessageContaining("is signed with key " + DecisionLogKeys.keyId(key.getPublic()))
        .hasMessageContaining("write to a new file");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void aLogWhoseEndWasChangedIsLeftAlone() throws IOException {
    Path file = dir.resolve("decisions.jsonl");
    try (DecisionLog log = DecisionLog.open(file, key.getPrivate())) {
      log.append(SampleDecisions.record(0));
    }
    List<byte[]> lines = LogFiles.lines(file);
    lines.set(
        lines.size() - 1,
        LogFiles.bytes(LogFiles.text(lines.get(lines.size() - 1)).replace("shutdown", "rotated")));
    LogFiles.write(file, lines);
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> DecisionLog.open(file, key.getPrivate()))
        .isInstanceOf(DecisionLogException.class)
        .hasMessageContaining("last line");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void aFileThatIsNotADecisionLogIsNeverWrittenTo() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "important notes\n");
    assertThatThrownBy(() -> DecisionLog.open(file, key.getPrivate()))
        .isInstanceOf(DecisionLogException.class)
        .hasMessageContaining("is not a decision log");
    assertThat(Files.readString(file)).isEqualTo("important notes\n");
  }

  @Test
  void aFileHasOneWriterAtATime() throws IOException {
    Path file = dir.resolve("decisions.jsonl");
    try (DecisionLog log = DecisionLog.open(file, key.getPrivate())) {
      assertThatThrownBy(() -> DecisionLog.open(file, key.getPrivate()))
          .isInstanceOf(DecisionLogException.class)
          .hasMessageContaining("already open");
      log.append(SampleDecisions.record(0));
    }
    assertThat(DecisionLog.verify(file).valid()).isTrue();
  }

  @Test
  void aClosedLogRefusesAppends() {
    DecisionLog log = DecisionLog.open(dir.resolve("d.jsonl"), key.getPrivate());
    log.close();
    log.close();
    assertThatThrownBy(() -> log.append(SampleDecisions.record(0)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRecordTooLargeForALineIsRefusedAndTheLogStaysUsable() throws IOException {
    Path file = dir.resolve("d.jsonl");
    try (DecisionLog log = DecisionLog.open(file, key.getPrivate())) {
      DecisionRecord huge =
          DecisionRecord.builder()
              .time(SampleDecisions.T0)
              .decision(AdmissionOutcome.DENY)
              .message("x".repeat(5 * 1024 * 1024))
              .build();
      assertThatThrownBy(() -> log.append(huge))
          .isInstanceOf(DecisionLogException.class)
          .hasMessageContaining("longer than the limit");
      log.append(SampleDecisions.record(0));
    }
    assertThat(read(file)).containsExactly(SampleDecisions.record(0));
  }

  @Test
  void rotationLinksTheNewFileToTheLastLineOfTheOld() throws IOException {
    Path first = dir.resolve("decisions-1.jsonl");
    Path second = dir.resolve("decisions-2.jsonl");
    Path third = dir.resolve("decisions-3.jsonl");
    try (DecisionLog log = DecisionLog.open(first, key.getPrivate())) {
      records(0, 3).forEach(log::append);
      LogPosition genesis = log.rotate(second);
      assertThat(genesis.seq()).isEqualTo(5);
      assertThat(log.file()).contains(second);
      records(3, 5).forEach(log::append);
      log.rotate(third);
      log.append(SampleDecisions.record(5));
    }
    JsonNode close = json(first).get(4);
    assertThat(close.get("close").get("reason").asText()).isEqualTo("rotated");
    assertThat(close.get("close").get("nextFile").asText()).isEqualTo("decisions-2.jsonl");
    JsonNode genesis = json(second).get(0);
    assertThat(genesis.get("genesis").get("previousFile").asText()).isEqualTo("decisions-1.jsonl");
    assertThat(genesis.get("prev").asText())
        .isEqualTo(TamperDetectionTest.sha256(LogFiles.lines(first).get(4)));

    LogVerification all =
        DecisionLog.verify(List.of(first, second, third), VerifyOptions.defaults());
    assertThat(all.valid()).as(all.problems().toString()).isTrue();
    assertThat(all.notes()).isEmpty();
    assertThat(all.records()).isEqualTo(6);
    assertThat(all.files())
        .extracting(LogFileSummary::end)
        .containsExactly(
            LogFileSummary.End.ROTATED, LogFileSummary.End.ROTATED, LogFileSummary.End.CLOSED);
    assertThat(read(first, second, third)).isEqualTo(records(0, 6));

    // Alone, a continuation is intact, and the report says its link was not checked.
    LogVerification alone = DecisionLog.verify(second);
    assertThat(alone.valid()).isTrue();
    assertThat(alone.notes())
        .singleElement()
        .asString()
        .contains("continues decisions-1.jsonl")
        .contains("unchecked");

    // A missing middle file breaks the link.
    LogVerification gap = DecisionLog.verify(List.of(first, third), VerifyOptions.defaults());
    assertThat(gap.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(third);
              assertThat(p.line()).isEqualTo(1);
              assertThat(p.kind()).isEqualTo(ProblemKind.REMOVED);
            });

    // The last record of a rotated file removed: found in that file.
    List<byte[]> lines = LogFiles.lines(first);
    lines.remove(3);
    LogFiles.write(first, lines);
    LogVerification cut =
        DecisionLog.verify(List.of(first, second, third), VerifyOptions.defaults());
    assertThat(cut.problems())
        .extracting(LogProblem::file, LogProblem::line, LogProblem::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(first, 4L, ProblemKind.REMOVED));
  }

  @Test
  void aRotatedFileIsNotResumed() {
    Path first = dir.resolve("a.jsonl");
    try (DecisionLog log = DecisionLog.open(first, key.getPrivate())) {
      log.rotate(dir.resolve("b.jsonl"));
    }
    assertThatThrownBy(() -> DecisionLog.open(first, key.getPrivate()))
        .isInstanceOf(DecisionLogException.class)
        .hasMessageContaining("was rotated to b.jsonl");
  }

  @Test
  void manyThreadsAppendingMakeOneValidChain() throws Exception {
    Path file = dir.resolve("concurrent.jsonl");
    int threads = 8;
    int each = 250;
    Set<Long> seqs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (DecisionLog log =
        DecisionLog.builder(key.getPrivate())
            .sync(SyncPolicy.batched(64, Duration.ofMillis(20)))
            .open(file)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int base = t * each;
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < each; i++) {
                      seqs.add(log.append(SampleDecisions.record(base + i)).seq());
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
    }
    assertThat(seqs).hasSize(threads * each);
    LogVerification r = DecisionLog.verify(file);
    assertThat(r.valid()).as(r.problems().toString()).isTrue();
    assertThat(r.records()).isEqualTo(threads * each);
    Set<String> uids = new HashSet<>();
    read(file).forEach(d -> uids.add(d.uid()));
    assertThat(uids).hasSize(threads * each);
  }

  @Test
  void ecdsaP256LogsVerifyAndAreDeterministic() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ec = g.generateKeyPair();
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    for (Path p : List.of(a, b)) {
      try (DecisionLog log =
          DecisionLog.builder(ec.getPrivate()).clock(SampleDecisions.clock()).open(p)) {
        records(0, 4).forEach(log::append);
      }
    }
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(json(a).get(0).get("genesis").get("alg").asText()).isEqualTo("ECDSA-P256-SHA256");
    LogVerification r =
        DecisionLog.verify(List.of(a), VerifyOptions.defaults().withExpectedKey(ec.getPublic()));
    assertThat(r.valid()).as(r.problems().toString()).isTrue();
    assertThat(read(a)).isEqualTo(records(0, 4));
    assertThat(
            DecisionLog.verify(
                    List.of(a), VerifyOptions.defaults().withExpectedKey(key.getPublic()))
                .problems())
        .singleElement()
        .extracting(LogProblem::kind)
        .isEqualTo(ProblemKind.WRONG_KEY);
  }

  @Test
  void keysOtherThanEd25519AndP256AreRefused() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    assertThatThrownBy(
            () -> DecisionLog.open(dir.resolve("r.jsonl"), rsa.generateKeyPair().getPrivate()))
        .isInstanceOf(DecisionLogException.class)
        .hasMessageContaining("Ed25519 or ECDSA P-256");
    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    assertThatThrownBy(
            () -> DecisionLog.open(dir.resolve("p.jsonl"), p384.generateKeyPair().getPrivate()))
        .isInstanceOf(DecisionLogException.class)
        .hasMessageContaining("P-256");
    assertThat(dir.resolve("r.jsonl")).doesNotExist();
  }

  @Test
  void standardOutputCarriesAVerifiableLog() throws IOException {
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, "UTF-8"));
    try (DecisionLog log = DecisionLog.stdout(key.getPrivate())) {
      assertThat(log.file()).isEmpty();
      records(0, 3).forEach(log::append);
    } finally {
      System.setOut(saved);
    }
    Path file = Files.write(dir.resolve("stdout.jsonl"), captured.toByteArray());
    assertThat(DecisionLog.verify(file).valid()).isTrue();
    assertThat(read(file)).isEqualTo(records(0, 3));
  }

  @Test
  void theRecordStreamStopsAtTheFirstProblem() throws IOException {
    Path file = dir.resolve("d.jsonl");
    try (DecisionLog log = DecisionLog.open(file, key.getPrivate())) {
      records(0, 5).forEach(log::append);
    }
    List<byte[]> lines = LogFiles.lines(file);
    lines.remove(3);
    LogFiles.write(file, lines);
    List<DecisionRecord> seen = new ArrayList<>();
    try (Stream<VerifiedRecord> s = DecisionLog.read(file)) {
      assertThatThrownBy(() -> s.forEach(v -> seen.add(v.record())))
          .isInstanceOfSatisfying(
              TamperedLogException.class,
              e -> {
                assertThat(e.problem().line()).isEqualTo(4);
                assertThat(e.problem().kind()).isEqualTo(ProblemKind.REMOVED);
              });
    }
    // Only records before the gap, and only those a verified signature already covered.
    assertThat(seen.size()).isLessThanOrEqualTo(2);
    assertThat(seen).isEqualTo(records(0, seen.size()));
  }

  @Test
  void theRecordStreamHandsOutOnlyRecordsASignatureCovers() throws IOException {
    Path file = dir.resolve("long.jsonl");
    try (DecisionLog log = DecisionLog.open(file, key.getPrivate())) {
      records(0, 600).forEach(log::append);
    }
    List<byte[]> lines = LogFiles.lines(file);
    String edited = LogFiles.text(lines.get(400)).replace("app-", "app_");
    assertThat(edited).isNotEqualTo(LogFiles.text(lines.get(400)));
    lines.set(400, LogFiles.bytes(edited));
    LogFiles.write(file, lines);
    List<DecisionRecord> seen = new ArrayList<>();
    try (Stream<VerifiedRecord> s = DecisionLog.read(file)) {
      assertThatThrownBy(() -> s.forEach(v -> seen.add(v.record())))
          .isInstanceOfSatisfying(
              TamperedLogException.class,
              e -> {
                assertThat(e.problem().line()).isEqualTo(401);
                assertThat(e.problem().kind()).isEqualTo(ProblemKind.EDITED);
              });
    }
    // Line 401 holds record 399: it and everything after it never came out.
    assertThat(seen.size()).isBetween(1, 398);
    assertThat(seen).isEqualTo(records(0, seen.size()));
  }

  @Test
  void anOpenLogIsReadOnlyWhenTheCallerSaysItIsLive() throws IOException {
    Path live = dir.resolve("live.jsonl");
    Path copy = dir.resolve("copy.jsonl");
    try (DecisionLog log = DecisionLog.open(live, key.getPrivate())) {
      records(0, 2).forEach(log::append);
      Files.copy(live, copy);
    }
    try (Stream<VerifiedRecord> s = DecisionLog.read(copy)) {
      assertThatThrownBy(s::toList)
          .isInstanceOfSatisfying(
              TamperedLogException.class,
              e -> assertThat(e.problem().kind()).isEqualTo(ProblemKind.TRUNCATED));
    }
    try (Stream<VerifiedRecord> s =
        DecisionLog.read(List.of(copy), VerifyOptions.defaults().withOpenTail(true))) {
      assertThat(s.map(VerifiedRecord::record).collect(Collectors.toList()))
          .isEqualTo(records(0, 2));
    }
    // A line the writer is in the middle of: not yet part of the log, not a problem of a live one.
    Files.write(
        copy,
        LogFiles.bytes("{\"seq\":3,\"time\":\"2025-"),
        java.nio.file.StandardOpenOption.APPEND);
    LogVerification writing =
        DecisionLog.verify(List.of(copy), VerifyOptions.defaults().withOpenTail(true));
    assertThat(writing.valid()).as(writing.problems().toString()).isTrue();
    assertThat(writing.records()).isEqualTo(2);
    assertThat(writing.notes()).anySatisfy(n -> assertThat(n).contains("still being written"));
    assertThat(DecisionLog.verify(copy).problems())
        .singleElement()
        .extracting(LogProblem::kind)
        .isEqualTo(ProblemKind.TRUNCATED);
  }
}
