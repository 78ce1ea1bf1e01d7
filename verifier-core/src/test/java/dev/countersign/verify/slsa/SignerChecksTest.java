package dev.countersign.verify.slsa;

import static dev.countersign.verify.slsa.Statements.DELEGATOR;
import static dev.countersign.verify.slsa.Statements.GENERATOR;
import static dev.countersign.verify.slsa.Statements.MAVEN;
import static dev.countersign.verify.slsa.Statements.githubSigner;
import static dev.countersign.verify.slsa.Statements.provenance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.verify.policy.FulcioExtension;
import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks against the signing certificate, and the SLSA build level, over provenance built here. */
class SignerChecksTest {
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
  void certificateMustAgreeWithTheBuilderId() throws Exception {
    SlsaProvenance p = generic(TAG, "refs/heads/main");
    String other =
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_go_slsa3.yml@"
            + TAG;
    SlsaEvaluation e =
        SlsaEvaluator.evaluate(
            p, githubSigner(other, "refs/heads/main", "github-hosted"), SlsaExpectation.none());
    assertThat(reason(e, "signer-builder")).isEqualTo(ReasonCode.PROVENANCE_INCONSISTENT);
    assertThat(e.level()).isEqualTo(SlsaBuildLevel.L1);
    SlsaEvaluation other2 =
        SlsaEvaluator.evaluate(
            p,
            githubSigner(GENERATOR + "@refs/tags/v2.0.0", "refs/heads/main", "github-hosted"),
            SlsaExpectation.none());
    assertThat(reason(other2, "signer-builder")).isEqualTo(ReasonCode.PROVENANCE_INCONSISTENT);
  }

  @Test
  void certificateMustAgreeWithTheSource() throws Exception {
    SlsaProvenance p = generic(TAG, "refs/heads/main");
    ProvenanceSigner good = githubSigner(GENERATOR + "@" + TAG, "refs/heads/main", "github-hosted");
    Map<FulcioExtension, String> lies =
        Map.of(
            FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/evil/app",
            FulcioExtension.SOURCE_REPOSITORY_REF, "refs/heads/evil",
            FulcioExtension.SOURCE_REPOSITORY_DIGEST, "0".repeat(40),
            FulcioExtension.BUILD_TRIGGER, "pull_request_target");
    lies.forEach(
        (ext, value) -> {
          SlsaEvaluation e =
              SlsaEvaluator.evaluate(
                  p, Statements.withExtension(good, ext, value), SlsaExpectation.none());
          assertThat(reason(e, "signer-source"))
              .as(ext.name())
              .isEqualTo(ReasonCode.PROVENANCE_INCONSISTENT);
        });
    SlsaEvaluation ok = SlsaEvaluator.evaluate(p, good, SlsaExpectation.none());
    assertThat(finding(ok, "signer-source").evidence().get("compared"))
        .isEqualTo("repository,ref,commit,trigger");
  }

  @Test
  void signerMustBeTrustedWhenBuildersAreConstrained() throws Exception {
    SlsaProvenance p = generic(TAG, "refs/heads/main");
    String forkSan =
        "https://github.com/asraa/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@"
            + TAG;
    SlsaEvaluation e =
        SlsaEvaluator.evaluate(
            p, githubSigner(forkSan, "refs/heads/main", "github-hosted"), trusted());
    assertThat(reason(e, "signer-trusted")).isEqualTo(ReasonCode.BUILDER_UNTRUSTED);
    ProvenanceSigner gitlab =
        new ProvenanceSigner(GENERATOR + "@" + TAG, "https://gitlab.com", Map.of());
    assertThat(reason(SlsaEvaluator.evaluate(p, gitlab, trusted()), "signer-trusted"))
        .isEqualTo(ReasonCode.BUILDER_UNTRUSTED);
    ProvenanceSigner person =
        new ProvenanceSigner("alice@example.com", "https://accounts.google.com", Map.of());
    assertThat(reason(SlsaEvaluator.evaluate(p, person, trusted()), "signer-trusted"))
        .isEqualTo(ReasonCode.BUILDER_UNTRUSTED);
  }

  @Test
  void delegatorSignsForItsVersionedBuilder() throws Exception {
    SlsaProvenance p = provenance(V1, Statements.delegatorV1(TAG, "refs/tags/v14"));
    ProvenanceSigner s = githubSigner(DELEGATOR + "@" + TAG, "refs/tags/v14", "github-hosted");
    SlsaExpectation exp =
        SlsaExpectation.builder()
            .trustedBuilders(TrustedBuilders.slsaGithubGenerator())
            .builderId(MAVEN)
            .sourceRepository("github.com/acme/app")
            .sourceTag("v14")
            .sourceBranch("main")
            .build();
    SlsaEvaluation e = SlsaEvaluator.evaluate(p, s, exp);
    assertThat(e.failures()).isEmpty();
    assertThat(e.level()).isEqualTo(SlsaBuildLevel.L3);
    SlsaProvenance branchBuilder =
        provenance(V1, Statements.delegatorV1("refs/heads/main", "refs/tags/v14"));
    SlsaEvaluation b = SlsaEvaluator.evaluate(branchBuilder, s, trusted());
    assertThat(reason(b, "builder-trusted")).isEqualTo(ReasonCode.BUILDER_UNTRUSTED);
    assertThat(b.level()).isEqualTo(SlsaBuildLevel.L2);
  }

  @Test
  void githubRunnerBuilderMustMatchTheRunnerEnvironment() throws Exception {
    String pred =
        Statements.githubWorkflowV1("acme/app", "refs/heads/main")
            .replace(
                "'id':'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main'",
                "'id':'https://github.com/actions/runner/github-hosted'");
    SlsaProvenance p = provenance(V1, pred);
    String san = "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main";
    assertThat(
            finding(
                    SlsaEvaluator.evaluate(
                        p,
                        githubSigner(san, "refs/heads/main", "github-hosted"),
                        SlsaExpectation.none()),
                    "signer-builder")
                .ok())
        .isTrue();
    assertThat(
            reason(
                SlsaEvaluator.evaluate(
                    p, githubSigner(san, "refs/heads/main", "self-hosted"), SlsaExpectation.none()),
                "signer-builder"))
        .isEqualTo(ReasonCode.PROVENANCE_INCONSISTENT);
  }

  @Test
  void levelsAreConservative() throws Exception {
    SlsaProvenance p = generic(TAG, "refs/heads/main");
    ProvenanceSigner hosted =
        githubSigner(GENERATOR + "@" + TAG, "refs/heads/main", "github-hosted");
    assertThat(SlsaEvaluator.evaluate(p, SlsaExpectation.none()).level())
        .isEqualTo(SlsaBuildLevel.L1);
    assertThat(SlsaEvaluator.evaluate(p, hosted, SlsaExpectation.none()).level())
        .isEqualTo(SlsaBuildLevel.L3);
    ProvenanceSigner selfHosted =
        githubSigner(GENERATOR + "@" + TAG, "refs/heads/main", "self-hosted");
    assertThat(SlsaEvaluator.evaluate(p, selfHosted, SlsaExpectation.none()).level())
        .isEqualTo(SlsaBuildLevel.L1);
    ProvenanceSigner noRunner = githubSigner(GENERATOR + "@" + TAG, "refs/heads/main", null);
    assertThat(SlsaEvaluator.evaluate(p, noRunner, SlsaExpectation.none()).level())
        .isEqualTo(SlsaBuildLevel.L1);
    // A repository's own workflow on a hosted runner: L2, never L3, even when the user trusts it.
    SlsaProvenance own =
        provenance(V1, Statements.githubWorkflowV1("acme/app", "refs/tags/v1.2.3"));
    String ownSan = "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3";
    SlsaExpectation trustOwn =
        SlsaExpectation.builder()
            .trustedBuilders(
                java.util.List.of(
                    StringMatcher.exact(
                        "https://github.com/acme/app/.github/workflows/release.yml")))
            .build();
    SlsaEvaluation ownEval =
        SlsaEvaluator.evaluate(
            own, githubSigner(ownSan, "refs/tags/v1.2.3", "github-hosted"), trustOwn);
    assertThat(ownEval.level()).isEqualTo(SlsaBuildLevel.L2);
    assertThat(ownEval.levelBasis()).contains("belongs to the source repository");
    // A generator at a branch: L2.
    SlsaProvenance atMain = generic("refs/heads/main", "refs/heads/main");
    assertThat(
            SlsaEvaluator.evaluate(
                    atMain,
                    githubSigner(
                        GENERATOR + "@refs/heads/main", "refs/heads/main", "github-hosted"),
                    SlsaExpectation.none())
                .level())
        .isEqualTo(SlsaBuildLevel.L2);
    SlsaEvaluation required =
        SlsaEvaluator.evaluate(
            p, Optional.empty(), SlsaExpectation.builder().minimumLevel(SlsaBuildLevel.L2).build());
    assertThat(reason(required, "build-level")).isEqualTo(ReasonCode.SLSA_LEVEL_INSUFFICIENT);
  }
}
