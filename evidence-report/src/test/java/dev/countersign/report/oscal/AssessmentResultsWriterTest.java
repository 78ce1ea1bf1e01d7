package dev.countersign.report.oscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.report.cmmc.CmmcCatalog;
import dev.countersign.report.cmmc.Coverage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssessmentResultsWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IMAGE_A =
      "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/prod/payments-api@sha256:"
          + "3f1c5e0a9b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e";
  private static final String IMAGE_B =
      "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/prod/ledger@sha256:"
          + "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b";

  private static CmmcCatalog catalog;
  private static AssessmentResultsWriter writer;

  @TempDir Path packet;

  @BeforeAll
  static void setUp() {
    catalog = CmmcCatalog.load();
    writer = new AssessmentResultsWriter(catalog);
  }

  @Test
  void documentBuiltFromASmallPacketValidatesAgainstTheOscal113Schema() throws IOException {
    Path out = packet.resolve("oscal/assessment-results.json");
    writer.write(input(), out);

    List<OscalProblem> problems = writer.validate(out);
    assertThat(problems).as(problems.toString()).isEmpty();

    JsonNode ar = JSON.readTree(out.toFile()).get("assessment-results");
    assertThat(ar.at("/metadata/oscal-version").asText()).isEqualTo("1.1.3");
    assertThat(ar.at("/import-ap/href").asText()).isEqualTo("assessment-plan.json");
    JsonNode result = ar.at("/results/0");
    assertThat(result.at("/start").asText()).startsWith("2025-07-01T00:00:00");
    assertThat(
            ids(
                result.at("/reviewed-controls/control-selections/0/include-controls"),
                "control-id"))
        .containsExactly("CM.L2-3.4.8", "AU.L2-3.3.8", "SC.L2-3.13.16");
    assertThat(
            ids(
                result.at("/reviewed-controls/control-objective-selections/0/include-objectives"),
                "objective-id"))
        .hasSize(3 + 6 + 1)
        .contains("CM.L2-3.4.8_obj.c", "AU.L2-3.3.8_obj.b", "SC.L2-3.13.16_obj.a");
  }

  @Test
  void observationsCarryEvidenceHashesQueriesSubjectsAndObjectiveLinks() throws IOException {
    Path out = packet.resolve("assessment-results.json");
    writer.write(input(), out);
    JsonNode result = JSON.readTree(out.toFile()).at("/assessment-results/results/0");

    JsonNode admission = result.at("/observations/0");
    assertThat(admission.at("/methods").toString()).isEqualTo("[\"EXAMINE\",\"TEST\"]");
    assertThat(props(admission.at("/props"), "supports-objective"))
        .containsExactly(
            Map.entry("CM.L2-3.4.8_obj.c", "direct"), Map.entry("AU.L2-3.3.8_obj.b", "partial"));

    JsonNode evidence = admission.at("/relevant-evidence/0");
    assertThat(evidence.at("/href").asText()).isEqualTo("evidence/admission/decisions.jsonl");
    assertThat(prop(evidence.at("/props"), "sha256"))
        .isEqualTo(sha256(packet.resolve("evidence/admission/decisions.jsonl")));
    assertThat(prop(evidence.at("/props"), "query"))
        .isEqualTo(
            "admission decision log of cluster prod-east, 2025-07-01T00:00:00Z..2025-09-30T00:00:00Z");

    // The evidence link resolves to a back-matter resource with the same hash, in OSCAL's own
    // hash field.
    String resourceUuid = evidence.at("/links/0/href").asText().substring(1);
    JsonNode resource = null;
    for (JsonNode r : JSON.readTree(out.toFile()).at("/assessment-results/back-matter/resources")) {
      if (r.get("uuid").asText().equals(resourceUuid)) {
        resource = r;
      }
    }
    assertThat(resource).isNotNull();
    assertThat(resource.at("/rlinks/0/hashes/0/algorithm").asText()).isEqualTo("SHA-256");
    assertThat(resource.at("/rlinks/0/hashes/0/value").asText())
        .isEqualTo(sha256(packet.resolve("evidence/admission/decisions.jsonl")));

    // Each image is one inventory item, referenced by the observations that are about it.
    List<String> subjects = new ArrayList<>();
    for (JsonNode s : admission.at("/subjects")) {
      assertThat(s.at("/type").asText()).isEqualTo("inventory-item");
      subjects.add(s.at("/subject-uuid").asText());
    }
    JsonNode items = result.at("/local-definitions/inventory-items");
    assertThat(items).hasSize(3);
    List<String> identifiers = new ArrayList<>();
    for (JsonNode item : items) {
      identifiers.add(prop(item.at("/props"), "identifier"));
    }
    assertThat(identifiers).contains(IMAGE_A, IMAGE_B);
    assertThat(subjects).hasSize(2);
    for (JsonNode item : items) {
      if (prop(item.at("/props"), "identifier").startsWith("123456789012.dkr")) {
        assertThat(subjects).contains(item.get("uuid").asText());
      }
    }
  }

  @Test
  void nothingIsMarkedSatisfied() throws IOException {
    Path out = packet.resolve("assessment-results.json");
    writer.write(input(), out);
    JsonNode doc = JSON.readTree(out.toFile());

    List<String> found = new ArrayList<>();
    walk(
        doc,
        "",
        (path, key, value) -> {
          // Findings (and their objective-status targets) are where OSCAL records whether an
          // objective is satisfied; risks would rest on such findings.
          if (key.equals("findings") || key.equals("risks") || key.equals("target")) {
            found.add(path);
          }
          if (value.isTextual()
              && (value.asText().equals("satisfied") || value.asText().equals("not-satisfied"))) {
            found.add(path + "=" + value.asText());
          }
        });
    assertThat(found).isEmpty();
    assertThat(prop(doc.at("/assessment-results/results/0/props"), "determinations"))
        .isEqualTo("none");
  }

  @Test
  void documentWithADigitLeadingIdIsRejectedByValidation() throws IOException {
    Path out = packet.resolve("assessment-results.json");
    writer.write(input(), out);
    ObjectNode doc = (ObjectNode) JSON.readTree(out.toFile());
    ObjectNode control =
        (ObjectNode)
            doc.at(
                "/assessment-results/results/0/reviewed-controls/control-selections/0/include-controls/0");
    control.put("control-id", "3.4.8");
    Path bad = packet.resolve("digit-leading.json");
    JSON.writeValue(bad.toFile(), doc);

    List<OscalProblem> problems = writer.validate(bad);
    assertThat(problems)
        .anySatisfy(
            p -> {
              assertThat(p.check()).isEqualTo(OscalCheck.SCHEMA);
              assertThat(p.error()).isTrue();
              assertThat(p.location()).contains("control-id");
            });
  }

  @Test
  void documentThatDeclaresAnObjectiveSatisfiedIsRejected() throws IOException {
    Path out = packet.resolve("assessment-results.json");
    writer.write(input(), out);
    ObjectNode doc = (ObjectNode) JSON.readTree(out.toFile());
    ObjectNode result = (ObjectNode) doc.at("/assessment-results/results/0");
    ObjectNode finding = result.putArray("findings").addObject();
    finding.put("uuid", UUID.randomUUID().toString());
    finding.put("title", "Application execution policy");
    finding.put("description", "Met.");
    ObjectNode target = finding.putObject("target");
    target.put("type", "objective-id");
    target.put("target-id", "CM.L2-3.4.8_obj.c");
    target.putObject("status").put("state", "satisfied");
    Path bad = packet.resolve("determination.json");
    JSON.writeValue(bad.toFile(), doc);

    List<OscalProblem> problems = writer.validate(bad);
    // A well-formed OSCAL finding: the schema accepts it, the packet rule does not.
    assertThat(problems).noneMatch(p -> p.check() == OscalCheck.SCHEMA);
    assertThat(problems)
        .anySatisfy(
            p -> {
              assertThat(p.check()).isEqualTo(OscalCheck.NO_DETERMINATION);
              assertThat(p.error()).isTrue();
              assertThat(p.location()).isEqualTo("/assessment-results/results/0/findings");
            })
        .anySatisfy(
            p ->
                assertThat(p.location())
                    .isEqualTo("/assessment-results/results/0/findings/0/target/status/state"));
  }

  @Test
  void missingRequiredFieldAndNonJsonAreReportedAsData() throws IOException {
    Path out = packet.resolve("assessment-results.json");
    writer.write(input(), out);
    ObjectNode doc = (ObjectNode) JSON.readTree(out.toFile());
    ((ObjectNode) doc.get("assessment-results")).remove("import-ap");
    Path noPlan = packet.resolve("no-plan.json");
    JSON.writeValue(noPlan.toFile(), doc);
    assertThat(writer.validate(noPlan))
        .anySatisfy(
            p -> {
              assertThat(p.check()).isEqualTo(OscalCheck.SCHEMA);
              assertThat(p.message()).contains("import-ap");
            });

    Path notJson = packet.resolve("not.json");
    Files.writeString(notJson, "{\"assessment-results\": ");
    assertThat(writer.validate(notJson))
        .singleElement()
        .satisfies(p -> assertThat(p.check()).isEqualTo(OscalCheck.JSON_SYNTAX));
    assertThat(writer.validate(packet.resolve("absent.json")))
        .singleElement()
        .satisfies(p -> assertThat(p.check()).isEqualTo(OscalCheck.JSON_SYNTAX));
  }

  @Test
  void sameInputGivesTheSameDocument() throws IOException {
    Path a = packet.resolve("a.json");
    Path b = packet.resolve("b.json");
    writer.write(input(), a);
    writer.write(input(), b);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }

  @Test
  void inputNamingWhatTheCatalogLacksIsRefused() throws IOException {
    AssessmentResultsInput in = input();
    Path out = packet.resolve("x.json");

    assertThatThrownBy(() -> writer.write(withLink(in, "CM.L2-3.4.8[d]"), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CM.L2-3.4.8[d]")
        .hasMessageContaining("not a CMMC Level 2 objective");
    assertThatThrownBy(() -> writer.write(withLink(in, "SI.L2-3.14.1[b]"), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SI.L2-3.14.1 is not in scope");
    assertThatThrownBy(
            () ->
                writer.write(
                    new AssessmentResultsInput(in.metadata(), List.of(), in.observations()), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no practices in scope");
    assertThatThrownBy(
            () ->
                writer.write(
                    new AssessmentResultsInput(
                        in.metadata(), List.of("SR.L2-3.17.1"), in.observations()),
                    out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SR.L2-3.17.1 is not a CMMC Level 2 practice");
    assertThatThrownBy(
            () ->
                writer.write(
                    new AssessmentResultsInput(
                        in.metadata(),
                        in.practicesInScope(),
                        List.of(in.observations().get(0), in.observations().get(0))),
                    out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("appears twice");
    assertThat(out).doesNotExist();
  }

  @Test
  void badEvidenceAndObservationValuesAreRefused() {
    assertThatThrownBy(
            () ->
                new EvidenceFile(
                    "../etc/passwd", "0".repeat(64), "text/plain", "x", Optional.empty()))
        .hasMessageContaining("relative inside the packet");
    assertThatThrownBy(
            () -> new EvidenceFile("a.json", "ABC", "application/json", "x", Optional.empty()))
        .hasMessageContaining("64 lower-case hex digits");
    assertThatThrownBy(
            () ->
                new EvidenceFile(
                    "a.json", "0".repeat(64), "application/json", "x", Optional.of("a\nb")))
        .hasMessageContaining("single line");
    assertThatThrownBy(
            () ->
                new Observation(
                    UUID.nameUUIDFromBytes(new byte[] {1}),
                    "t",
                    "d",
                    Set.of(Method.EXAMINE),
                    List.of(),
                    List.of(),
                    List.of(file("a.json")),
                    Instant.EPOCH,
                    List.of()))
        .hasMessageContaining("version 4 or 5");
    assertThatThrownBy(
            () ->
                new Observation(
                    UUID.randomUUID(),
                    "t",
                    "d",
                    Set.of(Method.EXAMINE),
                    List.of(),
                    List.of(),
                    List.of(),
                    Instant.EPOCH,
                    List.of()))
        .hasMessageContaining("names no evidence file");
    assertThatThrownBy(() -> Subject.image("registry.example/app:latest"))
        .hasMessageContaining("by digest");
    assertThatThrownBy(
            () ->
                new PacketMetadata(
                    "t",
                    "o",
                    Instant.parse("2025-09-30T00:00:00Z"),
                    Instant.parse("2025-07-01T00:00:00Z"),
                    "1",
                    Instant.EPOCH,
                    URI.create("ap.json")))
        .hasMessageContaining("before it starts");
  }

  @Test
  void uuidsAreNameBasedVersion5() {
    UUID u = Uuids.v5("evidence|a.json");
    assertThat(u.version()).isEqualTo(5);
    assertThat(u.variant()).isEqualTo(2);
    assertThat(Uuids.v5("evidence|a.json")).isEqualTo(u);
    assertThat(Uuids.v5("evidence|b.json")).isNotEqualTo(u);
  }

  // ---------------------------------------------------------------------------------------------

  private AssessmentResultsInput input() throws IOException {
    Path decisions = packet.resolve("evidence/admission/decisions.jsonl");
    Files.createDirectories(decisions.getParent());
    Files.writeString(
        decisions,
        "{\"seq\":1,\"uid\":\"7f0c\",\"allowed\":true,\"image\":\""
            + IMAGE_A
            + "\"}\n"
            + "{\"seq\":2,\"uid\":\"7f0d\",\"allowed\":false,\"image\":\""
            + IMAGE_B
            + "\",\"reason\":\"IDENTITY_MISMATCH\"}\n",
        StandardCharsets.UTF_8);
    Path repos = packet.resolve("evidence/ecr/describe-repositories.json");
    Files.createDirectories(repos.getParent());
    Files.writeString(
        repos,
        "{\"repositories\":[{\"repositoryName\":\"prod/payments-api\",\"imageTagMutability\":"
            + "\"IMMUTABLE\",\"encryptionConfiguration\":{\"encryptionType\":\"KMS\"}}]}\n",
        StandardCharsets.UTF_8);

    PacketMetadata meta =
        new PacketMetadata(
            "CMMC Level 2 evidence packet: container supply chain",
            "Example Defense Manufacturing, Inc.",
            Instant.parse("2025-07-01T00:00:00Z"),
            Instant.parse("2025-09-30T00:00:00Z"),
            "0.1.0",
            Instant.parse("2025-10-01T12:00:00Z"),
            URI.create("assessment-plan.json"));
    Observation admission =
        new Observation(
            UUID.fromString("0b6f2a1e-8c4d-4f3a-9e2b-7d1c5a9f3e40"),
            "Admission decisions of cluster prod-east",
            "Every workload admitted or denied by the admission webhook in the window.",
            Set.of(Method.TEST, Method.EXAMINE),
            List.of("control-objective"),
            List.of(Subject.image(IMAGE_A), Subject.image(IMAGE_B)),
            List.of(
                new EvidenceFile(
                    "evidence/admission/decisions.jsonl",
                    sha256(decisions),
                    "application/jsonl",
                    "Hash-chained admission decision records.",
                    Optional.of(
                        "admission decision log of cluster prod-east,"
                            + " 2025-07-01T00:00:00Z..2025-09-30T00:00:00Z"))),
            Instant.parse("2025-10-01T11:00:00Z"),
            List.of(
                new ObjectiveLink("CM.L2-3.4.8[c]", Coverage.DIRECT),
                new ObjectiveLink("AU.L2-3.3.8[b]", Coverage.PARTIAL)));
    Observation ecr =
        new Observation(
            UUID.fromString("5d3e9c2a-1b7f-4e8d-a6c0-2f9b8e7d6c51"),
            "Amazon ECR repository settings",
            "Encryption at rest and tag immutability of each repository.",
            Set.of(Method.EXAMINE),
            List.of(),
            List.of(new Subject("ecr-repository", "prod/payments-api", "prod/payments-api")),
            List.of(
                new EvidenceFile(
                    "evidence/ecr/describe-repositories.json",
                    sha256(repos),
                    "application/json",
                    "DescribeRepositories output.",
                    Optional.of(
                        "ecr:DescribeRepositories registryId=123456789012 region=us-gov-west-1"))),
            Instant.parse("2025-10-01T11:05:00Z"),
            List.of(new ObjectiveLink("SC.L2-3.13.16[a]", Coverage.PARTIAL)));
    return new AssessmentResultsInput(
        meta, List.of("CM.L2-3.4.8", "AU.L2-3.3.8", "SC.L2-3.13.16"), List.of(admission, ecr));
  }

  private static AssessmentResultsInput withLink(AssessmentResultsInput in, String objectiveId) {
    Observation o = in.observations().get(1);
    Observation changed =
        new Observation(
            o.uuid(),
            o.title(),
            o.description(),
            o.methods(),
            o.types(),
            o.subjects(),
            o.evidence(),
            o.collected(),
            List.of(new ObjectiveLink(objectiveId, Coverage.PARTIAL)));
    return new AssessmentResultsInput(
        in.metadata(), in.practicesInScope(), List.of(in.observations().get(0), changed));
  }

  private static EvidenceFile file(String path) {
    return new EvidenceFile(path, "0".repeat(64), "application/json", "x", Optional.empty());
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> ids(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  private static String prop(JsonNode props, String name) {
    for (JsonNode p : props) {
      if (p.get("name").asText().equals(name)) {
        assertThat(p.get("ns").asText()).isEqualTo(AssessmentResultsWriter.NAMESPACE.toString());
        return p.get("value").asText();
      }
    }
    throw new AssertionError("no property " + name + " in " + props);
  }

  private static List<Map.Entry<String, String>> props(JsonNode props, String name) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (JsonNode p : props) {
      if (p.get("name").asText().equals(name)) {
        out.add(Map.entry(p.get("value").asText(), p.get("class").asText()));
      }
    }
    return out;
  }

  private interface Visitor {
    void visit(String path, String key, JsonNode value);
  }

  private static void walk(JsonNode node, String path, Visitor v) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path + "/" + e.getKey();
        v.visit(p, e.getKey(), e.getValue());
        walk(e.getValue(), p, v);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        walk(a.get(i), path + "/" + i, v);
      }
    }
  }
}
