package dev.countersign.verify.internal.slsa;

import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.slsa.ProvenanceSigner;
import dev.countersign.verify.slsa.SlsaBuildLevel;
import dev.countersign.verify.slsa.SlsaFinding;
import dev.countersign.verify.slsa.SlsaProvenance;
import dev.countersign.verify.slsa.SourceReference;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Assigns the SLSA build level the evidence supports; the rule is documented on SlsaEvaluator. */
public final class LevelRule {
  private LevelRule() {}

  /** A level and why it is not higher. */
  public record Assessment(SlsaBuildLevel level, String basis) {}

  public static Assessment assess(
      SlsaProvenance p,
      Optional<ProvenanceSigner> signer,
      List<SlsaFinding> findings,
      List<StringMatcher> trustedBuilders) {
    if (signer.isEmpty()) {
      return l1("the provenance is signed with a key, not by a build platform's identity");
    }
    ProvenanceSigner s = signer.get();
    if (!s.isGitHubActions()) {
      return l1(
          "the signer's issuer '" + s.issuer() + "' is not a recognised hosted build platform");
    }
    if (!"github-hosted".equals(s.runnerEnvironment().orElse(""))) {
      return l1(
          "the certificate does not show a GitHub-hosted runner (runner environment '"
              + s.runnerEnvironment().orElse("absent")
              + "')");
    }
    Optional<BuilderId> san = TrustRules.workflow(s.subjectAlternativeName());
    if (san.isEmpty()) {
      return l1("the signing identity is not a GitHub workflow ref");
    }
    // The provenance body is written by whoever ran: it only counts as the platform's statement
    // when it agrees with what the platform put in the certificate.
    if (!passed(findings, SlsaFinding.SIGNER_BUILDER)
        || !passed(findings, SlsaFinding.SIGNER_SOURCE)) {
      return l1("the provenance does not agree with its signing certificate");
    }
    String isolated = notIsolated(p, s, san.get(), trustedBuilders);
    if (isolated != null) {
      return new Assessment(
          SlsaBuildLevel.L2, "signed by a workflow on a GitHub-hosted runner, but " + isolated);
    }
    return new Assessment(
        SlsaBuildLevel.L3,
        "signed by the trusted builder " + san.get() + ", isolated from the source repository");
  }

  private static String notIsolated(
      SlsaProvenance p, ProvenanceSigner s, BuilderId san, List<StringMatcher> trusted) {
    if (!TrustRules.isBuiltIn(san) && TrustRules.trustedBy(san, trusted).isEmpty()) {
      return "the signing workflow " + san.name() + " is not a trusted builder";
    }
    if (!san.atReleaseTag()) {
      return "the signing workflow is not at a release tag (" + san.version() + ")";
    }
    Set<String> sourceRepos = new LinkedHashSet<>();
    s.sourceRepository().flatMap(GitUris::repository).ifPresent(sourceRepos::add);
    p.sources().stream()
        .map(SourceReference::repository)
        .filter(r -> !r.isEmpty())
        .forEach(sourceRepos::add);
    if (sourceRepos.isEmpty()) {
      return "the source repository is unknown, so the builder cannot be shown to be separate";
    }
    if (sourceRepos.contains(san.githubRepository().orElse(""))) {
      return "the signing workflow belongs to the source repository";
    }
    if (TrustRules.isDelegator(san)) {
      Optional<BuilderId> tool = p.builderId().flatMap(BuilderId::parse);
      if (tool.isEmpty()
          || (!TrustRules.isBuiltIn(tool.get())
              && TrustRules.trustedBy(tool.get(), trusted).isEmpty())
          || !tool.get().atReleaseTag()) {
        return "the delegated builder "
            + p.builderId().orElse("(none)")
            + " is not trusted at a release tag";
      }
    }
    return null;
  }

  private static boolean passed(List<SlsaFinding> findings, String name) {
    return findings.stream().anyMatch(f -> f.name().equals(name))
        && findings.stream().filter(f -> f.name().equals(name)).allMatch(SlsaFinding::ok);
  }

  private static Assessment l1(String why) {
    return new Assessment(SlsaBuildLevel.L1, "verified SLSA provenance exists, but " + why);
  }
}
