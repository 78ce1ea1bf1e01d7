package dev.countersign.verify.slsa;

import static dev.countersign.verify.slsa.Statements.GENERATOR;
import static dev.countersign.verify.slsa.Statements.MAVEN;
import static dev.countersign.verify.slsa.Statements.githubSigner;
import static dev.countersign.verify.slsa.Statements.provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.verdict.ReasonCode;
import org.junit.jupiter.api.Test;

/** Expectations and certificate consistency over provenance built here. */
class SlsaEvaluatorTest {
  private static final String V02 = ProvenanceV02.PREDICATE_TYPE;
  private static final String V1 = ProvenanceV1.PREDICATE_TYPE;
  private static final String TAG = "refs/tags/v2.1.0";

  private static SlsaProvenance generic(String builderRef, String ref) throws Exception {
    return provenance(V02, Statements.genericV02(builderRef, ref, "push"));
  }

  private static SlsaExpectation trusted() {
    return SlsaExpectation.builder().trustedBuilders(TrustedBuilders.slsaGithubGenerator()).build();
  }

  private static SlsaFinding finding(SlsaEvaluation e, String name) {
    return e.findings().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  private static ReasonCode reason(SlsaEvaluation e, String name) {
    return finding(e, name).reason();
  }

  @Test
  void trustedGeneratorWithMatchingCertificateIsLevel3() throws Exception {
    SlsaProvenance p = generic(TAG, "refs/heads/main");
    SlsaExpectation exp =
        SlsaExpectation.builder()
            .trustedBuilders(TrustedBuilders.slsaGithubGenerator())
            .sourceRepository("https://github.com/acme/app.git")
            .sourceBranch("main")
            .buildType("https://github.com/slsa-framework/slsa-github-generator/generic@v1")
            .minimumLevel(SlsaBuildLevel.L3)
            .build();
    SlsaEvaluation e =
        SlsaEvaluator.evaluate(
            p, githubSigner(GENERATOR + "@" + TAG, "refs/heads/main", "github-hosted"), exp);
    assertThat(e.failures()).isEmpty();
    assertThat(e.passed()).isTrue();
    assertThat(e.level()).isEqualTo(SlsaBuildLevel.L3);
    assertThat(e.findings())
        .extracting(SlsaFinding::name)
        .containsExactly(
            "builder-trusted",
            "signer-trusted",
            "signer-builder",
            "signer-source",
            "source",
            "source-branch",
            "build-type",
            "build-level");
    assertThat(e.evidence())
        .containsEntry("source.uri", "git+https://github.com/acme/app")
        .containsEntry("slsa.level", "3");
  }

  @Test
  void exactBuilderIdComparesLikeSlsaVerifier() throws Exception {
    SlsaProvenance p = generic(TAG, "refs/heads/main");
    for (String ok : new String[] {GENERATOR, GENERATOR + "@v2.1.0", GENERATOR + "@" + TAG}) {
      SlsaEvaluation e = SlsaEvaluator.evaluate(p, SlsaExpectation.builder().builderId(ok).build());
      assertThat(e.passed()).as(ok).isTrue();
    }
    for (String bad : new String[] {GENERATOR + "@v2.0.0", MAVEN, GENERATOR + ".evil"}) {
      SlsaEvaluation e =
          SlsaEvaluator.evaluate(p, SlsaExpectation.builder().builderId(bad).build());
      assertThat(reason(e, "builder-id")).as(bad).isEqualTo(ReasonCode.BUILDER_ID_MISMATCH);
    }
    SlsaEvaluation regex =
        SlsaEvaluator.evaluate(
            p,
            SlsaExpectation.builder()
                .builderId(
                    StringMatcher.regex(".*/generator_generic_slsa3\\.yml@refs/tags/v2\\..*"))
                .build());
    assertThat(regex.passed()).isTrue();
  }

  @Test
  void untrustedBuilders() throws Exception {
    String fork =
        "https://github.com/asraa/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml";
    for (String id :
        new String[] {
          fork + "@" + TAG,
          GENERATOR + "@refs/heads/main",
          GENERATOR + "@refs/tags/v2.1.0-rc.1",
          GENERATOR + "@v2.1.0",
          GENERATOR
        }) {
      String pred =
          Statements.genericV02(TAG, "refs/heads/main", "push").replace(GENERATOR + "@" + TAG, id);
      SlsaEvaluation e = SlsaEvaluator.evaluate(provenance(V02, pred), trusted());
      assertThat(reason(e, "builder-trusted")).as(id).isEqualTo(ReasonCode.BUILDER_UNTRUSTED);
    }
  }

  @Test
  void userTrustedBuildersArePatternsOnTheName() throws Exception {
    SlsaProvenance p =
        provenance(V1, Statements.githubWorkflowV1("acme/builders", "refs/tags/v1.0.0"));
    SlsaExpectation exp =
        SlsaExpectation.builder()
            .trustedBuilders(
                java.util.List.of(
                    StringMatcher.regex(
                        "https://github\\.com/acme/builders/\\.github/workflows/.*")))
            .build();
    assertThat(SlsaEvaluator.evaluate(p, exp).passed()).isTrue();
  }

  @Test
  void sourceRepositoryExpectations() throws Exception {
    SlsaProvenance p = generic(TAG, "refs/heads/main");
    for (StringMatcher ok :
        new StringMatcher[] {
          StringMatcher.exact("github.com/acme/app"),
          StringMatcher.exact("git+https://github.com/acme/app"),
          StringMatcher.regex("git\\+https://github\\.com/acme/.*"),
          StringMatcher.regex("github\\.com/acme/[a-z]+")
        }) {
      SlsaEvaluation e =
          SlsaEvaluator.evaluate(p, SlsaExpectation.builder().sourceRepository(ok).build());
      assertThat(e.passed()).as(ok.toString()).isTrue();
    }
    assertThat(
            SlsaEvaluator.evaluate(
                    p, SlsaExpectation.builder().sourceRepositoryGlob("github.com/acme/*").build())
                .passed())
        .isTrue();
    for (String bad :
        new String[] {"github.com/acme/app2", "github.com/acme", "gitlab.com/acme/app"}) {
      SlsaEvaluation e =
          SlsaEvaluator.evaluate(p, SlsaExpectation.builder().sourceRepository(bad).build());
      assertThat(reason(e, "source")).as(bad).isEqualTo(ReasonCode.SOURCE_MISMATCH);
    }
  }

  @Test
  void everySourceClaimMustBeTheExpectedRepository() throws Exception {
    String pred =
        Statements.genericV02(TAG, "refs/heads/main", "push")
            .replace(
                "'materials':[{'uri':'git+https://github.com/acme/app@",
                "'materials':[{'uri':'git+https://github.com/evil/app@");
    SlsaEvaluation e =
        SlsaEvaluator.evaluate(
            provenance(V02, pred),
            SlsaExpectation.builder().sourceRepository("github.com/acme/app").build());
    assertThat(reason(e, "source")).isEqualTo(ReasonCode.SOURCE_MISMATCH);
    assertThat(finding(e, "source").detail()).contains("predicate.materials[0]");
    String otherRef =
        Statements.genericV02(TAG, "refs/heads/main", "push")
            .replace(
                "'materials':[{'uri':'git+https://github.com/acme/app@refs/heads/main",
                "'materials':[{'uri':'git+https://github.com/acme/app@refs/heads/evil");
    SlsaEvaluation r =
        SlsaEvaluator.evaluate(
            provenance(V02, otherRef),
            SlsaExpectation.builder().sourceRepository("github.com/acme/app").build());
    assertThat(reason(r, "source")).isEqualTo(ReasonCode.SOURCE_MISMATCH);
  }

  @Test
  void branchTagAndVersionedTag() throws Exception {
    SlsaProvenance tagged = generic(TAG, "refs/tags/v1.4.2");
    assertThat(eval(tagged, SlsaExpectation.builder().sourceTag("v1.4.2")).passed()).isTrue();
    assertThat(eval(tagged, SlsaExpectation.builder().sourceTag("refs/tags/v1.4.2")).passed())
        .isTrue();
    assertThat(reason(eval(tagged, SlsaExpectation.builder().sourceTag("v1.4")), "source-tag"))
        .isEqualTo(ReasonCode.SOURCE_TAG_MISMATCH);
    assertThat(eval(tagged, SlsaExpectation.builder().sourceVersionedTag("v1")).passed()).isTrue();
    assertThat(eval(tagged, SlsaExpectation.builder().sourceVersionedTag("v1.4")).passed())
        .isTrue();
    assertThat(
            reason(
                eval(tagged, SlsaExpectation.builder().sourceVersionedTag("v1.5")),
                "source-versioned-tag"))
        .isEqualTo(ReasonCode.SOURCE_TAG_MISMATCH);
    // A tag pushed from main is on branch main, as slsa-verifier reads the push event.
    assertThat(eval(tagged, SlsaExpectation.builder().sourceBranch("main")).passed()).isTrue();
    SlsaProvenance branch = generic(TAG, "refs/heads/main");
    assertThat(
            reason(eval(branch, SlsaExpectation.builder().sourceBranch("master")), "source-branch"))
        .isEqualTo(ReasonCode.SOURCE_BRANCH_MISMATCH);
    assertThat(reason(eval(branch, SlsaExpectation.builder().sourceTag("v1.4.2")), "source-tag"))
        .isEqualTo(ReasonCode.SOURCE_TAG_MISMATCH);
    SlsaProvenance notSemver = generic(TAG, "refs/tags/release-7");
    assertThat(
            finding(
                    eval(notSemver, SlsaExpectation.builder().sourceVersionedTag("v7")),
                    "source-versioned-tag")
                .detail())
        .contains("not a semantic version");
  }

  @Test
  void buildTypeMismatch() throws Exception {
    SlsaEvaluation e =
        eval(
            generic(TAG, "refs/heads/main"),
            SlsaExpectation.builder().buildType(ProvenanceV1.GITHUB_WORKFLOW_BUILD_TYPE));
    assertThat(reason(e, "build-type")).isEqualTo(ReasonCode.BUILD_TYPE_MISMATCH);
  }

  @Test
  void noExpectationAndNoSignerEvaluatesNothing() throws Exception {
    SlsaEvaluation e =
        SlsaEvaluator.evaluate(generic(TAG, "refs/heads/main"), SlsaExpectation.none());
    assertThat(e.findings()).isEmpty();
    assertThat(e.passed()).isFalse();
  }

  @Test
  void invalidExpectationsAreConfigurationErrors() {
    assertThatThrownBy(
            () -> SlsaExpectation.builder().sourceTag("v1").sourceVersionedTag("v1").build())
        .isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> SlsaExpectation.builder().sourceVersionedTag("1.2").build())
        .isInstanceOf(PolicyException.class);
    assertThatThrownBy(
            () -> SlsaExpectation.builder().sourceRepository("ssh://git@github.com/a/b").build())
        .isInstanceOf(PolicyException.class);
    assertThatThrownBy(
            () ->
                SlsaExpectation.builder()
                    .sourceRepository("github.com/a/b@refs/heads/main")
                    .build())
        .isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> SlsaExpectation.builder().sourceBranch("refs/heads/").build())
        .isInstanceOf(PolicyException.class);
  }

  private static SlsaEvaluation eval(SlsaProvenance p, SlsaExpectation.Builder b) {
    return SlsaEvaluator.evaluate(p, b.build());
  }
}
