package dev.countersign.report.cmmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CmmcCatalogTest {
  private static final Pattern PRACTICE_ID =
      Pattern.compile("^[A-Z]{2}\\.L2-3\\.[0-9]{1,2}\\.[0-9]{1,2}$");

  private static CmmcCatalog cmmc;

  @BeforeAll
  static void load() {
    cmmc = CmmcCatalog.load();
  }

  @Test
  void hasAll110RequirementsAnd320ObjectivesOfSp800171r2And171A() {
    assertThat(cmmc.practices()).hasSize(110);
    assertThat(cmmc.practices().stream().mapToInt(p -> p.objectives().size()).sum()).isEqualTo(320);
    assertThat(cmmc.practices().stream().filter(p -> p.type() == RequirementType.BASIC))
        .hasSize(30);
    assertThat(cmmc.practices().stream().filter(p -> p.type() == RequirementType.DERIVED))
        .hasSize(80);
  }

  @Test
  void everyFamilyIsPresentWithItsNumberOfRequirementsAndObjectives() {
    assertThat(cmmc.families().stream().map(Family::id))
        .containsExactly(
            "AC", "AT", "AU", "CM", "IA", "IR", "MA", "MP", "PS", "PE", "RA", "CA", "SC", "SI");
    Map<String, Integer> requirements =
        Map.ofEntries(
            Map.entry("AC", 22),
            Map.entry("AT", 3),
            Map.entry("AU", 9),
            Map.entry("CM", 9),
            Map.entry("IA", 11),
            Map.entry("IR", 3),
            Map.entry("MA", 6),
            Map.entry("MP", 9),
            Map.entry("PS", 2),
            Map.entry("PE", 6),
            Map.entry("RA", 3),
            Map.entry("CA", 4),
            Map.entry("SC", 16),
            Map.entry("SI", 7));
    Map<String, Integer> objectives =
        Map.ofEntries(
            Map.entry("AC", 70),
            Map.entry("AT", 9),
            Map.entry("AU", 29),
            Map.entry("CM", 44),
            Map.entry("IA", 25),
            Map.entry("IR", 14),
            Map.entry("MA", 10),
            Map.entry("MP", 15),
            Map.entry("PS", 4),
            Map.entry("PE", 16),
            Map.entry("RA", 9),
            Map.entry("CA", 14),
            Map.entry("SC", 41),
            Map.entry("SI", 20));
    for (Family f : cmmc.families()) {
      List<Practice> ps = cmmc.practicesByFamily(f.id());
      assertThat(ps).as(f.id()).hasSize(requirements.get(f.id()));
      assertThat(ps.stream().mapToInt(p -> p.objectives().size()).sum())
          .as(f.id())
          .isEqualTo(objectives.get(f.id()));
    }
  }

  @Test
  void objectivesPerPracticeMatchSp800171A() {
    Map<String, Integer> expected =
        Map.of(
            "AC.L2-3.1.1", 6,
            "AU.L2-3.3.8", 6,
            "CM.L2-3.4.4", 1,
            "CM.L2-3.4.5", 8,
            "CM.L2-3.4.7", 15,
            "CM.L2-3.4.8", 3,
            "IR.L2-3.6.1", 7,
            "CA.L2-3.12.4", 8,
            "SC.L2-3.13.1", 8,
            "SI.L2-3.14.1", 6);
    expected.forEach(
        (id, n) -> assertThat(cmmc.practice(id).orElseThrow().objectives()).as(id).hasSize(n));
  }

  @Test
  void idsAreCmmcPracticeIdsOverNistIdsWithLetteredObjectives() {
    for (Practice p : cmmc.practices()) {
      assertThat(p.id()).matches(PRACTICE_ID);
      assertThat(p.id()).isEqualTo(p.family() + ".L2-" + p.nistId());
      char letter = 'a';
      for (Objective o : p.objectives()) {
        assertThat(o.letter()).isEqualTo(String.valueOf(letter++));
        assertThat(o.id()).isEqualTo(p.id() + "[" + o.letter() + "]");
        assertThat(o.nistId()).isEqualTo(p.nistId() + "[" + o.letter() + "]");
        assertThat(o.text()).isNotBlank().endsWith(".").doesNotContain("  ");
      }
    }
    assertThat(cmmc.practices().get(0).id()).isEqualTo("AC.L2-3.1.1");
    assertThat(cmmc.practices().get(109).id()).isEqualTo("SI.L2-3.14.7");
  }

  @Test
  void textIsThatOfThePublications() {
    Practice p = cmmc.practice("CM.L2-3.4.8").orElseThrow();
    assertThat(p.title()).isEqualTo("Application Execution Policy");
    assertThat(p.requirement())
        .isEqualTo(
            "Apply deny-by-exception (blacklisting) policy to prevent the use of unauthorized"
                + " software or deny-all, permit-by-exception (whitelisting) policy to allow the"
                + " execution of authorized software.");
    assertThat(cmmc.objective("CM.L2-3.4.8[b]").orElseThrow().text())
        .isEqualTo(
            "the software allowed to execute under whitelisting or denied use under blacklisting"
                + " is specified.");
    assertThat(cmmc.objective("AU.L2-3.3.1[a]").orElseThrow().text())
        .isEqualTo(
            "audit logs needed (i.e., event types to be logged) to enable the monitoring,"
                + " analysis, investigation, and reporting of unlawful or unauthorized system"
                + " activity are specified.");
    assertThat(cmmc.objective("AT.L2-3.2.2[c]").orElseThrow().text())
        .contains("information security-related duties");
    assertThat(cmmc.practice("MA.L2-3.7.1").orElseThrow().requirement())
        .isEqualTo("Perform maintenance on organizational systems.");
  }

  @Test
  void mappingCoversTheSupplyChainPractices() {
    assertSupports("CM.L2-3.4.8", "admission.decisions", "policy.files");
    assertSupports("AU.L2-3.3.8", "cloudtrail.integrity", "admission.decisions");
    assertSupports("RA.L2-3.11.2", "ecr.registry.scanning", "ecr.scan.findings");
    assertSupports("SI.L2-3.14.1", "image.vulnerabilities");
    assertSupports("CM.L2-3.4.1", "inventory.running", "image.sbom.documents");
    assertSupports("AU.L2-3.3.2", "cloudtrail.push.events", "image.signature.verdicts");
    assertSupports("CM.L2-3.4.5", "ecr.repository.policies", "cloudtrail.configuration.changes");
    assertSupports("SC.L2-3.13.16", "ecr.repository.settings");

    assertThat(coverage("policy.files", "CM.L2-3.4.8[b]")).isEqualTo(Coverage.DIRECT);
    assertThat(coverage("admission.decisions", "CM.L2-3.4.8[c]")).isEqualTo(Coverage.DIRECT);
    assertThat(coverage("policy.files", "CM.L2-3.4.8[a]"))
        .isEqualTo(Coverage.ORGANIZATION_DOCUMENTS);
    assertThat(coverage("ecr.repository.settings", "SC.L2-3.13.16[a]")).isEqualTo(Coverage.PARTIAL);
  }

  @Test
  void everyEvidenceKindThePacketUsesIsMappedWithARationale() {
    assertThat(cmmc.evidenceKinds().stream().map(EvidenceKind::key))
        .containsExactlyInAnyOrder(
            "image.signature.verdicts",
            "image.provenance.verdicts",
            "image.sbom.documents",
            "image.sbom.verdicts",
            "image.vulnerabilities",
            "admission.decisions",
            "admission.configuration",
            "policy.files",
            "trust.roots",
            "inventory.running",
            "ecr.repository.settings",
            "ecr.registry.scanning",
            "ecr.repository.policies",
            "ecr.scan.findings",
            "cloudtrail.push.events",
            "cloudtrail.pull.events",
            "cloudtrail.configuration.changes",
            "cloudtrail.access.denied",
            "cloudtrail.integrity",
            "coverage.gaps");
    for (EvidenceKind k : cmmc.evidenceKinds()) {
      assertThat(cmmc.objectivesFor(k.key())).as(k.key()).isNotEmpty();
    }
    for (Mapping m : cmmc.mappings()) {
      assertThat(m.rationale()).as(m.toString()).isNotBlank().endsWith(".");
      assertThat(cmmc.objective(m.objective().id())).contains(m.objective());
    }
  }

  @Test
  void definingAndDocumentingIsLeftToTheOrganisation() {
    // "Defined", "specified" and "established" objectives about policy cannot be shown by tool
    // output alone; none may be mapped as direct.
    List<Mapping> overclaims =
        cmmc.mappings().stream()
            .filter(m -> m.coverage() == Coverage.DIRECT)
            .filter(
                m ->
                    m.objective().text().matches(".*\\b(is|are) (defined|documented|approved)\\.$")
                        || m.objective().text().startsWith("a policy"))
            .toList();
    assertThat(overclaims).isEmpty();
  }

  @Test
  void queriesAnswerByEvidenceKindPracticeAndFamily() {
    assertThat(cmmc.objectivesFor("ecr.registry.scanning").stream().map(m -> m.objective().id()))
        .contains("RA.L2-3.11.2[a]", "RA.L2-3.11.2[e]");
    assertThat(cmmc.evidenceKindsFor("CM.L2-3.4.8").stream().map(EvidenceKind::key))
        .contains("admission.decisions", "policy.files", "image.signature.verdicts")
        .doesNotHaveDuplicates();
    assertThat(cmmc.evidenceFor("CM.L2-3.4.8"))
        .allMatch(m -> m.objective().practiceId().equals("CM.L2-3.4.8"));
    assertThat(cmmc.evidenceFor("PE.L2-3.10.1")).isEmpty();
    assertThat(cmmc.practicesByFamily("CM")).hasSize(9);
    assertThatThrownBy(() -> cmmc.objectivesFor("image.signature"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image.signature");
    assertThatThrownBy(() -> cmmc.evidenceFor("CM.L2-3.4.10"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cmmc.practicesByFamily("SR"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rev3SupplyChainIsSeparateAndInformativeWithoutL2Ids() {
    List<Rev3Requirement> rev3 = cmmc.rev3SupplyChainInformative();
    assertThat(rev3.stream().map(Rev3Requirement::id))
        .containsExactly("03.17.01", "03.17.02", "03.17.03");
    assertThat(rev3.stream().map(r -> r.determinations().size())).containsExactly(13, 6, 3);
    assertThat(rev3.get(0).determinations().keySet().iterator().next())
        .isEqualTo("A.03.17.01.a.01");
    assertThat(rev3.get(1).statement().values().iterator().next())
        .isEqualTo(
            "Develop and implement acquisition strategies, contract tools, and procurement"
                + " methods to identify, protect against, and mitigate supply chain risks.");
    for (Rev3Requirement r : rev3) {
      assertThat(r.id()).doesNotMatch(".*L2.*");
      assertThat(cmmc.practice(r.id())).isEmpty();
      assertThat(r.evidence()).isNotEmpty();
      for (Rev3EvidenceLink l : r.evidence()) {
        assertThat(r.determinations()).containsKeys(l.determinations().toArray(String[]::new));
      }
    }
    Set<String> practiceNist =
        cmmc.practices().stream().map(Practice::nistId).collect(Collectors.toSet());
    assertThat(practiceNist).noneMatch(n -> n.startsWith("03.") || n.startsWith("3.17"));
  }

  @Test
  void revisionIdentifiesTheContent() {
    assertThat(cmmc.revision()).matches("^[0-9a-f]{64}$");
    assertThat(CmmcCatalog.load().revision()).isEqualTo(cmmc.revision());
    assertThat(cmmc.sources())
        .containsExactly(
            "classpath:dev/countersign/policies/cmmc/catalog-nist-800-171r2.yaml",
            "classpath:dev/countersign/policies/cmmc/evidence-mapping.yaml",
            "classpath:dev/countersign/policies/cmmc/rev3-supply-chain-informative.yaml");
  }

  private static void assertSupports(String practiceId, String... kinds) {
    assertThat(cmmc.evidenceKindsFor(practiceId).stream().map(EvidenceKind::key))
        .as(practiceId)
        .contains(kinds);
  }

  private static Coverage coverage(String kind, String objectiveId) {
    return cmmc.objectivesFor(kind).stream()
        .filter(m -> m.objective().id().equals(objectiveId))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + " is not mapped to " + objectiveId))
        .coverage();
  }
}
