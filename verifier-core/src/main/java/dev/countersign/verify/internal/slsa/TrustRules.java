package dev.countersign.verify.internal.slsa;

import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.slsa.TrustedBuilders;
import java.util.List;
import java.util.Optional;

/** Whether a builder or signing workflow is among trusted builders. */
final class TrustRules {
  private static final List<StringMatcher> BUILT_IN = TrustedBuilders.slsaGithubGenerator();

  private TrustRules() {}

  /**
   * The trusted entry the id's name matches, if any. Regular expressions must match the whole name
   * (the id without {@code @ref}); exact entries are compared as slsa-verifier compares builder ids
   * ({@link BuilderId#matchesLoose}), so an entry with {@code @version} pins it. The release-tag
   * rule is separate ({@link BuilderId#atReleaseTag()}).
   */
  static Optional<StringMatcher> trustedBy(BuilderId id, List<StringMatcher> trusted) {
    for (StringMatcher m : trusted) {
      if (m.isRegex()) {
        if (m.matches(id.name())) {
          return Optional.of(m);
        }
      } else {
        Optional<BuilderId> entry = BuilderId.parse(m.pattern());
        if (entry.isPresent() && id.matchesLoose(entry.get())) {
          return Optional.of(m);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the name is one of slsa-github-generator's BYOB delegators. */
  static boolean isDelegator(BuilderId id) {
    return TrustedBuilders.SLSA_GITHUB_GENERATOR_DELEGATORS.contains(id.name());
  }

  /** Whether the name is one of the well-known builders in {@link TrustedBuilders}. */
  static boolean isBuiltIn(BuilderId id) {
    return trustedBy(id, BUILT_IN).isPresent();
  }

  /** A GitHub Actions job workflow ref ({@code https://github.com/...@ref}) from a SAN. */
  static Optional<BuilderId> workflow(String san) {
    return BuilderId.parse(san)
        .filter(b -> !b.version().isEmpty() && b.githubRepository().isPresent());
  }
}
