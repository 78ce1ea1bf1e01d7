package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.admission.records.DecisionLog;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.admission.records.DecisionRecord;
import dev.countersign.admission.records.ImageDecision;
import dev.countersign.verify.verdict.ReasonCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code countersign records verify} and {@code countersign records keygen}. */
class RecordsCommandTest {
  static final Instant T0 = Instant.parse("2025-11-20T10:00:00Z");

  @TempDir static Path keys;
  static PrivateKey key;
  static Path publicKey;

  @TempDir Path dir;

  @BeforeAll
  static void keygen() throws IOException {
    CliRun run = CliRun.of("records", "keygen", "--out", keys.resolve("k").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path priv = keys.resolve("k/decision-log.key");
    publicKey = keys.resolve("k/decision-log.pub");
    key = DecisionLogKeys.readPrivateKey(priv);
    assertThat(run.out())
        .contains(
            "key id:      " + DecisionLogKeys.keyId(DecisionLogKeys.readPublicKey(publicKey)));
    assertThat(Files.readString(priv)).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  static DecisionRecord record(int i) {
    return DecisionRecord.builder()
        .time(T0.plusSeconds(i))
        .uid("uid-" + i)
        .namespace("prod")
        .kind("", "v1", "Pod")
        .name("web-" + i)
        .operation("CREATE")
        .user("alice", List.of("devs"))
        .decision(i % 2 == 0 ? AdmissionOutcome.ALLOW : AdmissionOutcome.DENY)
        .image(
            ImageDecision.withoutEvaluation(
                "spec.containers[0].image",
                "registry.example/web:" + i,
                i % 2 == 0 ? AdmissionOutcome.ALLOW : AdmissionOutcome.DENY,
                i % 2 == 0 ? ReasonCode.OK : ReasonCode.DEADLINE_EXCEEDED,
                ""))
        .policyRevision("rev-1")
        .webhook("countersign-0", "0.1.0")
        .build();
  }

  Path log(String name, int records) {
    Path file = dir.resolve(name);
    try (DecisionLog log = DecisionLog.open(file, key)) {
      for (int i = 0; i < records; i++) {
        log.append(record(i));
      }
    }
    return file;
  }

  static List<String> lines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static void write(Path file, List<String> lines) throws IOException {
    Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anIntactLogVerifies() {
    Path file = log("decisions.jsonl", 5);
    CliRun run = CliRun.of("records", "verify", file.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.VERIFIED);
    assertThat(run.out())
        .contains(file + ": 7 line(s), 5 record(s), seq 0..6, key ")
        .contains(", closed, head ")
        .contains("VALID: 1 file(s), 7 line(s), 5 record(s)");
    CliRun pinned =
        CliRun.of("records", "verify", "--public-key", publicKey.toString(), file.toString());
    assertThat(pinned.exitCode()).isEqualTo(ExitCode.VERIFIED);
  }

  @Test
  void eachProblemIsOneLineNamingFileAndLine() throws IOException {
    Path file = log("decisions.jsonl", 6);
    List<String> lines = lines(file);
    lines.set(2, lines.get(2).replace("web-1", "web-9"));
    lines.remove(5);
    write(file, lines);
    CliRun run = CliRun.of("records", "verify", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
    String problemLine = java.util.regex.Pattern.quote(file.toString()) + ":[0-9]+: .*";
    assertThat(run.out().lines().filter(l -> l.matches(problemLine)).toList())
        .hasSize(2)
        .satisfiesExactly(
            l -> assertThat(l).startsWith(file + ":3: EDITED: "),
            l -> assertThat(l).startsWith(file + ":6: REMOVED: ").contains("seq 5 was removed"));
    assertThat(run.out()).contains("TAMPERED: 2 problem(s) in 1 file(s), 7 line(s)");
  }

  @Test
  void swappedLinesAndACutEndAreFound() throws IOException {
    Path file = log("decisions.jsonl", 4);
    List<String> lines = lines(file);
    String third = lines.get(2);
    lines.set(2, lines.get(3));
    lines.set(3, third);
    lines.remove(lines.size() - 1);
    write(file, lines);
    CliRun run = CliRun.of("records", "verify", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(run.out())
        .contains(file + ":3: REORDERED: lines 3 and 4 are in the wrong order")
        .contains(file + ":5: TRUNCATED: the log ends after seq 4 without a closing line");
  }

  @Test
  void aLogSignedByAnotherKeyFailsAgainstThePinnedKey() {
    Path file = dir.resolve("other.jsonl");
    try (DecisionLog log = DecisionLog.open(file, DecisionLogKeys.generateEd25519().getPrivate())) {
      log.append(record(0));
    }
    assertThat(CliRun.of("records", "verify", file.toString()).exitCode())
        .isEqualTo(ExitCode.VERIFIED);
    CliRun pinned =
        CliRun.of("records", "verify", "--public-key", publicKey.toString(), file.toString());
    assertThat(pinned.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(pinned.out()).contains(file + ":1: WRONG_KEY: the log is signed with key ");
  }

  @Test
  void aLiveLogNeedsOpen() throws IOException {
    Path live = dir.resolve("live.jsonl");
    Path copy = dir.resolve("copy.jsonl");
    try (DecisionLog log = DecisionLog.open(live, key)) {
      log.append(record(0));
      Files.copy(live, copy);
    }
    CliRun closedOnly = CliRun.of("records", "verify", copy.toString());
    assertThat(closedOnly.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(closedOnly.out()).contains(copy + ":2: TRUNCATED: ").contains("still being written");
    CliRun open = CliRun.of("records", "verify", "--open", copy.toString());
    assertThat(open.exitCode()).isEqualTo(ExitCode.VERIFIED);
    assertThat(open.out()).contains("note: " + copy + " has no closing line").contains(", open, ");
  }

  @Test
  void rotatedFilesVerifyTogetherAndAGapBetweenThemIsFound() {
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    Path c = dir.resolve("c.jsonl");
    try (DecisionLog log = DecisionLog.open(a, key)) {
      log.append(record(0));
      log.rotate(b);
      log.append(record(1));
      log.rotate(c);
      log.append(record(2));
    }
    CliRun all = CliRun.of("records", "verify", a.toString(), b.toString(), c.toString());
    assertThat(all.exitCode()).as(all.out()).isEqualTo(ExitCode.VERIFIED);
    assertThat(all.out())
        .contains("VALID: 3 file(s), 9 line(s), 3 record(s)")
        .contains(", rotated, ");
    CliRun gap = CliRun.of("records", "verify", a.toString(), c.toString());
    assertThat(gap.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(gap.out()).contains(c + ":1: REMOVED: the genesis line does not continue " + a);
  }

  @Test
  void jsonOutputCarriesTheReport() throws IOException {
    Path file = log("decisions.jsonl", 3);
    List<String> lines = lines(file);
    lines.add("garbage");
    write(file, lines);
    CliRun run = CliRun.of("records", "verify", "--output", "json", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("mediaType").asText())
        .isEqualTo("application/vnd.countersign.decision-log-verification.v1+json");
    assertThat(json.get("valid").asBoolean()).isFalse();
    assertThat(json.get("records").asLong()).isEqualTo(3);
    assertThat(json.get("problemCount").asLong()).isEqualTo(1);
    JsonNode p = json.get("problems").get(0);
    assertThat(p.get("line").asLong()).isEqualTo(6);
    assertThat(p.get("kind").asText()).isEqualTo("MALFORMED");
    assertThat(json.get("files").get(0).get("end").asText()).isEqualTo("CLOSED");
  }

  @Test
  void unreadableInputIsAUsageError() throws IOException {
    CliRun missing = CliRun.of("records", "verify", dir.resolve("missing.jsonl").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).startsWith("countersign: INPUT_UNREADABLE: ");

    Path file = log("decisions.jsonl", 1);
    Path notAKey = Files.writeString(dir.resolve("key.pem"), DecisionLogKeys.toPem(key));
    CliRun badKey =
        CliRun.of("records", "verify", "--public-key", notAKey.toString(), file.toString());
    assertThat(badKey.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badKey.err()).startsWith("countersign: KEY_UNSUPPORTED: --public-key ");

    CliRun none = CliRun.of("records", "verify");
    assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(none.err()).startsWith("countersign: USAGE: ");
  }

  @Test
  void keygenNeverOverwritesAKey() throws IOException {
    Path out = dir.resolve("keys");
    assertThat(CliRun.of("records", "keygen", "--out", out.toString()).exitCode()).isZero();
    String before = Files.readString(out.resolve("decision-log.key"));
    CliRun again = CliRun.of("records", "keygen", "--out", out.toString());
    assertThat(again.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(again.err()).startsWith("countersign: OUTPUT_EXISTS: ");
    assertThat(Files.readString(out.resolve("decision-log.key"))).isEqualTo(before);
  }
}
