package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.report.example.ExampleEstate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code countersign packet} and {@code countersign packet verify} through the CLI. */
class PacketCommandTest {
  @TempDir static Path tmp;
  static Path example;
  static CliRun built;

  @BeforeAll
  static void buildTheExample() {
    example = tmp.resolve("example-packet");
    built = CliRun.of("packet", "--example", "--out", example.toString());
  }

  @Test
  void theExamplePacketIsWrittenAndVerifies() {
    assertThat(built.exitCode()).as(built.out() + built.err()).isZero();
    assertThat(built.out())
        .contains("packet written: " + example.toAbsolutePath())
        .contains("images: 5 digests, 6 running containers; decisions: {ALLOW=2, DENY=3}")
        .contains("coverage gaps: 6")
        .contains("CMMCAssessmentLogHash: ")
        .contains("record this key id or the log hash with the assessor");
    // progress goes to standard error, plain lines when it is not a terminal
    assertThat(built.err()).contains("countersign: verifying images");
    CliRun verify = CliRun.of("packet", "verify", example.toString());
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(verify.out()).startsWith("INTACT: ").contains("the packet's own manifest.pub");
  }

  @Test
  void verifyNamesEachChangedAddedAndRemovedFileOnALine() throws IOException {
    Path copy = tmp.resolve("tampered");
    copyTree(example, copy);
    Path report = copy.resolve("report.html");
    Files.writeString(report, Files.readString(report).replace("DENY", "ALLOW"));
    Files.writeString(copy.resolve("evidence/extra.json"), "{}");
    Files.delete(copy.resolve("evidence/gaps/summary.json"));
    CliRun run = CliRun.of("packet", "verify", copy.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(run.lines())
        .contains(
            "CHANGED report.html: its SHA-256 is not the one the manifest records",
            "ADDED evidence/extra.json: not in the manifest: added after the packet was signed",
            "REMOVED evidence/gaps/summary.json: listed in the manifest, missing from the packet")
        .anyMatch(l -> l.startsWith("TAMPERED: "));
  }

  @Test
  void aGivenSigningKeyIsTheOneVerifyPins() throws IOException {
    KeyPair key = DecisionLogKeys.generateEd25519();
    Path keyFile = tmp.resolve("signing.key");
    Path pubFile = tmp.resolve("signing.pub");
    Path otherPub = tmp.resolve("other.pub");
    DecisionLogKeys.writePrivateKey(keyFile, key.getPrivate());
    DecisionLogKeys.writePublicKey(pubFile, key.getPublic());
    DecisionLogKeys.writePublicKey(otherPub, DecisionLogKeys.generateEd25519().getPublic());
    Path out = tmp.resolve("signed-packet");
    CliRun run =
        CliRun.of(
            "packet", "--example", "--out", out.toString(), "--signing-key", keyFile.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(DecisionLogKeys.keyId(key.getPublic()))
        .doesNotContain("made for this packet");
    assertThat(
            CliRun.of("packet", "verify", out.toString(), "--public-key", pubFile.toString())
                .exitCode())
        .isZero();
    CliRun other =
        CliRun.of("packet", "verify", out.toString(), "--public-key", otherPub.toString());
    assertThat(other.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(other.out()).contains("SIGNATURE_INVALID manifest.sig");
  }

  @Test
  void failOnGapsMakesGapsExitOne() {
    CliRun run =
        CliRun.of(
            "packet", "--example", "--out", tmp.resolve("strict").toString(), "--fail-on-gaps");
    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(run.out()).contains("packet written");
  }

  @Test
  void usageErrorsAreOneLineWithAReasonAndExitTwo() throws IOException {
    assertUsage(CliRun.of("packet"), "USAGE", "--out DIR is required");
    assertUsage(
        CliRun.of("packet", "--example", "--out", example.toString()),
        "OUTPUT_EXISTS",
        "is not empty");
    assertUsage(
        CliRun.of("packet", "--out", tmp.resolve("p1").toString()),
        "USAGE",
        "--policies FILE|DIR is required");
    Path estate = tmp.resolve("estate");
    ExampleEstate.extract(estate);
    Path inventory = tmp.resolve("tags.yaml");
    Files.writeString(
        inventory,
        "schema: countersign.dev/inventory/v1\nitems:\n  - image: registry.example/app:latest\n");
    assertUsage(
        CliRun.of(
            "packet",
            "--out",
            tmp.resolve("p2").toString(),
            "--inventory",
            inventory.toString(),
            "--policies",
            estate.resolve("policies").toString(),
            "--trust-roots",
            estate.resolve("trust-roots").toString(),
            "--oci-layouts",
            estate.resolve("oci-layouts").toString()),
        "INVENTORY_NOT_PINNED",
        "items[0].image: 'registry.example/app:latest' is not pinned by a sha256 digest");
    assertUsage(
        CliRun.of(
            "packet",
            "--out",
            tmp.resolve("p3").toString(),
            "--inventory",
            estate.resolve("inventory.yaml").toString(),
            "--policies",
            estate.resolve("policies").toString(),
            "--trust-roots",
            estate.resolve("trust-roots").toString(),
            "--oci-layouts",
            estate.resolve("oci-layouts").toString(),
            "--trail-folder",
            estate.resolve("aws/cloudtrail").toString()),
        "USAGE",
        "--trail-public-keys");
    assertUsage(
        CliRun.of(
            "packet",
            "--out",
            tmp.resolve("p4").toString(),
            "--inventory",
            estate.resolve("inventory.yaml").toString(),
            "--policies",
            estate.resolve("policies").toString(),
            "--trust-roots",
            estate.resolve("trust-roots").toString(),
            "--oci-layouts",
            estate.resolve("oci-layouts").toString(),
            "--ci-principal",
            "re:arn:aws:(unclosed"),
        "CONFIGURATION_INVALID",
        "is not a regular expression");
    assertUsage(
        CliRun.of("packet", "verify", tmp.resolve("missing").toString()),
        "INPUT_UNREADABLE",
        "is not a packet folder");
  }

  @Test
  void aPacketFromFlagsMatchesTheExampleAndRecordsWhatIsMissing() throws IOException {
    Path estate = tmp.resolve("estate-flags");
    ExampleEstate.extract(estate);
    Path out = tmp.resolve("from-flags");
    CliRun run =
        CliRun.of(
            "packet",
            "--out",
            out.toString(),
            "--organization",
            "Example Defense Components, Inc.",
            "--from",
            "2025-08-25T00:00:00Z",
            "--to",
            "2025-09-01T00:00:00Z",
            "--inventory",
            estate.resolve("inventory.yaml").toString(),
            "--policies",
            estate.resolve("policies").toString(),
            "--trust-roots",
            estate.resolve("trust-roots").toString(),
            "--oci-layouts",
            estate.resolve("oci-layouts").toString(),
            "--decision-log",
            estate.resolve("decision-logs/decisions-2025-08-25.jsonl").toString(),
            "--decision-log-key",
            estate.resolve("decision-logs/decision-log.pub").toString(),
            "--webhook-configuration",
            estate.resolve("webhook-configuration.yaml").toString(),
            "--trail-folder",
            estate.resolve("aws/cloudtrail").toString(),
            "--trail-public-keys",
            estate.resolve("aws/cloudtrail-public-keys.json").toString(),
            "--ci-principal",
            "arn:aws-us-gov:sts::123456789012:assumed-role/github-actions-ecr-push/*");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    // no ECR evidence was given: that is said, not hidden
    assertThat(run.out())
        .contains("images: 3 digests")
        .contains("EVIDENCE_NOT_PROVIDED 1")
        .contains("RUNNING_WITHOUT_PASSING_VERDICT 1", "PUSH_BY_NON_CI_PRINCIPAL 1");
    assertThat(Files.readString(out.resolve("evidence/gaps/gaps.jsonl")))
        .contains("no Amazon ECR evidence was collected");
    assertThat(CliRun.of("packet", "verify", out.toString()).exitCode()).isZero();
  }

  static void assertUsage(CliRun run, String reason, String message) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("countersign: " + reason + ": ").contains(message);
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
