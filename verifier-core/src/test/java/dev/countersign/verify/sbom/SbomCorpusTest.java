package dev.countersign.verify.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.corpus.Corpus;
import dev.countersign.verify.verdict.ReasonCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The CycloneDX specification tests and real-world BOMs of {@code ../shared/corpus/sbom}, read in
 * place: every valid-* file is accepted, every invalid-* rejected naming the schema and the path,
 * and the real BOMs are summarised with counts checked against an independent count.
 */
class SbomCorpusTest {

  private static Path sbomCorpus() {
    return Corpus.require().resolve("sbom");
  }

  private static List<Path> specTests() throws IOException {
    try (Stream<Path> s = Files.walk(sbomCorpus().resolve("cyclonedx-spec-tests"))) {
      return s.filter(p -> p.getFileName().toString().matches("(valid|invalid)-.*\\.(json|xml)"))
          .sorted()
          .toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everySpecTestIsAcceptedOrRejectedAsItsNameSays() throws IOException {
    return specTests().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getParent().getFileName() + "/" + file.getFileName(),
                    () -> checkSpecTest(file)));
  }

  private static void checkSpecTest(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    String version = file.getParent().getFileName().toString();
    SbomValidation v = Sbom.validate(bytes);
    if (file.getFileName().toString().startsWith("valid-")) {
      assertThat(v.problems()).as(file + ": " + v.describe()).isEmpty();
      Sbom sbom = Sbom.parse(bytes);
      assertThat(sbom.specVersion()).isEqualTo(version);
      assertThat(v.describe()).startsWith("valid CycloneDX " + version);
    } else {
      assertThat(v.valid()).as(file + " must be rejected").isFalse();
      SbomValidation.Problem first = v.firstProblem().orElseThrow();
      assertThat(first.reason()).isEqualTo(ReasonCode.SBOM_INVALID);
      assertThat(v.schema()).isEqualTo("CycloneDX " + version + " JSON schema");
      assertThat(v.describe()).startsWith("CycloneDX " + version + " JSON schema: ");
      assertThat(first.path()).as("the path at fault").isNotEmpty();
      assertThat(first.message()).doesNotContain("\n").hasSizeLessThan(700);
      assertThatThrownBy(() -> Sbom.parse(bytes))
          .isInstanceOfSatisfying(
              EvidenceFormatException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(ReasonCode.SBOM_INVALID);
                assertThat(e.path()).isEqualTo(first.path());
                assertThat(e.describe()).contains("CycloneDX " + version + " JSON schema");
              });
    }
  }

  @Test
  void specTestCountsAndIndexAgree() throws IOException {
    List<Path> files = specTests();
    long valid =
        files.stream().filter(f -> f.getFileName().toString().startsWith("valid-")).count();
    long invalid = files.size() - valid;
    // 1.4: 29 valid, 22 invalid; 1.5: 36 valid, 22 invalid (the corpus as shipped)
    assertThat(valid).isGreaterThanOrEqualTo(65);
    assertThat(invalid).isGreaterThanOrEqualTo(44);
    for (List<String> row : Corpus.tsv(sbomCorpus().resolve("index.tsv"))) {
      Path file = sbomCorpus().resolve(row.get(0));
      boolean expectValid = row.get(2).startsWith("valid");
      SbomValidation v = Sbom.validate(Files.readAllBytes(file));
      assertThat(v.valid()).as(row.get(0) + ": " + v.describe()).isEqualTo(expectValid);
    }
    System.out.println(
        "CycloneDX spec tests: " + valid + " valid accepted, " + invalid + " invalid rejected");
  }

  @Test
  void invalidSpecTestMessagesNameTheFieldAndRule() throws Exception {
    Path dir = sbomCorpus().resolve("cyclonedx-spec-tests");
    assertThat(describe(dir.resolve("1.4/invalid-component-type-1.4.json")))
        .startsWith("CycloneDX 1.4 JSON schema: components[0].type: value \"foo\" is not one of")
        .contains("[schema #/definitions/component/properties/type/enum]");
    assertThat(describe(dir.resolve("1.5/invalid-metadata-timestamp-1.5.json")))
        .startsWith("CycloneDX 1.5 JSON schema: metadata.timestamp: value \"2020-04-13\"");
    assertThat(describe(dir.resolve("1.5/invalid-license-id-1.5.json")))
        .startsWith("CycloneDX 1.5 JSON schema: components[0].licenses: ")
        .contains("closest alternative fails at components[0].licenses[0].license.id")
        .contains("\"Apache-2\"");
    assertThat(describe(dir.resolve("1.4/invalid-empty-component-1.4.json")))
        .isEqualTo(
            "CycloneDX 1.4 JSON schema: components[0]: required property 'name' not found"
                + " [schema #/definitions/component/required]");
  }

  private static String describe(Path file) throws IOException {
    return Sbom.validate(Files.readAllBytes(file)).describe();
  }

  /** Expected facts of a real BOM, counted independently of the library. */
  private record Expected(
      String file,
      String format,
      int components,
      int licenses,
      String metadataComponent,
      int dependencies) {}

  @Test
  void realBomsAreSummarised() throws Exception {
    List<Expected> expected =
        List.of(
            new Expected(
                "SBOM/dropwizard-1.3.15/bom.json",
                "CycloneDX 1.2 JSON",
                167,
                23,
                "io.dropwizard/dropwizard-parent@1.3.15 (pkg:maven/io.dropwizard/dropwizard-parent@1.3.15)",
                167),
            // the XML lacks the JSON's one licence expression "(CDDL-1.0 OR GPL-2.0-with-...)"
            new Expected(
                "SBOM/dropwizard-1.3.15/bom.xml",
                "CycloneDX 1.2 XML",
                167,
                22,
                "io.dropwizard/dropwizard-parent@1.3.15 (pkg:maven/io.dropwizard/dropwizard-parent@1.3.15)",
                167),
            new Expected(
                "SBOM/keycloak-10.0.2/bom.json",
                "CycloneDX 1.2 JSON",
                903,
                56,
                "org.keycloak/keycloak-parent@10.0.2 (pkg:maven/org.keycloak/keycloak-parent@10.0.2)",
                899),
            new Expected(
                "SBOM/cern-lhc-vdm-editor-e564943/bom.json",
                "CycloneDX 1.2 JSON",
                43,
                4,
                "lhc-vdm-editor@0.0.1 (pkg:npm/lhc-vdm-editor@0.0.1)",
                0),
            new Expected(
                "SBOM/laravel-7.12.0/bom.1.4.json",
                "CycloneDX 1.4 JSON",
                62,
                3,
                "cyclonedx/cyclonedx-php-composer-demo@dev-master"
                    + " (pkg:composer/cyclonedx/cyclonedx-php-composer-demo@dev-master)",
                63),
            new Expected(
                "SBOM/proton-bridge/proton-bridge-v1.8.0.bom.json",
                "CycloneDX 1.2 JSON",
                201,
                10,
                "github.com/ProtonMail/proton-bridge@v1.8.0"
                    + " (pkg:golang/github.com/ProtonMail/proton-bridge@v1.8.0)",
                202),
            new Expected(
                "HBOM/PCIe-SATA-adapter-board/bom.json",
                "CycloneDX 1.4 JSON",
                6,
                0,
                "uk.ac.cam.cl/pcie-sata-adaptor-board@rev-1",
                0),
            new Expected(
                "CBOM/Protocol/bom.json", "CycloneDX 1.6 JSON", 8, 0, "my application@1.0", 0),
            new Expected(
                "CBOM/Example-With-Dependencies/bom.json",
                "CycloneDX 1.6 JSON",
                3,
                0,
                "Acme Application@1.0",
                4),
            new Expected(
                "SaaSBOM/apigateway-microservices-datastores/bom.json",
                "CycloneDX 1.4 JSON",
                0,
                0,
                "Acme Cloud Example@2022-1",
                5));
    List<String> lines = new ArrayList<>();
    for (Expected e : expected) {
      Sbom sbom =
          Sbom.parse(Files.readAllBytes(sbomCorpus().resolve("bom-examples").resolve(e.file())));
      SbomSummary s = sbom.summary();
      assertThat(s.format().label(s.specVersion())).as(e.file()).isEqualTo(e.format());
      assertThat(s.componentCount()).as(e.file()).isEqualTo(e.components());
      assertThat(s.licenses()).as(e.file()).hasSize(e.licenses());
      assertThat(s.metadataComponent()).as(e.file()).contains(e.metadataComponent());
      assertThat(s.dependencyCount()).as(e.file()).isEqualTo(e.dependencies());
      lines.add(e.file() + ": " + s.describe());
    }
    Sbom dropwizard =
        Sbom.parse(
            Files.readAllBytes(
                sbomCorpus().resolve("bom-examples/SBOM/dropwizard-1.3.15/bom.json")));
    assertThat(dropwizard.timestamp()).contains(Instant.parse("2020-08-02T21:27:04Z"));
    assertThat(dropwizard.serialNumber()).contains("urn:uuid:b4f2954f-a96d-4578-9509-1ae2d6476209");
    assertThat(dropwizard.summary().licenses()).containsEntry("Apache-2.0", 86);
    assertThat(dropwizard.summary().describe())
        .contains("; licences: Apache-2.0 (86), EPL-1.0 (25), CDDL-1.1 (16), MIT (9),")
        .contains(" and 13 more; metadata component: io.dropwizard/dropwizard-parent@1.3.15");
    lines.forEach(System.out::println);
  }

  @Test
  void vexExamplesParseAndMitigateTheirProducts() throws Exception {
    Path vexDir = sbomCorpus().resolve("bom-examples/VEX");
    VexDocument case11 =
        VexDocument.parse(Files.readAllBytes(vexDir.resolve("Use-Cases/Case-11/vex.json")));
    VexDocument cisa2 =
        VexDocument.parse(Files.readAllBytes(vexDir.resolve("CISA-Use-Cases/Case-2/vex.json")));
    assertThat(case11.format()).isEqualTo(VexDocument.Format.CYCLONEDX);
    assertThat(case11.statements()).hasSize(19);
    assertThat(cisa2.statements()).hasSize(19);
    assertThat(case11.statements())
        .allSatisfy(
            s -> {
              assertThat(s.status()).isEqualTo(VexStatus.NOT_AFFECTED);
              assertThat(s.products())
                  .singleElement()
                  .satisfies(p -> assertThat(p.documentSubject()).isTrue());
            });
    // An SBOM of "Acme Product 2.2.0" listing two of those CVEs as critical: the VEX clears them.
    byte[] sbom =
        TestBoms.cyclonedx("1.5")
            .metadataComponent("application", "Acme Product", "2.2.0", null)
            .component("lib", "tcpstack", "1.0", "pkg:generic/treck/tcpstack@1.0")
            .vulnerability("CVE-2020-11896", "critical", null, "lib")
            .vulnerability("CVE-2020-11914", "critical", null, null)
            .bytes();
    SbomPolicy policy = SbomPolicy.builder().failOnSeverity(Severity.HIGH).build();
    List<SbomFinding> without =
        SbomGate.evaluate(Sbom.parse(sbom), policy, SbomSubject.none(), List.of(), Instant.now());
    assertThat(without).filteredOn(f -> !f.ok()).hasSize(2);
    List<SbomFinding> with =
        SbomGate.evaluate(
            Sbom.parse(sbom), policy, SbomSubject.none(), List.of(case11), Instant.now());
    assertThat(with).allMatch(SbomFinding::ok);
    assertThat(with.get(with.size() - 1).evidence().get("mitigated")).contains("not_affected");
    // The CISA case names "ABC 4.2": it says nothing about Acme Product.
    assertThat(
            SbomGate.evaluate(
                Sbom.parse(sbom), policy, SbomSubject.none(), List.of(cisa2), Instant.now()))
        .filteredOn(f -> !f.ok())
        .hasSize(2);
    System.out.println("VEX examples: " + case11.describe() + "; " + cisa2.describe());
  }

  @Test
  void schemasInTheCorpusAreTheOnesTheLibraryBundles() throws Exception {
    for (String v : List.of("1.4", "1.5", "1.6")) {
      String name = "bom-" + v + ".schema.json";
      byte[] corpus = Files.readAllBytes(sbomCorpus().resolve("schemas").resolve(name));
      try (var in =
          org.cyclonedx.CycloneDxSchema.class.getClassLoader().getResourceAsStream(name)) {
        assertThat(in).as(name + " bundled").isNotNull();
        JsonNode bundled = TestBoms.JSON.readTree(in);
        assertThat(bundled.get("$id")).isEqualTo(TestBoms.JSON.readTree(corpus).get("$id"));
        assertThat(bundled.get("definitions").size())
            .isEqualTo(TestBoms.JSON.readTree(corpus).get("definitions").size());
      }
    }
  }
}
