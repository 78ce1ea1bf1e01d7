package dev.countersign.verify.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.sbom.SbomComponent.License;
import dev.countersign.verify.verdict.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Format detection, what is read from each format, and how bad documents are reported. */
class SbomParseTest {
  private static final String SHA = "a".repeat(64);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static EvidenceFormatException parseFails(byte[] doc) {
    try {
      Sbom.parse(doc);
    } catch (EvidenceFormatException e) {
      return e;
    }
    throw new AssertionError("expected EvidenceFormatException");
  }

  @Test
  void cycloneDxJsonIsReadWithNestedComponentsLicencesAndVulnerabilities() throws Exception {
    byte[] doc =
        TestBoms.cyclonedx("1.5")
            .serial("3e671687-395b-41f5-a30f-a58921a69b79")
            .timestamp("2025-06-01T12:00:00Z")
            .metadataComponent(
                "container", "ghcr.io/acme/app", "1.0", "pkg:oci/app@sha256%3A" + SHA)
            .hash("SHA-256", SHA.toUpperCase())
            .component(
                "a", "log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")
            .licenseId("Apache-2.0")
            .nested("b", "inner", "0.1", null)
            .component("c", "gpl-thing", "1", null)
            .licenseExpression("MIT OR GPL-3.0-only")
            .component("d", "named", "2", null)
            .licenseName("Some Licence")
            .vulnerability("CVE-2021-44228", null, 10.0, "a")
            .alias("GHSA-jfh8-c2jp-5v3q")
            .analysis("exploitable", "2025-06-02T00:00:00Z")
            .bytes();
    Sbom sbom = Sbom.parse(doc);
    assertThat(sbom.format()).isEqualTo(SbomFormat.CYCLONEDX_JSON);
    assertThat(sbom.specVersion()).isEqualTo("1.5");
    assertThat(sbom.serialNumber()).contains("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
    assertThat(sbom.timestamp()).contains(Instant.parse("2025-06-01T12:00:00Z"));
    SbomComponent app = sbom.metadataComponent().orElseThrow();
    assertThat(app.type()).isEqualTo("container");
    assertThat(app.hashes()).containsEntry("sha256", SHA);
    assertThat(sbom.components())
        .extracting(SbomComponent::name)
        .containsExactly("log4j-core", "inner", "gpl-thing", "named");
    assertThat(sbom.components().get(0).licenses())
        .containsExactly(new License(License.Kind.ID, "Apache-2.0"));
    assertThat(sbom.components().get(2).licenses())
        .containsExactly(new License(License.Kind.EXPRESSION, "MIT OR GPL-3.0-only"));
    assertThat(sbom.components().get(3).licenses())
        .containsExactly(new License(License.Kind.NAME, "Some Licence"));
    SbomVulnerability v = sbom.vulnerabilities().get(0);
    assertThat(v.id()).isEqualTo("CVE-2021-44228");
    assertThat(v.aliases()).containsExactly("GHSA-jfh8-c2jp-5v3q");
    assertThat(v.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(v.analysis().orElseThrow().state()).isEqualTo(VexStatus.EXPLOITABLE);
    assertThat(v.affects()).containsExactly("a");
    assertThat(sbom.summary().describe())
        .isEqualTo(
            "CycloneDX 1.5 JSON; 4 components; licences: Apache-2.0 (1), MIT OR GPL-3.0-only (1),"
                + " Some Licence (1); metadata component: ghcr.io/acme/app@1.0 (pkg:oci/app@sha256%3A"
                + SHA
                + "); 1 vulnerability");
  }

  @Test
  void cycloneDxXmlIsValidatedWithElementPaths() throws Exception {
    String ok =
        "<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\" version=\"1\">\n"
            + "<metadata><timestamp>2024-01-01T00:00:00Z</timestamp>\n"
            + "<component type=\"application\"><name>app</name><version>2</version></component></metadata>\n"
            + "<components><component type=\"library\" bom-ref=\"x\"><name>x</name><version>1</version>"
            + "<licenses><license><id>MIT</id></license></licenses>"
            + "<purl>pkg:npm/x@1</purl></component></components>\n</bom>";
    Sbom sbom = Sbom.parse(utf8(ok));
    assertThat(sbom.format()).isEqualTo(SbomFormat.CYCLONEDX_XML);
    assertThat(sbom.specVersion()).isEqualTo("1.4");
    assertThat(sbom.components())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.purl()).contains("pkg:npm/x@1");
              assertThat(c.licenses()).containsExactly(new License(License.Kind.ID, "MIT"));
            });
    String bad = ok.replace("type=\"library\"", "type=\"gadget\"");
    SbomValidation v = Sbom.validate(utf8(bad));
    assertThat(v.valid()).isFalse();
    assertThat(v.schema()).isEqualTo("CycloneDX 1.4 XML schema");
    assertThat(v.firstProblem().orElseThrow().path()).isEqualTo("bom.components[0].component[0]");
    assertThat(v.describe())
        .startsWith("CycloneDX 1.4 XML schema: bom.components[0].component[0]: line 5, column ")
        .contains("gadget");
    assertThat(parseFails(utf8(bad)).reason()).isEqualTo(ReasonCode.SBOM_INVALID);
    String unsupported = ok.replace("bom/1.4", "bom/1.9");
    assertThat(Sbom.validate(utf8(unsupported)).describe())
        .contains("\"1.9\" is not supported in XML");
  }

  @Test
  void hostileXmlIsRejectedBeforeAnyEntityIsExpanded() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"><components><component type=\"library\">"
            + "<name>&x;</name></component></components></bom>";
    EvidenceFormatException e = parseFails(utf8(xxe));
    assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    assertThat(e.getMessage()).contains("DOCTYPE");
    String deep =
        "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\">"
            + "<a>".repeat(500)
            + "</a>".repeat(500)
            + "</bom>";
    assertThat(parseFails(utf8(deep)).getMessage()).contains("nested deeper than 200");
    assertThat(
            parseFails(utf8("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"><x></bom>"))
                .getMessage())
        .startsWith("not well-formed XML: line 1, column");
    assertThat(parseFails(utf8("<html/>")).getMessage()).contains("root element is <html>");
  }

  @Test
  void spdxJsonIsRecognisedWithItsDescribedPackage() throws Exception {
    Sbom sbom = Sbom.parse(TestBoms.spdx("acme/app", SHA, "pkg:oci/app@sha256%3A" + SHA));
    assertThat(sbom.format()).isEqualTo(SbomFormat.SPDX_JSON);
    assertThat(sbom.specVersion()).isEqualTo("SPDX-2.3");
    assertThat(sbom.serialNumber()).contains("https://example.com/spdx/app-1");
    assertThat(sbom.timestamp()).contains(Instant.parse("2025-05-01T10:00:00Z"));
    SbomComponent described = sbom.metadataComponent().orElseThrow();
    assertThat(described.name()).isEqualTo("acme/app");
    assertThat(described.type()).isEqualTo("container");
    assertThat(described.hashes()).containsEntry("sha256", SHA);
    assertThat(described.purl()).contains("pkg:oci/app@sha256%3A" + SHA);
    assertThat(sbom.components())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("zlib");
              assertThat(c.licenses()).containsExactly(new License(License.Kind.ID, "Zlib"));
            });
    assertThat(sbom.dependencyCount()).isEqualTo(2);
    assertThat(sbom.summary().describe())
        .startsWith("SPDX SPDX-2.3 JSON; 1 component; licences: Zlib (1)");
  }

  @Test
  void badSpdxNamesEveryField() {
    String doc =
        "{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":7,"
            + "\"creationInfo\":{\"created\":\"yesterday\"},\"packages\":[{\"name\":\"x\"}]}";
    SbomValidation v = Sbom.validate(utf8(doc));
    assertThat(v.problems())
        .extracting(SbomValidation.Problem::describe)
        .containsExactly(
            "name: must be a string",
            "documentNamespace: required field is missing",
            "creationInfo.created: not an RFC 3339 date-time: \"yesterday\"",
            "packages[0].SPDXID: required field is missing");
    assertThat(Sbom.validate(utf8("{\"spdxVersion\":\"SPDX-3.0\"}")).describe())
        .contains("\"SPDX-3.0\" is not supported");
  }

  @Test
  void documentsThatAreNoSbomSayWhatTheyAre() {
    assertThat(parseFails(utf8("")).getMessage()).isEqualTo("the document is empty");
    assertThat(parseFails(utf8("[1]")).getMessage()).contains("JSON array");
    assertThat(parseFails(utf8("hello")).getMessage()).contains("neither a JSON object nor XML");
    assertThat(parseFails(utf8("{\"a\":1,\"a\":2}")).reason())
        .isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
    assertThat(parseFails(utf8("{\"statements\":[]}")).getMessage()).contains("OpenVEX");
    assertThat(parseFails(utf8("{\"predicateType\":\"x\"}")).getMessage())
        .contains("in-toto statement");
    assertThat(parseFails(utf8("{\"hello\":1}")).getMessage()).contains("neither CycloneDX");
    EvidenceFormatException noVersion = parseFails(utf8("{\"bomFormat\":\"CycloneDX\"}"));
    assertThat(noVersion.reason()).isEqualTo(ReasonCode.SBOM_INVALID);
    assertThat(noVersion.describe()).isEqualTo("specVersion: required field is missing");
    assertThat(parseFails(utf8("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.7\"}")).describe())
        .isEqualTo(
            "specVersion: CycloneDX \"1.7\" is not supported in JSON (supported: 1.2 to 1.6)");
    assertThat(parseFails(utf8("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.1\"}")).describe())
        .contains("not supported in JSON");
    byte[] huge = new byte[Sbom.MAX_BYTES + 1];
    assertThat(parseFails(huge).getMessage()).contains("larger than");
  }

  @Test
  void revisedSchemaUrisOfVersions12And13AreTheirOwnVersion() {
    // What CycloneDX's Python, JavaScript and PHP libraries write for 1.2 and 1.3 BOMs.
    String component = "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"version\":\"1\"}]}";
    for (String[] versionAndUri :
        new String[][] {
          {"1.2", "http://cyclonedx.org/schema/bom-1.2b.schema.json"},
          {"1.2", "http://cyclonedx.org/schema/bom-1.2a.schema.json"},
          {"1.3", "http://cyclonedx.org/schema/bom-1.3a.schema.json"},
          {"1.3", "http://cyclonedx.org/schema/bom-1.3.schema.json"}
        }) {
      String doc =
          "{\"$schema\":\""
              + versionAndUri[1]
              + "\",\"bomFormat\":\"CycloneDX\",\"specVersion\":\""
              + versionAndUri[0]
              + "\",\"version\":1,"
              + component;
      assertThat(Sbom.validate(utf8(doc)).valid()).as(doc).isTrue();
    }
    // Another version's schema is still refused.
    String other =
        "{\"$schema\":\"http://cyclonedx.org/schema/bom-1.4.schema.json\","
            + "\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.3\",\"version\":1,"
            + component;
    SbomValidation v = Sbom.validate(utf8(other));
    assertThat(v.valid()).isFalse();
    assertThat(v.describe()).contains("$schema");
  }

  @Test
  void schemaErrorsKeepEveryProblemWithItsPath() {
    byte[] doc =
        utf8(
            "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":["
                + "{\"type\":\"library\",\"name\":\"a\",\"hashes\":[{\"alg\":\"SHA-256\",\"content\":\"zz\"}]},"
                + "{\"name\":\"b\"}]}");
    SbomValidation v = Sbom.validate(doc);
    assertThat(v.problems())
        .extracting(SbomValidation.Problem::path)
        .containsExactly("components[0].hashes[0].content", "components[1]");
    assertThat(v.describe())
        .startsWith(
            "CycloneDX 1.6 JSON schema: components[0].hashes[0].content: value \"zz\" does not match");
    EvidenceFormatException e = parseFails(doc);
    assertThat(e.describe())
        .startsWith(
            "components[0].hashes[0].content: does not match the CycloneDX 1.6 JSON schema: value");
  }

  @Test
  void severityFollowsTheHighestRatingAndCvssRanges() {
    assertThat(Severity.fromCvssScore(0.0)).isEqualTo(Severity.NONE);
    assertThat(Severity.fromCvssScore(3.9)).isEqualTo(Severity.LOW);
    assertThat(Severity.fromCvssScore(4.0)).isEqualTo(Severity.MEDIUM);
    assertThat(Severity.fromCvssScore(7.0)).isEqualTo(Severity.HIGH);
    assertThat(Severity.fromCvssScore(9.0)).isEqualTo(Severity.CRITICAL);
    assertThat(Severity.fromCvssScore(11)).isEqualTo(Severity.UNKNOWN);
    SbomVulnerability v =
        new SbomVulnerability(
            "CVE-1",
            List.of(),
            List.of(
                new SbomVulnerability.Rating(
                    java.util.Optional.empty(),
                    java.util.Optional.of(5.0),
                    Severity.UNKNOWN,
                    java.util.Optional.empty()),
                new SbomVulnerability.Rating(
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    Severity.HIGH,
                    java.util.Optional.empty())),
            java.util.Optional.empty(),
            List.of());
    assertThat(v.severity()).isEqualTo(Severity.HIGH);
    assertThat(Severity.UNKNOWN.atLeast(Severity.CRITICAL)).isTrue();
    assertThat(Severity.MEDIUM.atLeast(Severity.HIGH)).isFalse();
  }

  @Test
  void validateNeverThrowsAndParseAgreesWithIt() {
    for (String doc :
        List.of("", "{", "<", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}")) {
      SbomValidation v = Sbom.validate(utf8(doc));
      if (v.valid()) {
        assertThat(v.format()).contains(SbomFormat.CYCLONEDX_JSON);
      } else {
        assertThatThrownBy(() -> Sbom.parse(utf8(doc))).isInstanceOf(EvidenceFormatException.class);
      }
    }
  }
}
