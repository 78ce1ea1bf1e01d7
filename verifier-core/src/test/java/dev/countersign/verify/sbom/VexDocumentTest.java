package dev.countersign.verify.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.sbom.VexStatement.Product;
import dev.countersign.verify.verdict.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** OpenVEX and CycloneDX VEX documents as read, and how malformed ones are reported. */
class VexDocumentTest {

  private static VexDocument parse(String json) throws EvidenceFormatException {
    return VexDocument.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void openVexV02StatementsAreRead() throws Exception {
    VexDocument d =
        parse(
            """
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://acme.example/vex/7",
             "author": "Acme", "timestamp": "2025-01-01T00:00:00Z", "version": 2,
             "statements": [
              {"vulnerability": {"@id": "https://nvd.nist.gov/vuln/detail/CVE-2023-1",
                                 "name": "CVE-2023-1", "aliases": ["GHSA-xxxx-yyyy-zzzz"]},
               "products": [{"@id": "pkg:oci/app@sha256%3Aabc",
                             "identifiers": {"purl": "pkg:oci/app@sha256%3Aabc?arch=amd64"},
                             "hashes": {"sha-256": "ABCDEF"},
                             "subcomponents": [{"@id": "pkg:golang/golang.org/x/net@v0.1.0"}]}],
               "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path",
               "last_updated": "2025-02-01T00:00:00Z"},
              {"vulnerability": {"name": "CVE-2023-2"}, "products": [{"@id": "pkg:npm/x@1"}],
               "status": "under_investigation"}]}
            """);
    assertThat(d.format()).isEqualTo(VexDocument.Format.OPENVEX);
    assertThat(d.id()).isEqualTo("https://acme.example/vex/7");
    assertThat(d.statements()).hasSize(2);
    VexStatement first = d.statements().get(0);
    assertThat(first.vulnerabilityIds())
        .containsExactly(
            "CVE-2023-1", "https://nvd.nist.gov/vuln/detail/CVE-2023-1", "GHSA-xxxx-yyyy-zzzz");
    assertThat(first.status()).isEqualTo(VexStatus.NOT_AFFECTED);
    assertThat(first.status().mitigates()).isTrue();
    assertThat(first.justification()).contains("vulnerable_code_not_in_execute_path");
    assertThat(first.timestamp()).contains(Instant.parse("2025-02-01T00:00:00Z"));
    Product p = first.products().get(0);
    assertThat(p.purl()).contains("pkg:oci/app@sha256%3Aabc?arch=amd64");
    assertThat(p.hashes()).isEqualTo(Map.of("sha256", "abcdef"));
    assertThat(p.subcomponents())
        .singleElement()
        .satisfies(s -> assertThat(s.purl()).contains("pkg:golang/golang.org/x/net@v0.1.0"));
    VexStatement second = d.statements().get(1);
    assertThat(second.status().mitigates()).isFalse();
    assertThat(second.timestamp())
        .as("inherits the document's")
        .contains(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(d.describe()).isEqualTo("OpenVEX https://acme.example/vex/7 (2 statements)");
  }

  @Test
  void earlyOpenVexWithPlainStringsIsRead() throws Exception {
    VexDocument d =
        parse(
            """
            {"@context": "https://openvex.dev/ns", "@id": "x", "statements": [
              {"vulnerability": "CVE-2022-1", "products": ["pkg:apk/wolfi/git@2.39.0-r1"], "status": "fixed"}]}
            """);
    VexStatement s = d.statements().get(0);
    assertThat(s.vulnerabilityIds()).containsExactly("CVE-2022-1");
    assertThat(s.products().get(0).purl()).contains("pkg:apk/wolfi/git@2.39.0-r1");
    assertThat(s.status()).isEqualTo(VexStatus.FIXED);
    assertThat(s.timestamp()).isEmpty();
  }

  @Test
  void malformedOpenVexNamesTheField() {
    assertMalformed(
        "{\"@context\":\"https://openvex.dev/ns/v0.2.0\"}",
        "statements",
        "required field is missing");
    assertMalformed(
        "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[{\"products\":[],\"status\":\"fixed\"}]}",
        "statements[0].vulnerability",
        "required field is missing");
    assertMalformed(
        "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[{\"vulnerability\":\"CVE-1\","
            + "\"products\":[\"pkg:npm/a@1\"],\"status\":\"resolved\"}]}",
        "statements[0].status",
        "\"resolved\" is not one of not_affected, affected, fixed, under_investigation");
    assertMalformed(
        "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[{\"vulnerability\":{},"
            + "\"products\":{},\"status\":\"fixed\"}]}",
        "statements[0].vulnerability",
        "names no vulnerability");
    assertMalformed(
        "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[{\"vulnerability\":\"CVE-1\","
            + "\"products\":[{\"hashes\":[]}],\"status\":\"fixed\"}]}",
        "statements[0].products[0].hashes",
        "must be an object");
    assertMalformed("{\"hello\":1}", "", "neither OpenVEX");
  }

  private static void assertMalformed(String json, String path, String message) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOfSatisfying(
            EvidenceFormatException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.getMessage()).contains(message);
            });
  }

  @Test
  void cycloneDxVexResolvesRefsInItsOwnBom() throws Exception {
    byte[] doc =
        TestBoms.cyclonedx("1.5")
            .timestamp("2025-03-01T00:00:00Z")
            .metadataComponent("application", "Acme Product", "2.2.0", null)
            .component("lib", "tcp", "1.0", "pkg:generic/tcp@1.0")
            .hash("SHA-256", "c".repeat(64))
            .vulnerability("CVE-2020-1", "critical", null, "lib")
            .alias("GHSA-a")
            .analysis("resolved_with_pedigree", "2025-03-05T00:00:00Z")
            .vulnerability("CVE-2020-2", null, null, "pkg:npm/elsewhere@1")
            .analysis("in_triage", null)
            .vulnerability("CVE-2020-3", null, null, null)
            .analysis("false_positive", null)
            .vulnerability("CVE-2020-4", "low", null, null)
            .bytes();
    VexDocument d = VexDocument.parse(doc);
    assertThat(d.format()).isEqualTo(VexDocument.Format.CYCLONEDX);
    assertThat(d.statements()).hasSize(3);
    VexStatement lib = d.statements().get(0);
    assertThat(lib.vulnerabilityIds()).containsExactly("CVE-2020-1", "GHSA-a");
    assertThat(lib.status().mitigates()).isTrue();
    assertThat(lib.severity()).contains(Severity.CRITICAL);
    assertThat(lib.timestamp()).contains(Instant.parse("2025-03-05T00:00:00Z"));
    assertThat(lib.products())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.purl()).contains("pkg:generic/tcp@1.0");
              assertThat(p.hashes()).containsKey("sha256");
              assertThat(p.documentSubject()).isFalse();
            });
    assertThat(d.statements().get(1).products().get(0).purl()).contains("pkg:npm/elsewhere@1");
    assertThat(d.statements().get(1).status().mitigates()).isFalse();
    VexStatement product = d.statements().get(2);
    assertThat(product.products())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.documentSubject()).isTrue();
              assertThat(p.name()).contains("Acme Product");
            });
    assertThat(product.timestamp()).contains(Instant.parse("2025-03-01T00:00:00Z"));
    assertThat(product.severity()).isEqualTo(Optional.empty());
  }

  @Test
  void cycloneDxXmlVexIsRead() throws Exception {
    String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1">
          <metadata><component type="application" bom-ref="p"><name>p</name><version>1</version></component></metadata>
          <vulnerabilities>
            <vulnerability>
              <id>CVE-2021-1</id>
              <analysis><state>not_affected</state><justification>code_not_present</justification></analysis>
              <affects><target><ref>p</ref></target></affects>
            </vulnerability>
          </vulnerabilities>
        </bom>
        """;
    VexDocument d = VexDocument.parse(xml.getBytes(StandardCharsets.UTF_8));
    assertThat(d.statements())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.status()).isEqualTo(VexStatus.NOT_AFFECTED);
              assertThat(s.justification()).contains("code_not_present");
              assertThat(s.products().get(0).documentSubject()).isTrue();
            });
  }

  @Test
  void anInvalidCycloneDxVexIsSbomInvalid() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"vulnerabilities\":{}}"))
        .isInstanceOfSatisfying(
            EvidenceFormatException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ReasonCode.SBOM_INVALID);
              assertThat(e.path()).isEqualTo("vulnerabilities");
            });
  }
}
