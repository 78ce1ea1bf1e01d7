package dev.countersign.admission.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log of a hundred thousand decisions is verified and read as a stream, line by line; an edit
 * deep inside it is still found at its line. Speed is measured by the benchmarks, not here.
 */
class LargeLogTest {
  static final int RECORDS = 100_000;

  @TempDir static Path dir;
  static Path file;
  static KeyPair key;

  @BeforeAll
  static void writeLog() {
    key = DecisionLogKeys.generateEd25519();
    file = dir.resolve("large.jsonl");
    try (DecisionLog log =
        DecisionLog.builder(key.getPrivate())
            .sync(SyncPolicy.batched(4096, Duration.ofMillis(200)))
            .open(file)) {
      for (int i = 0; i < RECORDS; i++) {
        log.append(SampleDecisions.record(i % 64));
      }
    }
  }

  @Test
  void aLargeLogVerifies() {
    LogVerification r =
        DecisionLog.verify(
            List.of(file), VerifyOptions.defaults().withExpectedKey(key.getPublic()));
    assertThat(r.valid()).as(r.problems().toString()).isTrue();
    assertThat(r.records()).isEqualTo(RECORDS);
    assertThat(r.files().get(0).lastSeq()).isEqualTo(RECORDS + 1);
  }

  @Test
  void aLargeLogReadsAsAStreamOfVerifiedRecords() {
    AtomicLong count = new AtomicLong();
    AtomicLong lastSeq = new AtomicLong();
    try (Stream<VerifiedRecord> s = DecisionLog.read(file)) {
      s.forEach(
          v -> {
            assertThat(v.seq()).isEqualTo(lastSeq.get() + 1);
            lastSeq.set(v.seq());
            count.incrementAndGet();
          });
    }
    assertThat(count.get()).isEqualTo(RECORDS);
  }

  @Test
  void anEditDeepInsideIsFoundAtItsLine() throws IOException {
    Path copy = dir.resolve("edited.jsonl");
    java.nio.file.Files.copy(file, copy);
    long target = RECORDS * 3L / 4;
    long start = 0;
    try (java.io.InputStream in =
        new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(copy))) {
      long line = 1;
      int b;
      while (line < target && (b = in.read()) >= 0) {
        start++;
        if (b == '\n') {
          line++;
        }
      }
    }
    try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
      // Line `target` begins {"seq":N — change the first digit of N.
      f.seek(start + 7);
      int digit = f.read();
      assertThat((char) digit).isBetween('1', '9');
      f.seek(start + 7);
      f.write(digit == '9' ? '8' : digit + 1);
    }
    LogVerification r = DecisionLog.verify(copy);
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(target);
              assertThat(p.kind()).isEqualTo(ProblemKind.EDITED);
            });
  }
}
