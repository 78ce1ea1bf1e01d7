package dev.countersign.verify.sbom;

import static dev.countersign.verify.sbom.SbomGateTest.DIGEST;
import static dev.countersign.verify.sbom.SbomGateTest.LOG4J;
import static dev.countersign.verify.sbom.SbomGateTest.failures;
import static dev.countersign.verify.sbom.SbomGateTest.gate;
import static dev.countersign.verify.sbom.SbomGateTest.image;
import static dev.countersign.verify.sbom.SbomGateTest.parse;
import static dev.countersign.verify.sbom.SbomGateTest.vex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.verify.verdict.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vulnerability gate with separate VEX documents: which statements apply, and which wins. */
class SbomVexGateTest {
  @Test
  void openVexStatementsMitigateByPurlSubjectOrSubcomponent() throws Exception {
    Sbom sbom =
        parse(
            image()
                .component("a", "log4j-core", "2.14.1", LOG4J + "@2.14.1")
                .vulnerability("CVE-2021-44228", "critical", null, "a")
                .alias("GHSA-jfh8-c2jp-5v3q"));
    SbomPolicy p = SbomPolicy.builder().failOnSeverity(Severity.HIGH).build();
    VexDocument byPurl =
        vex("CVE-2021-44228", LOG4J + "@2.14.1?type=jar", "not_affected", "2025-06-02T00:00:00Z");
    assertThat(failures(gate(sbom, p, List.of(byPurl)))).isEmpty();
    VexDocument versionless = vex("cve-2021-44228", LOG4J, "fixed", "2025-06-02T00:00:00Z");
    assertThat(failures(gate(sbom, p, List.of(versionless)))).isEmpty();
    VexDocument byAlias =
        vex("GHSA-jfh8-c2jp-5v3q", LOG4J + "@2.14.1", "not_affected", "2025-06-02T00:00:00Z");
    assertThat(failures(gate(sbom, p, List.of(byAlias)))).isEmpty();
    VexDocument otherVersion =
        vex("CVE-2021-44228", LOG4J + "@2.17.1", "not_affected", "2025-06-02T00:00:00Z");
    assertThat(failures(gate(sbom, p, List.of(otherVersion)))).hasSize(1);
    VexDocument image =
        vex(
            "CVE-2021-44228",
            "pkg:oci/app@sha256%3A" + DIGEST,
            "not_affected",
            "2025-06-02T00:00:00Z");
    assertThat(failures(gate(sbom, p, List.of(image)))).isEmpty();
    VexDocument otherImage =
        vex(
            "CVE-2021-44228",
            "pkg:oci/app@sha256%3A" + "e".repeat(64),
            "not_affected",
            "2025-06-02T00:00:00Z");
    assertThat(failures(gate(sbom, p, List.of(otherImage)))).hasSize(1);

    var withSub =
        TestBoms.openVex(
            "CVE-2021-44228",
            "pkg:oci/app@sha256%3A" + DIGEST,
            "not_affected",
            "2025-06-02T00:00:00Z");
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            withSub.get("statements").get(0).get("products").get(0))
        .putArray("subcomponents")
        .addObject()
        .put("@id", LOG4J + "@2.14.1");
    assertThat(failures(gate(sbom, p, List.of(VexDocument.parse(TestBoms.bytes(withSub))))))
        .isEmpty();
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            withSub.get("statements").get(0).get("products").get(0).get("subcomponents").get(0))
        .put("@id", "pkg:npm/other@1");
    assertThat(failures(gate(sbom, p, List.of(VexDocument.parse(TestBoms.bytes(withSub))))))
        .hasSize(1);
  }

  @Test
  void theLatestStatementDecidesAndTiesFailClosed() throws Exception {
    Sbom sbom =
        parse(
            image()
                .component("a", "log4j-core", "2.14.1", LOG4J + "@2.14.1")
                .vulnerability("CVE-2021-44228", "critical", null, "a")
                .analysis("not_affected", "2025-06-01T00:00:00Z"));
    SbomPolicy p = SbomPolicy.builder().failOnSeverity(Severity.HIGH).build();
    assertThat(failures(gate(sbom, p))).isEmpty();
    VexDocument later =
        vex("CVE-2021-44228", LOG4J + "@2.14.1", "affected", "2025-06-05T00:00:00Z");
    assertThat(failures(gate(sbom, p, List.of(later))))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.detail())
                    .contains("the latest VEX says affected by OpenVEX https://example.com/vex/1"));
    VexDocument earlier =
        vex("CVE-2021-44228", LOG4J + "@2.14.1", "affected", "2025-05-01T00:00:00Z");
    assertThat(failures(gate(sbom, p, List.of(earlier)))).isEmpty();
    VexDocument same =
        vex("CVE-2021-44228", LOG4J + "@2.14.1", "under_investigation", "2025-06-01T00:00:00Z");
    assertThat(failures(gate(sbom, p, List.of(same)))).hasSize(1);
  }

  @Test
  void externalVexReportingAnUnlistedVulnerabilityFails() throws Exception {
    Sbom sbom = parse(image().component("a", "log4j-core", "2.14.1", LOG4J + "@2.14.1"));
    SbomPolicy p = SbomPolicy.builder().failOnSeverity(Severity.CRITICAL).build();
    VexDocument affected =
        vex("CVE-2099-0001", LOG4J + "@2.14.1", "affected", "2025-06-02T00:00:00Z");
    assertThat(failures(gate(sbom, p, List.of(affected))))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo(ReasonCode.VULNERABILITY_UNMITIGATED);
              assertThat(f.detail()).startsWith("CVE-2099-0001 (unknown) in log4j-core@2.14.1");
            });
    VexDocument elsewhere =
        vex("CVE-2099-0001", "pkg:npm/unrelated@1", "affected", "2025-06-02T00:00:00Z");
    assertThat(failures(gate(sbom, p, List.of(elsewhere)))).isEmpty();
  }

  @Test
  void cycloneDxVexAppliesByBomLinkIntoTheSbom() throws Exception {
    Sbom sbom =
        parse(
            image()
                .component("comp-a", "thing", "1", null)
                .vulnerability("CVE-2024-1", "high", null, "comp-a"));
    byte[] vexDoc =
        TestBoms.cyclonedx("1.5")
            .vulnerability(
                "CVE-2024-1", null, null, "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#comp-a")
            .analysis("false_positive", null)
            .bytes();
    SbomPolicy p = SbomPolicy.builder().failOnSeverity(Severity.HIGH).build();
    assertThat(failures(gate(sbom, p, List.of(VexDocument.parse(vexDoc))))).isEmpty();
    byte[] plainRef =
        TestBoms.cyclonedx("1.5")
            .vulnerability("CVE-2024-1", null, null, "comp-a")
            .analysis("false_positive", null)
            .bytes();
    assertThat(failures(gate(sbom, p, List.of(VexDocument.parse(plainRef))))).hasSize(1);
  }
}
