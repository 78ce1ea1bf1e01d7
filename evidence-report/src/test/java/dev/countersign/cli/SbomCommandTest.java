package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code countersign sbom validate} and {@code sbom check}, in-process: exit codes 0/1/2, one line
 * per result or error, never a stack trace.
 */
class SbomCommandTest {
  static final String DIGEST = "b".repeat(64);
  static final String LOG4J = "pkg:maven/org.apache.logging.log4j/log4j-core";
  static final String BOM =
      """
      {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
       "metadata": {"timestamp": "2025-06-01T00:00:00Z",
         "component": {"type": "container", "bom-ref": "app", "name": "ghcr.io/acme/app",
                       "purl": "pkg:oci/app@sha256%3A%s"}},
       "components": [
         {"type": "library", "bom-ref": "a", "name": "log4j-core", "version": "2.14.1",
          "purl": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
          "licenses": [{"license": {"id": "Apache-2.0"}}]}],
       "vulnerabilities": [
         {"id": "CVE-2021-44228", "ratings": [{"severity": "critical"}], "affects": [{"ref": "a"}]}]}
      """
          .replace("%s", DIGEST);

  @TempDir Path tmp;

  private Path write(String name, String content) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static void assertNoStackTrace(CliRun r) {
    assertThat(r.out() + r.err())
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContain("SLF4J");
  }

  @Test
  void validateAcceptsAValidBomWithASummary() throws Exception {
    CliRun r = CliRun.of("sbom", "validate", write("bom.json", BOM).toString());
    assertThat(r.exitCode()).isEqualTo(0);
    assertThat(r.lines())
        .singleElement()
        .asString()
        .startsWith("VALID ")
        .endsWith(
            "bom.json: CycloneDX 1.5 JSON; 1 component; licences: Apache-2.0 (1); metadata component:"
                + " ghcr.io/acme/app (pkg:oci/app@sha256%3A"
                + DIGEST
                + "); 1 vulnerability");
    assertNoStackTrace(r);
  }

  @Test
  void validateRejectsAnInvalidBomWithTheFirstError() throws Exception {
    Path bad = write("bad.json", BOM.replace("\"type\": \"library\"", "\"type\": \"gadget\""));
    CliRun r = CliRun.of("sbom", "validate", bad.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.lines())
        .singleElement()
        .asString()
        .contains(
            "bad.json: SBOM_INVALID: CycloneDX 1.5 JSON schema: components[0].type: value \"gadget\"");
    assertNoStackTrace(r);
    CliRun json = CliRun.of("sbom", "validate", "--output", "json", bad.toString());
    assertThat(json.exitCode()).isEqualTo(1);
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertThat(doc.get("valid").booleanValue()).isFalse();
    assertThat(doc.get("problems").get(0).get("path").textValue()).isEqualTo("components[0].type");
    CliRun malformed = CliRun.of("sbom", "validate", write("m.json", "{\"bomFormat\":").toString());
    assertThat(malformed.exitCode()).isEqualTo(1);
    assertThat(malformed.lines()).singleElement().asString().contains("EVIDENCE_MALFORMED");
    assertNoStackTrace(malformed);
  }

  @Test
  void validateReadsTheCorpusSpecTests() throws Exception {
    String corpus = System.getProperty("countersign.corpus");
    Path dir = corpus == null ? null : Paths.get(corpus, "sbom", "cyclonedx-spec-tests", "1.4");
    assumeTrue(dir != null && Files.isDirectory(dir), "external corpus not present: test skipped");
    CliRun ok = CliRun.of("sbom", "validate", dir.resolve("valid-bom-1.4.json").toString());
    assertThat(ok.exitCode()).isEqualTo(0);
    CliRun bad = CliRun.of("sbom", "validate", dir.resolve("invalid-hash-alg-1.4.json").toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.lines())
        .singleElement()
        .asString()
        .contains("CycloneDX 1.4 JSON schema: components[0].hashes[0].alg: value \"FOO\"");
  }

  @Test
  void usageErrorsExitTwoOnOneLine() throws Exception {
    CliRun missing = CliRun.of("sbom", "validate", tmp.resolve("nope.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.lines())
        .singleElement()
        .asString()
        .startsWith("countersign: INPUT_UNREADABLE: cannot read SBOM");
    CliRun noSub = CliRun.of("sbom");
    assertThat(noSub.exitCode()).isEqualTo(2);
    assertThat(noSub.err()).contains("missing subcommand");
    CliRun noPolicy = CliRun.of("sbom", "check", write("bom.json", BOM).toString());
    assertThat(noPolicy.exitCode()).isEqualTo(2);
    assertThat(noPolicy.err()).contains("--policy");
    assertNoStackTrace(missing);
  }

  @Test
  void checkAppliesThePolicyGates() throws Exception {
    Path bom = write("bom.json", BOM);
    Path policy =
        write(
            "policy.yaml",
            """
            deniedPurls:
              - pkg:npm/left-pad
              - { purl: pkg:maven/org.apache.logging.log4j/log4j-core, versions: "vers:maven/>=2.0.0|<2.17.1" }
            deniedLicenses: [GPL-3.0-only]
            maxAge: 30d
            failOnSeverity: high
            requireSubjectMatch: true
            """);
    CliRun r =
        CliRun.of(
            "sbom",
            "check",
            bom.toString(),
            "--policy",
            policy.toString(),
            "--subject",
            "ghcr.io/acme/app@sha256:" + DIGEST,
            "--time",
            "2025-06-10T00:00:00Z");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.lines())
        .containsExactly(
            "PASS sbom.format: CycloneDX 1.5 JSON; 1 component; licences: Apache-2.0 (1); metadata component:"
                + " ghcr.io/acme/app (pkg:oci/app@sha256%3A"
                + DIGEST
                + "); 1 vulnerability",
            "PASS sbom.subject: the metadata component ghcr.io/acme/app (pkg:oci/app@sha256%3A"
                + DIGEST
                + ") is the subject, by digest sha256:"
                + DIGEST,
            "PASS sbom.age: the SBOM of 2025-06-01T00:00:00Z is within 30d",
            "FAIL sbom.components SBOM_DENIED_COMPONENT: component log4j-core@2.14.1 ("
                + LOG4J
                + "@2.14.1)"
                + " is denied by "
                + LOG4J
                + "@vers:maven/>=2.0.0|<2.17.1: version 2.14.1 is in vers:maven/>=2.0.0|<2.17.1",
            "PASS sbom.licenses: no component under a denied licence among 2 components (1 declare no licence)",
            "FAIL sbom.vulnerabilities VULNERABILITY_UNMITIGATED: CVE-2021-44228 (critical) in log4j-core@2.14.1 ("
                + LOG4J
                + "@2.14.1): no VEX statement covers it");
    assertNoStackTrace(r);
  }

  @Test
  void checkPassesWithVexAndGivesJson() throws Exception {
    Path bom = write("bom.json", BOM);
    Path policy = write("policy.json", "{\"sbom\": {\"failOnSeverity\": \"critical\"}}");
    Path vex =
        write(
            "vex.json",
            """
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://acme.example/vex/1",
             "timestamp": "2025-06-02T00:00:00Z",
             "statements": [{"vulnerability": {"name": "CVE-2021-44228"},
               "products": [{"@id": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}],
               "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}
            """);
    CliRun r =
        CliRun.of(
            "sbom",
            "check",
            bom.toString(),
            "--policy",
            policy.toString(),
            "--vex",
            vex.toString());
    assertThat(r.exitCode()).isEqualTo(0);
    assertThat(r.lines()).hasSize(2).allMatch(l -> l.startsWith("PASS "));
    CliRun json =
        CliRun.of(
            "sbom",
            "check",
            bom.toString(),
            "--policy",
            policy.toString(),
            "--vex",
            vex.toString(),
            "--output",
            "json");
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertThat(doc.get("outcome").textValue()).isEqualTo("PASS");
    assertThat(doc.get("findings").get(1).get("evidence").get("mitigated").textValue())
        .contains("not_affected");
    CliRun badVex =
        CliRun.of(
            "sbom",
            "check",
            bom.toString(),
            "--policy",
            policy.toString(),
            "--vex",
            write("bad-vex.json", "{\"@context\":\"https://openvex.dev/ns\"}").toString());
    assertThat(badVex.exitCode()).isEqualTo(1);
    assertThat(badVex.lines().get(0))
        .startsWith("FAIL sbom.vex EVIDENCE_MALFORMED: ")
        .endsWith("statements: OpenVEX: required field is missing");
  }

  @Test
  void policyErrorsNameTheFileAndField() throws Exception {
    Path bom = write("bom.json", BOM);
    String[][] cases = {
      {
        "unknown: 1\n",
        "p.yaml: unknown: unknown field; expected one of deniedLicenses, deniedPurls,"
      },
      {
        "deniedPurls: [pkg:npm/a, not-a-purl]\n",
        "p.yaml: deniedPurls[1]: not a package URL: 'not-a-purl'"
      },
      {"deniedPurls: [\"pkg:npm/a@vers:npm/>>1\"]\n", "p.yaml: deniedPurls[0]: not a vers range"},
      {"maxAge: soon\n", "p.yaml: maxAge: not a duration like 30d"},
      {"failOnSeverity: severe\n", "p.yaml: failOnSeverity: 'severe' is not one of critical"},
      {"requireSubjectMatch: yes please\n", "p.yaml: requireSubjectMatch: must be true or false"},
      {"deniedLicenses: [MIT OR GPL]\n", "p.yaml: deniedLicenses: not an SPDX licence id"},
      {"deniedPurls: [\n", "p.yaml: not YAML or JSON: line "},
    };
    for (String[] c : cases) {
      CliRun r =
          CliRun.of("sbom", "check", bom.toString(), "--policy", write("p.yaml", c[0]).toString());
      assertThat(r.exitCode()).as(c[0]).isEqualTo(2);
      assertThat(r.lines())
          .as(c[0])
          .singleElement()
          .asString()
          .startsWith("countersign: POLICY_INVALID: ")
          .contains(c[1]);
      assertNoStackTrace(r);
    }
  }
}
