package dev.countersign.report.cmmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken catalog, mapping and Rev. 3 files are rejected, each problem naming file and entry. */
class CmmcCatalogValidationTest {
  @TempDir Path dir;

  @Test
  void aCopyOfTheShippedFilesLoadsWithTheSameRevision() throws IOException {
    for (String name :
        List.of(CmmcCatalog.CATALOG_FILE, CmmcCatalog.MAPPING_FILE, CmmcCatalog.REV3_FILE)) {
      Files.writeString(dir.resolve(name), shipped(name), StandardCharsets.UTF_8);
    }
    CmmcCatalog copy = CmmcCatalog.load(dir);
    assertThat(copy.revision()).isEqualTo(CmmcCatalog.load().revision());
    assertThat(copy.sources()).allMatch(s -> s.startsWith(dir.toString()));
  }

  @Test
  void aCustomisedMappingAloneIsUsedWithTheShippedCatalog() throws IOException {
    String mapping =
        shipped(CmmcCatalog.MAPPING_FILE)
            .replace(
                "      - objective: CM.L2-3.4.8[a]\n        coverage: organization-documents",
                "      - objective: CM.L2-3.4.8[a]\n        coverage: partial");
    write(CmmcCatalog.MAPPING_FILE, mapping);
    CmmcCatalog custom = CmmcCatalog.load(dir);
    assertThat(custom.sources().get(1)).isEqualTo(dir.resolve(CmmcCatalog.MAPPING_FILE).toString());
    assertThat(custom.sources().get(0)).startsWith("classpath:");
    assertThat(
            custom.objectivesFor("policy.files").stream()
                .filter(m -> m.objective().id().equals("CM.L2-3.4.8[a]"))
                .findFirst()
                .orElseThrow()
                .coverage())
        .isEqualTo(Coverage.PARTIAL);
    assertThat(custom.revision()).isNotEqualTo(CmmcCatalog.load().revision());
  }

  @Test
  void unknownObjectiveInTheMappingIsRejected() throws IOException {
    writeMapping(
        shipped(CmmcCatalog.MAPPING_FILE)
            .replaceFirst("objective: CM\\.L2-3\\.4\\.8\\[b\\]", "objective: CM.L2-3.4.8[z]"));
    CatalogProblem p = single(CatalogReason.OBJECTIVE_UNKNOWN);
    assertThat(p.file()).isEqualTo(dir.resolve(CmmcCatalog.MAPPING_FILE).toString());
    assertThat(p.entry()).isEqualTo("evidence[7] policy.files supports[1] CM.L2-3.4.8[z]");
    assertThat(p.message()).contains("CM.L2-3.4.8[z]");
  }

  @Test
  void aListItemThatIsNoMappingIsNamedByItsPlace() throws IOException {
    writeMapping(
        shipped(CmmcCatalog.MAPPING_FILE)
            .replaceFirst(
                "    supports:\n      - objective: CM\\.L2-3\\.4\\.8\\[c\\]",
                "    supports:\n      - just a string\n      - objective: CM.L2-3.4.8[c]"));
    CatalogProblem p = single(CatalogReason.FIELD_INVALID);
    assertThat(p.entry()).isEqualTo("evidence[0] image.signature.verdicts supports[0]");
    assertThat(p.message()).isEqualTo("must be a mapping with objective, coverage, rationale");
  }

  @Test
  void aRev3DeterminationOfAnotherRequirementIsRejected() throws IOException {
    write(
        CmmcCatalog.REV3_FILE,
        shipped(CmmcCatalog.REV3_FILE)
            .replace(
                "      A.03.17.01.a.01: a plan for managing",
                "      A.03.17.09.a.01: a plan for managing"));
    CatalogProblem p = single(CatalogReason.REV3_ID_INVALID);
    assertThat(p.entry()).endsWith(" determinations.A.03.17.09.a.01");
    assertThat(p.message()).isEqualTo("a determination id of 03.17.01 starts with A.03.17.01.");
  }

  @Test
  void malformedObjectiveReferenceIsRejected() throws IOException {
    writeMapping(
        shipped(CmmcCatalog.MAPPING_FILE)
            .replaceFirst("objective: CM\\.L2-3\\.4\\.8\\[b\\]", "objective: \"3.4.8[b]\""));
    assertThat(single(CatalogReason.OBJECTIVE_UNKNOWN).entry())
        .isEqualTo("evidence[7] policy.files supports[1] 3.4.8[b]");
  }

  @Test
  void invalidCoverageIsRejected() throws IOException {
    writeMapping(
        shipped(CmmcCatalog.MAPPING_FILE).replaceFirst("coverage: direct", "coverage: full"));
    CatalogProblem p = single(CatalogReason.COVERAGE_INVALID);
    assertThat(p.entry()).startsWith("evidence[4] image.vulnerabilities supports[0]");
    assertThat(p.message()).contains("full");
  }

  @Test
  void duplicateMappingAndDuplicateEvidenceKindAreRejected() throws IOException {
    String mapping = shipped(CmmcCatalog.MAPPING_FILE);
    writeMapping(
        mapping.replace(
            "  - key: coverage.gaps\n",
            "  - key: trust.roots\n    description: again\n    supports:\n"
                + "      - objective: CM.L2-3.4.8[b]\n        coverage: partial\n"
                + "        rationale: Twice.\n"
                + "  - key: coverage.gaps\n"));
    assertThat(problems())
        .anySatisfy(
            p -> {
              assertThat(p.reason()).isEqualTo(CatalogReason.DUPLICATE);
              assertThat(p.entry()).isEqualTo("evidence[19] trust.roots");
            });
  }

  @Test
  void mappingForAnotherCatalogIsRejected() throws IOException {
    writeMapping(
        shipped(CmmcCatalog.MAPPING_FILE)
            .replace("catalog: cmmc-l2-nist-sp-800-171r2", "catalog: cmmc-l2-nist-sp-800-171r3"));
    assertThat(single(CatalogReason.CATALOG_MISMATCH).entry()).isEqualTo("catalog");
  }

  @Test
  void unknownFieldIsRejected() throws IOException {
    writeMapping(
        shipped(CmmcCatalog.MAPPING_FILE)
            .replaceFirst(
                "        coverage: partial\n", "        coverage: partial\n        met: true\n"));
    CatalogProblem p = single(CatalogReason.FIELD_UNKNOWN);
    assertThat(p.entry())
        .isEqualTo("evidence[0] image.signature.verdicts supports[0] CM.L2-3.4.8[c] met");
  }

  @Test
  void invalidPracticeIdIsRejected() throws IOException {
    write(
        CmmcCatalog.CATALOG_FILE,
        shipped(CmmcCatalog.CATALOG_FILE).replace("- id: CM.L2-3.4.8\n", "- id: CM.L3-3.4.8\n"));
    List<CatalogProblem> problems = problems();
    assertThat(problems)
        .anySatisfy(
            p -> {
              assertThat(p.file()).isEqualTo(dir.resolve(CmmcCatalog.CATALOG_FILE).toString());
              assertThat(p.reason()).isEqualTo(CatalogReason.PRACTICE_ID_INVALID);
              assertThat(p.entry()).isEqualTo("practices[41] CM.L3-3.4.8");
            });
    // The shipped mapping names objectives of CM.L2-3.4.8, which no longer exists.
    assertThat(problems)
        .anySatisfy(p -> assertThat(p.reason()).isEqualTo(CatalogReason.OBJECTIVE_UNKNOWN));
  }

  @Test
  void practiceIdThatDisagreesWithItsNistIdIsRejected() throws IOException {
    write(
        CmmcCatalog.CATALOG_FILE,
        shipped(CmmcCatalog.CATALOG_FILE)
            .replace(
                "- id: AC.L2-3.1.1\n    nist: 3.1.1\n", "- id: AC.L2-3.1.1\n    nist: 3.1.23\n"));
    List<CatalogProblem> problems = problems();
    assertThat(problems)
        .anySatisfy(
            p -> {
              assertThat(p.reason()).isEqualTo(CatalogReason.NIST_ID_MISMATCH);
              assertThat(p.entry()).isEqualTo("practices[0] AC.L2-3.1.1");
              assertThat(p.message()).contains("AC.L2-3.1.23");
            });
    // The practice is dropped, so the mapping's references to its objectives fail too.
    assertThat(problems)
        .anySatisfy(
            p -> {
              assertThat(p.reason()).isEqualTo(CatalogReason.OBJECTIVE_UNKNOWN);
              assertThat(p.entry()).endsWith("AC.L2-3.1.1[e]");
            });
  }

  @Test
  void practiceInAFamilyThatDoesNotExistIsRejected() throws IOException {
    write(
        CmmcCatalog.CATALOG_FILE,
        shipped(CmmcCatalog.CATALOG_FILE)
            .replace(
                "  - {id: SI, nist: \"3.14\", title: System and Information Integrity}\n", ""));
    assertThat(problems())
        .filteredOn(p -> p.reason() == CatalogReason.FAMILY_UNKNOWN)
        .hasSize(7)
        .first()
        .satisfies(p -> assertThat(p.entry()).isEqualTo("practices[103] SI.L2-3.14.1"));
  }

  @Test
  void objectiveLettersOutOfOrderAreRejected() throws IOException {
    write(
        CmmcCatalog.CATALOG_FILE,
        shipped(CmmcCatalog.CATALOG_FILE)
            .replace(
                "      a: the security impact of changes to the system is analyzed",
                "      b: the security impact of changes to the system is analyzed"));
    assertThat(single(CatalogReason.OBJECTIVE_LETTER_INVALID).entry())
        .isEqualTo("practices[37] CM.L2-3.4.4 objectives.b");
  }

  @Test
  void duplicateYamlKeysAreRejectedNotSilentlyMerged() throws IOException {
    write(
        CmmcCatalog.CATALOG_FILE,
        shipped(CmmcCatalog.CATALOG_FILE)
            .replace(
                "      b: system access is limited to the defined types",
                "      a: system access is limited to the defined types"));
    CatalogProblem p = single(CatalogReason.YAML_INVALID);
    assertThat(p.file()).isEqualTo(dir.resolve(CmmcCatalog.CATALOG_FILE).toString());
    assertThat(p.message()).contains("Duplicate field 'a'");
  }

  @Test
  void unquotedNumericFamilySectionIsRejected() throws IOException {
    write(
        CmmcCatalog.CATALOG_FILE,
        shipped(CmmcCatalog.CATALOG_FILE).replace("{id: AT, nist: \"3.2\"", "{id: AT, nist: 3.2"));
    assertThat(problems())
        .anySatisfy(
            p -> {
              assertThat(p.reason()).isEqualTo(CatalogReason.FIELD_INVALID);
              assertThat(p.entry()).isEqualTo("families[1] nist");
            });
  }

  @Test
  void rev3EntryWithAnL2IdIsRejected() throws IOException {
    write(
        CmmcCatalog.REV3_FILE,
        shipped(CmmcCatalog.REV3_FILE).replace("  - id: \"03.17.02\"", "  - id: SR.L2-3.17.2"));
    List<CatalogProblem> problems = problems();
    assertThat(problems)
        .anySatisfy(
            p -> {
              assertThat(p.file()).isEqualTo(dir.resolve(CmmcCatalog.REV3_FILE).toString());
              assertThat(p.reason()).isEqualTo(CatalogReason.REV3_USES_L2_ID);
              assertThat(p.entry()).isEqualTo("requirements[1].id");
            });
  }

  @Test
  void rev3TextNamingAnL2PracticeIsRejected() throws IOException {
    write(
        CmmcCatalog.REV3_FILE,
        shipped(CmmcCatalog.REV3_FILE)
            .replace(
                "note: The gap report is the output",
                "note: Same as CM.L2-3.4.8[c]. The gap report is the output"));
    assertThat(single(CatalogReason.REV3_USES_L2_ID).entry())
        .isEqualTo("requirements[2].evidence[0].note");
  }

  @Test
  void rev3NotMarkedInformativeIsRejected() throws IOException {
    write(
        CmmcCatalog.REV3_FILE,
        shipped(CmmcCatalog.REV3_FILE).replace("informative: true", "informative: false"));
    assertThat(single(CatalogReason.REV3_NOT_INFORMATIVE).entry()).isEqualTo("informative");
  }

  @Test
  void rev3LinkToUnknownEvidenceOrDeterminationIsRejected() throws IOException {
    write(
        CmmcCatalog.REV3_FILE,
        shipped(CmmcCatalog.REV3_FILE)
            .replace("      - kind: coverage.gaps\n", "      - kind: coverage.holes\n")
            .replace("determinations: [A.03.17.02.04]", "determinations: [A.03.17.02.07]"));
    List<CatalogProblem> problems = problems();
    assertThat(problems)
        .anySatisfy(
            p -> {
              assertThat(p.reason()).isEqualTo(CatalogReason.EVIDENCE_KIND_UNKNOWN);
              assertThat(p.entry()).isEqualTo("requirements[2] 03.17.03 evidence[0]");
            })
        .anySatisfy(
            p -> {
              assertThat(p.reason()).isEqualTo(CatalogReason.DETERMINATION_UNKNOWN);
              assertThat(p.entry()).isEqualTo("requirements[1] 03.17.02 evidence[0]");
            });
  }

  @Test
  void directoryWithoutAnyCmmcFileIsAnError() throws IOException {
    Files.writeString(dir.resolve("mapping.yaml"), "x: 1\n");
    CatalogProblem p = single(CatalogReason.FILE_MISSING);
    assertThat(p.file()).isEqualTo(dir.toString());
  }

  @Test
  void notYamlIsRejected() throws IOException {
    writeMapping("evidence: [unclosed\n");
    assertThat(single(CatalogReason.YAML_INVALID).file())
        .isEqualTo(dir.resolve(CmmcCatalog.MAPPING_FILE).toString());
  }

  @Test
  void emptyMappingIsRejected() throws IOException {
    writeMapping(
        "schema: countersign.dev/cmmc-evidence-mapping/v1\n"
            + "catalog: cmmc-l2-nist-sp-800-171r2\nevidence: []\n");
    List<CatalogProblem> problems = problems();
    assertThat(problems)
        .anySatisfy(
            p -> {
              assertThat(p.reason()).isEqualTo(CatalogReason.EMPTY);
              assertThat(p.entry()).isEqualTo("evidence");
            });
  }

  // ---------------------------------------------------------------------------------------------

  private List<CatalogProblem> problems() {
    CmmcCatalogException e =
        catchThrowableOfType(() -> CmmcCatalog.load(dir), CmmcCatalogException.class);
    assertThat(e).as("loading %s must fail", dir).isNotNull();
    for (CatalogProblem p : e.problems()) {
      assertThat(e.getMessage()).contains(p.toString());
    }
    return e.problems();
  }

  private CatalogProblem single(CatalogReason reason) {
    List<CatalogProblem> problems = problems();
    assertThat(problems).as(problems.toString()).hasSize(1);
    assertThat(problems.get(0).reason()).isEqualTo(reason);
    return problems.get(0);
  }

  private void writeMapping(String text) throws IOException {
    write(CmmcCatalog.MAPPING_FILE, text);
  }

  /** Writes an edited copy of a shipped file; an edit that changed nothing is a broken test. */
  private void write(String name, String text) throws IOException {
    assertThat(text).as("the edit of %s changed nothing", name).isNotEqualTo(shipped(name));
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static String shipped(String name) throws IOException {
    try (InputStream in =
        CmmcCatalog.class.getClassLoader().getResourceAsStream(CmmcCatalog.CLASSPATH_DIR + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
