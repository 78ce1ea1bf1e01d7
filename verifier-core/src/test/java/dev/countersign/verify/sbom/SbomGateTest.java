package dev.countersign.verify.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.verify.Digest;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.verdict.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each gate, passing and failing, on BOMs built here. */
class SbomGateTest {
  static final String DIGEST = "b".repeat(64);
  static final Instant NOW = Instant.parse("2025-06-10T00:00:00Z");
  static final String LOG4J = "pkg:maven/org.apache.logging.log4j/log4j-core";

  static Sbom parse(TestBoms.Builder b) throws Exception {
    return Sbom.parse(b.bytes());
  }

  static TestBoms.Builder image() {
    return TestBoms.cyclonedx("1.5")
        .serial("3e671687-395b-41f5-a30f-a58921a69b79")
        .timestamp("2025-06-01T00:00:00Z")
        .metadataComponent(
            "container", "ghcr.io/acme/app", "1.0", "pkg:oci/app@sha256%3A" + DIGEST);
  }

  static List<SbomFinding> gate(Sbom sbom, SbomPolicy policy) {
    return gate(sbom, policy, List.of());
  }

  static List<SbomFinding> gate(Sbom sbom, SbomPolicy policy, List<VexDocument> vex) {
    return SbomGate.evaluate(
        sbom, policy, SbomSubject.image("sha256:" + DIGEST, "ghcr.io/acme/app"), vex, NOW);
  }

  static List<SbomFinding> failures(List<SbomFinding> findings) {
    return findings.stream().filter(f -> !f.ok()).toList();
  }

  @Test
  void anEmptyPolicyStillReportsWhatWasRead() throws Exception {
    List<SbomFinding> f = gate(parse(image()), SbomPolicy.builder().build());
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.gate()).isEqualTo(SbomFinding.FORMAT);
              assertThat(x.ok()).isTrue();
              assertThat(x.detail()).startsWith("CycloneDX 1.5 JSON; 0 components");
            });
    List<SbomFinding> unreadable =
        SbomGate.evaluate(
            "{}".getBytes(), SbomPolicy.builder().build(), SbomSubject.none(), List.of(), NOW);
    assertThat(unreadable)
        .singleElement()
        .satisfies(x -> assertThat(x.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED));
  }

  @Test
  void subjectGateBindsByDigestAndFallsBackToNameOnlyWithoutDigests() throws Exception {
    SbomPolicy p = SbomPolicy.builder().requireSubjectMatch(true).build();
    SbomFinding byPurl = subjectFinding(gate(parse(image()), p));
    assertThat(byPurl.ok()).isTrue();
    assertThat(byPurl.detail()).contains("by digest sha256:" + DIGEST);

    Sbom other =
        parse(
            TestBoms.cyclonedx("1.5")
                .metadataComponent(
                    "container",
                    "ghcr.io/acme/app",
                    "1.0",
                    "pkg:oci/app@sha256%3A" + "c".repeat(64)));
    SbomFinding mismatch = subjectFinding(gate(other, p));
    assertThat(mismatch.reason()).isEqualTo(ReasonCode.SBOM_SUBJECT_MISMATCH);
    assertThat(mismatch.detail()).contains("names sha256:" + "c".repeat(64));

    Sbom byHash =
        parse(
            TestBoms.cyclonedx("1.4")
                .metadataComponent("container", "whatever", null, null)
                .hash("SHA-256", DIGEST));
    assertThat(subjectFinding(gate(byHash, p)).ok()).isTrue();

    Sbom byName =
        parse(TestBoms.cyclonedx("1.4").metadataComponent("container", "acme/app:1.0", null, null));
    assertThat(subjectFinding(gate(byName, p)).detail())
        .contains("name acme/app (no digest to compare)");
    Sbom wrongName =
        parse(TestBoms.cyclonedx("1.4").metadataComponent("container", "acme/other", null, null));
    assertThat(subjectFinding(gate(wrongName, p)).ok()).isFalse();

    Sbom none = parse(TestBoms.cyclonedx("1.4"));
    assertThat(subjectFinding(gate(none, p)).detail()).contains("no metadata component");
    assertThat(SbomGate.evaluate(parse(image()), p, SbomSubject.none(), List.of(), NOW))
        .filteredOn(f -> f.gate().equals(SbomFinding.SUBJECT))
        .singleElement()
        .satisfies(f -> assertThat(f.detail()).contains("no subject was given"));
  }

  @Test
  void subjectGateReadsSpdxChecksums() throws Exception {
    Sbom spdx = Sbom.parse(TestBoms.spdx("acme/app", DIGEST, "pkg:generic/app"));
    SbomPolicy p = SbomPolicy.builder().requireSubjectMatch(true).build();
    assertThat(subjectFinding(gate(spdx, p)).ok()).isTrue();
    List<SbomFinding> f =
        SbomGate.evaluate(
            spdx, p, SbomSubject.of(Digest.parse("sha256:" + "d".repeat(64))), List.of(), NOW);
    assertThat(subjectFinding(f).reason()).isEqualTo(ReasonCode.SBOM_SUBJECT_MISMATCH);
  }

  private static SbomFinding subjectFinding(List<SbomFinding> f) {
    return f.stream().filter(x -> x.gate().equals(SbomFinding.SUBJECT)).findFirst().orElseThrow();
  }

  @Test
  void ageGateMeasuresFromTheBomTimestampToTheClock() throws Exception {
    SbomPolicy tenDays = SbomPolicy.builder().maxAge(Duration.ofDays(10)).build();
    SbomPolicy day = SbomPolicy.builder().maxAge(SbomPolicy.parseMaxAge("1d")).build();
    assertThat(failures(gate(parse(image()), tenDays))).isEmpty();
    assertThat(failures(gate(parse(image()), day)))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo(ReasonCode.SBOM_TOO_OLD);
              assertThat(f.detail())
                  .isEqualTo("the SBOM of 2025-06-01T00:00:00Z is 9d old; the policy allows 1d");
            });
    assertThat(failures(gate(parse(TestBoms.cyclonedx("1.5")), tenDays)))
        .singleElement()
        .satisfies(f -> assertThat(f.detail()).contains("no timestamp"));
    assertThat(
            failures(
                gate(parse(TestBoms.cyclonedx("1.5").timestamp("2025-07-01T00:00:00Z")), tenDays)))
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo(ReasonCode.SBOM_POLICY_VIOLATION));
  }

  @Test
  void deniedComponentsByExactVersionRangeOrEveryVersion() throws Exception {
    Sbom sbom =
        parse(
            image()
                .component("a", "log4j-core", "2.14.1", LOG4J + "@2.14.1?type=jar")
                .nested(
                    "n",
                    "jackson-databind",
                    "2.9.0",
                    "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.0")
                .component("b", "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0")
                .component("c", "no-purl", "1", null));
    assertThat(failures(gate(sbom, SbomPolicy.builder().denyPurl(LOG4J + "@2.14.1").build())))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo(ReasonCode.SBOM_DENIED_COMPONENT);
              assertThat(f.detail())
                  .isEqualTo(
                      "component log4j-core@2.14.1 ("
                          + LOG4J
                          + "@2.14.1?type=jar) is denied by "
                          + LOG4J
                          + "@2.14.1: version 2.14.1 is denied");
              assertThat(f.evidence()).containsEntry("bomRef", "a");
            });
    assertThat(failures(gate(sbom, SbomPolicy.builder().denyPurl(LOG4J + "@2.17.1").build())))
        .isEmpty();
    assertThat(
            failures(
                gate(
                    sbom,
                    SbomPolicy.builder().denyPurl(LOG4J, "vers:maven/>=2.0.0|<2.17.1").build())))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.detail()).endsWith("version 2.14.1 is in vers:maven/>=2.0.0|<2.17.1"));
    assertThat(
            failures(
                gate(sbom, SbomPolicy.builder().denyPurl(LOG4J + "@vers:maven/>=2.17.1").build())))
        .isEmpty();
    assertThat(
            failures(
                gate(
                    sbom,
                    SbomPolicy.builder()
                        .denyPurl(
                            "pkg:maven/com.fasterxml.jackson.core/jackson-databind@vers:maven/<2.9.10.8")
                        .build())))
        .singleElement()
        .satisfies(f -> assertThat(f.evidence()).containsEntry("bomRef", "n"));
    assertThat(failures(gate(sbom, SbomPolicy.builder().denyPurl("pkg:npm/left-pad").build())))
        .singleElement()
        .satisfies(f -> assertThat(f.detail()).endsWith("every version is denied"));
    List<SbomFinding> pass = gate(sbom, SbomPolicy.builder().denyPurl("pkg:npm/right-pad").build());
    assertThat(pass.get(1).detail())
        .isEqualTo(
            "no denied component among 5 components (1 without a purl could not be checked)");
  }

  @Test
  void aDeniedPackageOfUnknownVersionFailsClosed() throws Exception {
    Sbom sbom = parse(image().component("a", "log4j-core", null, LOG4J));
    assertThat(
            failures(
                gate(sbom, SbomPolicy.builder().denyPurl(LOG4J, "vers:maven/<2.17.1").build())))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.detail())
                    .endsWith("its version is unknown, so it may be a denied one"));
  }

  @Test
  void deniedLicencesFollowSpdxExpressionLogic() throws Exception {
    Sbom sbom =
        parse(
            image()
                .component("a", "either", "1", null)
                .licenseExpression("MIT OR GPL-3.0-only")
                .component("b", "both", "1", null)
                .licenseExpression("MIT AND gpl-3.0-only")
                .component("c", "only", "1", null)
                .licenseId("GPL-3.0-only")
                .component("d", "named", "1", null)
                .licenseName("gpl-3.0-only")
                .component("e", "excepted", "1", null)
                .licenseExpression("GPL-2.0-only WITH Classpath-exception-2.0")
                .component("f", "orlater", "1", null)
                .licenseExpression("(LGPL-2.1+ OR GPL-2.0-only) AND MIT")
                .component("g", "broken", "1", null)
                .licenseExpression("MIT AND (GPL-3.0-only")
                .component("h", "free", "1", null)
                .licenseName("My Own Licence"));
    SbomPolicy p =
        SbomPolicy.builder().denyLicenses("GPL-3.0-only", "GPL-2.0-only", "LGPL-2.1").build();
    List<SbomFinding> f = failures(gate(sbom, p));
    assertThat(f)
        .extracting(x -> x.evidence().get("component"))
        .containsExactly("both@1", "only@1", "named@1", "excepted@1", "orlater@1", "broken@1");
    assertThat(f).allSatisfy(x -> assertThat(x.reason()).isEqualTo(ReasonCode.SBOM_DENIED_LICENSE));
    assertThat(f.get(0).detail())
        .isEqualTo(
            "component both@1 is licensed under \"MIT AND gpl-3.0-only\", denied: gpl-3.0-only");
    SbomPolicy onlyGpl3 = SbomPolicy.builder().denyLicenses("GPL-3.0-only", "MIT").build();
    assertThat(failures(gate(sbom, onlyGpl3)))
        .extracting(x -> x.evidence().get("component"))
        .contains("either@1")
        .doesNotContain("excepted@1");
  }

  @Test
  void vulnerabilitiesAtOrAboveTheThresholdFailUnlessMitigated() throws Exception {
    Sbom sbom =
        parse(
            image()
                .component("a", "log4j-core", "2.14.1", LOG4J + "@2.14.1")
                .vulnerability("CVE-2021-44228", "critical", 10.0, "a")
                .vulnerability("CVE-2021-45105", null, 5.9, "a")
                .vulnerability("CVE-2000-0001", "low", null, "a")
                .vulnerability("CVE-2025-0002", null, null, null)
                .vulnerability("CVE-2021-45046", "critical", null, "a")
                .analysis("not_affected", null)
                .vulnerability("CVE-2022-0001", "high", null, "a")
                .analysis("exploitable", null));
    List<SbomFinding> f =
        failures(gate(sbom, SbomPolicy.builder().failOnSeverity(Severity.HIGH).build()));
    assertThat(f)
        .extracting(x -> x.evidence().get("vulnerability"))
        .containsExactly("CVE-2021-44228", "CVE-2025-0002", "CVE-2022-0001");
    assertThat(f.get(0).detail())
        .isEqualTo(
            "CVE-2021-44228 (critical, score 10.0) in log4j-core@2.14.1 ("
                + LOG4J
                + "@2.14.1): no VEX statement covers it");
    assertThat(f.get(1).detail()).startsWith("CVE-2025-0002 (unknown) in the described product");
    assertThat(f.get(2).detail())
        .contains("the latest VEX says exploitable by the SBOM's analysis");
    assertThat(failures(gate(sbom, SbomPolicy.builder().failOnSeverity(Severity.MEDIUM).build())))
        .extracting(x -> x.evidence().get("vulnerability"))
        .contains("CVE-2021-45105");
  }

  static VexDocument vex(String vuln, String product, String status, String time) throws Exception {
    return VexDocument.parse(TestBoms.bytes(TestBoms.openVex(vuln, product, status, time)));
  }

  @Test
  void policyEntriesAreCheckedWhenBuilt() {
    assertThat(SbomPolicy.DeniedComponent.parse(LOG4J + "@vers:maven/>=2.0.0|<2.17.1"))
        .isEqualTo(
            new SbomPolicy.DeniedComponent(LOG4J, Optional.of("vers:maven/>=2.0.0|<2.17.1")));
    assertThat(SbomPolicy.DeniedComponent.parse(LOG4J + "@2.14.1").versionRange()).isEmpty();
    assertThatThrownBy(() -> SbomPolicy.DeniedComponent.parse("log4j"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("not a package URL");
    assertThatThrownBy(() -> SbomPolicy.builder().denyPurl(LOG4J + "@1", "vers:maven/<2"))
        .hasMessageContaining("has a version and a range");
    assertThatThrownBy(() -> SbomPolicy.builder().denyPurl(LOG4J, "vers:nope/<2"))
        .hasMessageContaining("not a vers range");
    assertThatThrownBy(() -> SbomPolicy.builder().denyLicenses("MIT OR X").build())
        .hasMessageContaining("not an SPDX licence id");
    assertThat(SbomPolicy.parseMaxAge("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(SbomPolicy.parseMaxAge("1d12h")).isEqualTo(Duration.ofHours(36));
    assertThat(SbomPolicy.parseMaxAge("2w")).isEqualTo(Duration.ofDays(14));
    assertThat(SbomPolicy.parseMaxAge("PT12H")).isEqualTo(Duration.ofHours(12));
    assertThatThrownBy(() -> SbomPolicy.parseMaxAge("30 days")).isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> SbomPolicy.builder().failOnSeverity(Severity.UNKNOWN).build())
        .isInstanceOf(PolicyException.class);
  }
}
