package dev.countersign.verify.slsa;

import dev.countersign.verify.internal.slsa.BuilderChecks;
import dev.countersign.verify.internal.slsa.LevelRule;
import dev.countersign.verify.internal.slsa.SignerChecks;
import dev.countersign.verify.internal.slsa.SourceChecks;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates verified SLSA provenance against an expectation and, for keyless signatures, against
 * the signing certificate. Stateless and thread-safe.
 *
 * <p>Checks, in order, each only when it applies: {@code builder-id}, {@code builder-trusted} (when
 * the expectation names them); with a keyless signer: {@code signer-trusted} (when the expectation
 * constrains the builder), and for GitHub Actions signers {@code signer-builder} and {@code
 * signer-source}, which always run because they need no expectation; then {@code source}, {@code
 * source-branch}, {@code source-tag}, {@code source-versioned-tag}, {@code build-type} and {@code
 * build-level} when expected. See {@link SlsaFinding} for the names.
 *
 * <p>The SLSA build level is assigned conservatively; each level needs everything below it:
 *
 * <ul>
 *   <li><b>L1</b>: the caller verified the statement's signature and it carries SLSA provenance.
 *   <li><b>L2</b>: the signer is a keyless certificate from GitHub Actions ({@value
 *       ProvenanceSigner#GITHUB_ACTIONS_ISSUER}) whose runner environment extension is {@code
 *       github-hosted}, whose SAN is a GitHub workflow ref, and the {@code signer-builder} and
 *       {@code signer-source} checks pass. Older certificates without the runner environment, self-
 *       hosted runners, other issuers and keys stay at L1.
 *   <li><b>L3</b>: additionally the signing workflow is a trusted builder — one of {@link
 *       TrustedBuilders#slsaGithubGenerator()} or of the expectation's trusted builders — at a
 *       release tag {@code refs/tags/vX.Y.Z}; it belongs to a repository other than every known
 *       source repository (certificate and provenance; at least one must be known); and when it is
 *       a slsa-github-generator delegator, the builder it names is itself trusted at a release tag.
 * </ul>
 */
public final class SlsaEvaluator {
  private SlsaEvaluator() {}

  /** Evaluates provenance signed with a key (no certificate identity). */
  public static SlsaEvaluation evaluate(SlsaProvenance provenance, SlsaExpectation expectation) {
    return evaluate(provenance, Optional.empty(), expectation);
  }

  /** Evaluates provenance signed keyless by {@code signer}. */
  public static SlsaEvaluation evaluate(
      SlsaProvenance provenance, ProvenanceSigner signer, SlsaExpectation expectation) {
    return evaluate(provenance, Optional.of(signer), expectation);
  }

  /**
   * Evaluates provenance.
   *
   * @param provenance provenance from a statement whose signature was verified
   * @param signer the verified keyless signer, or empty for a key signature
   * @param expectation what must hold
   */
  public static SlsaEvaluation evaluate(
      SlsaProvenance provenance, Optional<ProvenanceSigner> signer, SlsaExpectation expectation) {
    List<SlsaFinding> findings = new ArrayList<>();
    expectation.builderId().ifPresent(m -> findings.add(BuilderChecks.builderId(provenance, m)));
    if (!expectation.trustedBuilders().isEmpty()) {
      findings.add(BuilderChecks.builderTrusted(provenance, expectation.trustedBuilders()));
    }
    if (signer.isPresent()) {
      ProvenanceSigner s = signer.get();
      if (!expectation.trustedBuilders().isEmpty() || expectation.builderId().isPresent()) {
        findings.add(SignerChecks.signerTrusted(s, expectation));
      }
      if (s.isGitHubActions()) {
        findings.add(SignerChecks.signerBuilder(provenance, s));
        findings.add(SignerChecks.signerSource(provenance, s));
      }
    }
    expectation.sourceRepository().ifPresent(m -> findings.add(SourceChecks.source(provenance, m)));
    expectation.sourceBranch().ifPresent(b -> findings.add(SourceChecks.branch(provenance, b)));
    expectation.sourceTag().ifPresent(t -> findings.add(SourceChecks.tag(provenance, t)));
    expectation
        .sourceVersionedTag()
        .ifPresent(t -> findings.add(SourceChecks.versionedTag(provenance, t)));
    expectation.buildType().ifPresent(m -> findings.add(SourceChecks.buildType(provenance, m)));
    LevelRule.Assessment level =
        LevelRule.assess(provenance, signer, findings, expectation.trustedBuilders());
    expectation.minimumLevel().ifPresent(min -> findings.add(levelFinding(level, min)));
    return new SlsaEvaluation(provenance, level.level(), level.basis(), findings);
  }

  /**
   * The evidence supports the required level (slsa-verifier's VSA check {@code
   * ErrorMismatchVerifiedLevels}).
   */
  private static SlsaFinding levelFinding(LevelRule.Assessment level, SlsaBuildLevel min) {
    Map<String, String> ev =
        Map.of(
            "slsa.level",
            String.valueOf(level.level().number()),
            "expected",
            String.valueOf(min.number()));
    return level.level().atLeast(min)
        ? SlsaFinding.pass(SlsaFinding.BUILD_LEVEL, "the evidence supports " + level.level(), ev)
        : SlsaFinding.fail(
            SlsaFinding.BUILD_LEVEL,
            ReasonCode.SLSA_LEVEL_INSUFFICIENT,
            "the evidence supports "
                + level.level()
                + ", "
                + min
                + " is required: "
                + level.basis(),
            ev);
  }
}
