package dev.countersign.report.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.admission.records.DecisionLog;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.admission.records.DecisionRecord;
import dev.countersign.admission.records.ImageDecision;
import dev.countersign.admission.records.PolicyOutcome;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.aws.TimeWindow;
import dev.countersign.report.example.ExampleEstate;
import dev.countersign.report.inventory.Inventory;
import dev.countersign.verify.trust.TrustRoots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admissions that were not backed by a verified decision: records in which an image was let in with
 * no policy evaluated, with a policy that could not be evaluated, or with no policy applying. Each
 * is a gap; a dry run is not an admission; and a window mostly without records is one.
 */
class AdmissionGapsTest {
  static final String REGISTRY = "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/";
  static final Instant START = Instant.parse("2025-08-25T00:00:00Z");

  @TempDir Path tmp;

  @Test
  void admissionsWithoutAVerifiedDecisionAreGaps() throws IOException {
    Path estate = tmp.resolve("estate");
    ExampleEstate.extract(estate);
    String api = digest(estate, "prod/api");
    String web = digest(estate, "prod/web");
    KeyPair key = DecisionLogKeys.generateEd25519();
    Path log = tmp.resolve("decisions.jsonl");
    Instant t = START.plus(Duration.ofHours(9));
    try (DecisionLog d =
        DecisionLog.builder(key.getPrivate()).clock(Clock.fixed(t, ZoneOffset.UTC)).open(log)) {
      // verified and allowed
      d.append(record(t, "api-a", false, image("prod/api", api, "OK", "PASS", "ENFORCE")));
      // let in with no policy evaluated at all
      d.append(
          record(
              t.plusSeconds(60),
              "api-b",
              false,
              new ImageDecision(
                  "spec.containers[0].image",
                  REGISTRY + "prod/api:v1.4.0",
                  api,
                  AdmissionOutcome.ALLOW,
                  List.of("OK"),
                  List.of(),
                  "")));
      // an audit-mode policy that could not be evaluated
      d.append(
          record(
              t.plusSeconds(120),
              "web-a",
              false,
              image("prod/web", web, "REGISTRY_UNAVAILABLE", "ERROR", "AUDIT")));
      // no policy applied and the webhook allowed it anyway
      d.append(
          record(
              t.plusSeconds(180),
              "web-b",
              false,
              new ImageDecision(
                  "spec.containers[0].image",
                  REGISTRY + "prod/web:v2.0.1",
                  web,
                  AdmissionOutcome.ALLOW,
                  List.of("NO_MATCHING_POLICY"),
                  List.of(new PolicyOutcome("", "ENFORCE", "FAIL", "NO_MATCHING_POLICY", "")),
                  "")));
      // a dry run creates nothing: not an admission
      d.append(
          record(
              t.plusSeconds(240),
              "api-dry",
              true,
              new ImageDecision(
                  "spec.containers[0].image",
                  REGISTRY + "prod/api:v1.4.0",
                  api,
                  AdmissionOutcome.ALLOW,
                  List.of("OK"),
                  List.of(),
                  "")));
    }
    Path out = tmp.resolve("packet");
    PacketResult r =
        PacketBuilder.build(
            PacketSettings.builder()
                .out(out)
                .window(TimeWindow.of(START, START.plus(Duration.ofDays(2))))
                .inventory(Inventory.fromFile(estate.resolve("inventory.yaml")))
                .policies(estate.resolve("policies"))
                .trustRoots(TrustRoots.fromDirectory(estate.resolve("trust-roots")))
                .evidenceSource(RepositoryLayouts.in(estate.resolve("oci-layouts")), "layouts")
                .decisionLogs(List.of(log))
                .decisionLogKeys(List.of(key.getPublic()))
                .build(),
            Progress.NONE);
    assertThat(r.gaps().get(GapKind.ADMITTED_WITHOUT_VERIFICATION)).isEqualTo(3);
    // after the last record, 39 hours of silence until the window's end
    assertThat(r.gaps().get(GapKind.ADMISSION_RECORDS_ABSENT)).isEqualTo(1);
    // the worker was never admitted; api and web were
    assertThat(r.gaps().get(GapKind.ADMISSION_RECORD_MISSING)).isEqualTo(1);
    List<String> details = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(out.resolve("evidence/gaps/gaps.jsonl"))) {
      JsonNode g = json.readTree(line);
      if (g.get("kind").asText().equals("ADMITTED_WITHOUT_VERIFICATION")) {
        details.add(g.get("detail").asText());
      }
    }
    assertThat(details)
        .anyMatch(s -> s.contains("Pod prod/api-b") && s.contains("without any policy evaluated"))
        .anyMatch(
            s ->
                s.contains("Pod prod/web-a")
                    && s.contains("could not be evaluated (REGISTRY_UNAVAILABLE)"))
        .anyMatch(s -> s.contains("Pod prod/web-b") && s.contains("NO_MATCHING_POLICY"))
        .noneMatch(s -> s.contains("api-dry"));
    JsonNode summary = json.readTree(out.resolve("evidence/admission/summary.json").toFile());
    assertThat(summary.get("admittedWithoutVerification").asLong()).isEqualTo(3);
    assertThat(summary.get("decisionsInWindow")).isEqualTo(json.valueToTree(Map.of("ALLOW", 5)));
  }

  static ImageDecision image(
      String repo, String digest, String reason, String outcome, String mode) {
    return new ImageDecision(
        "spec.containers[0].image",
        REGISTRY + repo + ":v1",
        digest,
        AdmissionOutcome.ALLOW,
        List.of(reason),
        List.of(new PolicyOutcome("prod-release", mode, outcome, reason, "example-corp")),
        "");
  }

  static DecisionRecord record(Instant at, String pod, boolean dryRun, ImageDecision image) {
    return DecisionRecord.builder()
        .time(at)
        .uid(pod)
        .namespace("prod")
        .kind("", "v1", "Pod")
        .name(pod)
        .operation("CREATE")
        .dryRun(dryRun)
        .decision(AdmissionOutcome.ALLOW)
        .image(image)
        .policyRevision("sha256:" + "1".repeat(64))
        .build();
  }

  static String digest(Path estate, String repo) throws IOException {
    for (String l : Files.readAllLines(estate.resolve("inventory.yaml"))) {
      if (l.contains(REGISTRY + repo + "@")) {
        return l.substring(l.indexOf('@') + 1).strip();
      }
    }
    throw new IllegalStateException("no " + repo + " in the example inventory");
  }
}
