package dev.countersign.report.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.cmmc.CmmcCatalog;
import dev.countersign.report.example.ExampleEstate;
import dev.countersign.report.oscal.AssessmentResultsWriter;
import dev.countersign.report.oscal.OscalProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packet of the shipped example estate, end to end: real signatures verified by verifier-core,
 * the ECR snapshot, trail files with signed digests, signed decision records. The gaps found must
 * be exactly the ones the estate plants.
 */
class ExamplePacketTest {
  static final String REGISTRY = "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path packet;
  static PacketResult result;

  @BeforeAll
  static void build() throws IOException {
    Path estate = tmp.resolve("estate");
    ExampleEstate.extract(estate);
    packet = tmp.resolve("packet");
    result = PacketBuilder.build(ExampleEstate.settings(estate, packet).build(), Progress.NONE);
  }

  static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      if (!l.isBlank()) {
        out.add(JSON.readTree(l));
      }
    }
    return out;
  }

  /** The {@code <code>} texts inside {@code html} between {@code from} and {@code to}. */
  static List<String> codes(String html, String from, String to) {
    int start = html.indexOf(from);
    String part = html.substring(start, html.indexOf(to, start));
    List<String> out = new ArrayList<>();
    Matcher m =
        Pattern.compile(
                "<tr class=\"image-row\"><td><code>([^<]+)</code>|<tr><td><code>([^<]+)</code>")
            .matcher(part);
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return out;
  }

  @Test
  void theReportListsImagesAndRepositoriesInAStableOrder() throws IOException {
    // Sorted, not in the order inventories and concurrent ECR answers happened to give them.
    String html = Files.readString(packet.resolve("report.html"));
    List<String> images = codes(html, "<section id=\"images\">", "</section>");
    assertThat(images).hasSize(5).isSorted();
    // Decisions and the evidence index are written in inventory order, not as verifications finish.
    List<String> decided = new ArrayList<>();
    for (JsonNode d : lines(packet.resolve("evidence/images/decisions.jsonl"))) {
      decided.add(d.get("image").asText());
    }
    assertThat(decided).hasSize(5).isSorted();
    List<String> indexed = new ArrayList<>();
    for (JsonNode e : lines(packet.resolve("evidence/images/evidence-index.jsonl"))) {
      indexed.add(e.get("image").asText());
    }
    assertThat(indexed).isNotEmpty().isSorted();
    List<String> repositories = codes(html, "id=\"ecr-repositories\"", "</table>");
    assertThat(repositories)
        .containsExactly("prod/api", "prod/billing", "prod/reports", "prod/web", "prod/worker");
  }

  @Test
  void everyImageIsDecidedAsTheEstatePlantedIt() throws IOException {
    assertThat(result.images()).isEqualTo(5);
    assertThat(result.containers()).isEqualTo(6);
    assertThat(result.decisions()).isEqualTo(Map.of("ALLOW", 2L, "DENY", 3L));
    assertThat(result.complete()).isTrue();
    Map<String, String> reasons = new HashMap<>();
    for (JsonNode d : lines(packet.resolve("evidence/images/decisions.jsonl"))) {
      assertThat(d.get("mediaType").asText())
          .isEqualTo("application/vnd.countersign.decision.v1+json");
      String repo = d.get("image").asText().substring(REGISTRY.length()).split("@")[0];
      reasons.put(repo, d.get("decision").asText() + " " + d.get("reason").asText());
    }
    assertThat(reasons)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "prod/api", "ALLOW OK",
                "prod/web", "ALLOW OK",
                "prod/reports", "DENY SBOM_DENIED_COMPONENT",
                "prod/worker", "DENY NO_SIGNATURE_FOUND",
                "prod/billing", "DENY IDENTITY_MISMATCH"));
  }

  @Test
  void theGapsAreExactlyThePlantedOnes() throws IOException {
    assertThat(result.gaps())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                GapKind.RUNNING_WITHOUT_PASSING_VERDICT, 1L,
                GapKind.PUSH_BY_NON_CI_PRINCIPAL, 1L,
                GapKind.MUTABLE_TAGS, 1L,
                GapKind.ADMISSION_RECORD_MISSING, 1L,
                GapKind.ADMISSION_RECORDS_ABSENT, 1L,
                GapKind.FINDING_PAST_SLA, 1L));
    Map<String, String> subjects = new HashMap<>();
    for (JsonNode g : lines(packet.resolve("evidence/gaps/gaps.jsonl"))) {
      subjects.put(g.get("kind").asText(), g.get("subject").asText());
    }
    assertThat(subjects.get("RUNNING_WITHOUT_PASSING_VERDICT"))
        .startsWith(REGISTRY + "prod/worker@");
    assertThat(subjects.get("ADMISSION_RECORD_MISSING")).startsWith(REGISTRY + "prod/worker@");
    assertThat(subjects.get("FINDING_PAST_SLA")).startsWith(REGISTRY + "prod/worker@");
    assertThat(subjects.get("MUTABLE_TAGS")).isEqualTo(REGISTRY + "prod/worker");
    assertThat(subjects.get("PUSH_BY_NON_CI_PRINCIPAL"))
        .isEqualTo("arn:aws-us-gov:iam::123456789012:user/jdoe");
    assertThat(subjects.get("ADMISSION_RECORDS_ABSENT"))
        .isEqualTo("2025-08-27T22:00:00Z/2025-08-29T14:00:00Z");
  }

  @Test
  void correlationJoinsPushSignerBuilderScanAndAdmissionByDigest() throws IOException {
    Map<String, JsonNode> rows = new HashMap<>();
    for (JsonNode r : lines(packet.resolve("evidence/images/correlation.jsonl"))) {
      rows.put(r.get("repository").asText().substring(REGISTRY.length()), r);
    }
    JsonNode api = rows.get("prod/api");
    assertThat(api.at("/verdict/signature/facts/certificate.san").asText())
        .isEqualTo(
            "https://github.com/example-defense/api/.github/workflows/release.yml@refs/tags/v1.4.0");
    assertThat(api.at("/verdict/attestations/provenance/facts/source.uri").asText())
        .isEqualTo("git+https://github.com/example-defense/api");
    assertThat(api.at("/verdict/attestations/provenance/facts/slsa.level").asText()).isEqualTo("2");
    assertThat(api.at("/verdict/attestations/sbom/facts/components").asText()).isEqualTo("2");
    assertThat(api.at("/pushes/0/principal").asText())
        .startsWith("arn:aws-us-gov:sts::123456789012:assumed-role/github-actions-ecr-push/");
    assertThat(api.at("/pushes/0/ci").asBoolean()).isTrue();
    assertThat(api.at("/ecr/scanStatus").asText()).isEqualTo("ACTIVE");
    assertThat(api.at("/admission/lastDecision").asText()).isEqualTo("ALLOW");
    assertThat(api.get("running")).hasSize(4);
    JsonNode billing = rows.get("prod/billing");
    assertThat(billing.at("/pushes/0/ci").asBoolean()).isFalse();
    assertThat(billing.at("/admission/denied").asLong()).isEqualTo(1);
    assertThat(billing.get("running")).allSatisfy(r -> assertThat(r.get("pod").asText()).isEmpty());
    // every raw piece of evidence the verifier judged is in the packet, by content
    for (JsonNode e : lines(packet.resolve("evidence/images/evidence-index.jsonl"))) {
      Path blob = packet.resolve(e.at("/content/path").asText());
      assertThat(sha256(Files.readAllBytes(blob))).isEqualTo(e.at("/content/sha256").asText());
    }
    assertThat(lines(packet.resolve("evidence/images/evidence-index.jsonl")))
        .extracting(e -> e.get("role").asText())
        .contains("signature", "provenance", "sbom", "vex");
  }

  @Test
  void theOscalDocumentValidatesAndDeterminesNothing() throws IOException {
    Path oscal = packet.resolve("oscal/assessment-results.json");
    List<OscalProblem> problems = new AssessmentResultsWriter(CmmcCatalog.load()).validate(oscal);
    assertThat(problems.stream().filter(OscalProblem::error)).isEmpty();
    JsonNode doc = JSON.readTree(oscal.toFile());
    JsonNode results = doc.at("/assessment-results/results/0");
    assertThat(results.has("findings")).isFalse();
    assertThat(results.get("observations")).hasSize(20);
    for (JsonNode o : results.get("observations")) {
      for (JsonNode ev : o.get("relevant-evidence")) {
        String href = ev.get("href").asText();
        String sha = "";
        for (JsonNode p : ev.get("props")) {
          if (p.get("name").asText().equals("sha256")) {
            sha = p.get("value").asText();
          }
        }
        assertThat(sha256(Files.readAllBytes(packet.resolve(href)))).as(href).isEqualTo(sha);
      }
    }
    // OSCAL ids may not start with a digit: controls are CMMC ids, objectives <id>_obj.<letter>
    String text = Files.readString(oscal);
    assertThat(text).contains("\"control-id\" : \"CM.L2-3.4.8\"").contains("CM.L2-3.4.8_obj.c");
    assertThat(text).doesNotContain("\"03.17").doesNotContain("satisfied\"");
  }

  @Test
  void everyPracticeFolderHoldsItsEvidenceAsTheManifestRecordsIt() throws IOException {
    JsonNode manifest = JSON.readTree(packet.resolve("manifest.json").toFile());
    Map<String, String> listed = new HashMap<>();
    for (JsonNode f : manifest.get("files")) {
      listed.put(f.get("path").asText(), f.get("sha256").asText());
    }
    List<Path> indexes;
    try (Stream<Path> s = Files.list(packet.resolve("practices"))) {
      indexes = s.map(p -> p.resolve("index.json")).toList();
    }
    assertThat(indexes).hasSizeGreaterThan(10);
    CmmcCatalog catalog = CmmcCatalog.load();
    int rows = 0;
    for (Path index : indexes) {
      JsonNode doc = JSON.readTree(index.toFile());
      String practice = doc.get("practice").asText();
      assertThat(catalog.practice(practice)).as(practice).isPresent();
      assertThat(index.getParent().getFileName().toString()).isEqualTo(practice);
      for (JsonNode e : doc.get("evidence")) {
        rows++;
        assertThat(e.get("objective").asText()).startsWith(practice + "[");
        assertThat(e.get("coverage").asText()).isIn("direct", "partial", "organization-documents");
        String copy = e.get("copy").asText();
        String sha = sha256(Files.readAllBytes(packet.resolve(copy)));
        assertThat(sha).as(copy).isEqualTo(e.get("sha256").asText());
        assertThat(listed.get(copy)).as(copy).isEqualTo(sha);
        assertThat(listed.get(e.get("file").asText())).isEqualTo(sha);
      }
    }
    assertThat(rows).isGreaterThan(50);
    assertThat(Files.readString(packet.resolve("practices/CM.L2-3.4.8/index.json")))
        .contains("\"coverage\" : \"direct\"", "admission.decisions");
  }

  @Test
  void theSealIsIntactAndTheHashingLogsFollowTheGuide() throws IOException {
    PacketVerification v = PacketVerifier.verify(packet, Optional.empty());
    assertThat(v.findings()).isEmpty();
    assertThat(v.valid()).isTrue();
    assertThat(v.keyId()).isEqualTo(result.signingKeyId());
    byte[] log = Files.readAllBytes(packet.resolve("CMMCAssessmentArtifacts.log"));
    String text = new String(log, StandardCharsets.US_ASCII);
    assertThat(text).startsWith("\"Algorithm\",\"Hash\",\"Path\"\r\n");
    List<String> lines = text.lines().toList();
    long files;
    try (Stream<Path> s = Files.walk(packet)) {
      files = s.filter(Files::isRegularFile).count();
    }
    // every file but the two logs themselves
    assertThat(lines).hasSize((int) files - 2 + 1);
    for (String l : lines.subList(1, lines.size())) {
      assertThat(l).matches("\"SHA256\",\"[0-9A-F]{64}\",\"[A-Za-z0-9._+=@%/-]+\"");
      String[] parts = l.replace("\"", "").split(",");
      assertThat(sha256(Files.readAllBytes(packet.resolve(parts[2]))).toUpperCase())
          .isEqualTo(parts[1]);
    }
    assertThat(Files.readString(packet.resolve("CMMCAssessmentLogHash.log")))
        .isEqualTo(
            "\"Algorithm\",\"Hash\",\"Path\"\r\n\"SHA256\",\""
                + sha256(log).toUpperCase()
                + "\",\"CMMCAssessmentArtifacts.log\"\r\n");
    assertThat(result.logHash()).isEqualTo(sha256(log).toUpperCase());
    assertThat(Files.readString(packet.resolve("README.txt")))
        .contains("AUTHENTICITY", "made for this packet", "sha256sum -c");
  }

  @Test
  void aBrokenDecisionLogChainIsAGapAndTheRecordsAreStillSummarisedWithAWarning()
      throws IOException {
    Path estate = tmp.resolve("estate-tampered");
    ExampleEstate.extract(estate);
    Path log;
    try (Stream<Path> s = Files.list(estate.resolve("decision-logs"))) {
      log = s.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    // the DENY of prod/reports becomes an ALLOW: its signature and the chain no longer hold
    int i = 0;
    while (!lines.get(i).contains("\"name\":\"reports\"")) {
      i++;
    }
    lines.set(i, lines.get(i).replace("\"decision\":\"DENY\"", "\"decision\":\"ALLOW\""));
    Files.write(log, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    Path out = tmp.resolve("packet-tampered-log");
    PacketResult r =
        PacketBuilder.build(ExampleEstate.settings(estate, out).build(), Progress.NONE);
    assertThat(r.gaps().get(GapKind.DECISION_LOG_TAMPERED)).isPositive();
    JsonNode summary = JSON.readTree(out.resolve("evidence/admission/summary.json").toFile());
    assertThat(summary.get("valid").asBoolean()).isFalse();
    // records are only evidence once verified: none past the break is used
    assertThat(summary.get("recordsVerifiedAndRead").asLong()).isLessThan(i);
    assertThat(summary.get("readStoppedAt").asText()).contains("EDITED");
    // ... but every line is still summarised, labelled unverified, the edited one included
    assertThat(summary.at("/unverified/note").asText()).startsWith("UNVERIFIED");
    assertThat(summary.at("/unverified/records").asLong()).isEqualTo(lines.size() - 2);
    assertThat(summary.at("/unverified/decisions/DENY").asLong()).isEqualTo(1);
    assertThat(Files.readString(out.resolve("report.html")))
        .contains("WARNING: the decision log does not verify");
    assertThat(PacketVerifier.verify(out, Optional.empty()).valid()).isTrue();
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
