package dev.countersign.verify.slsa;

import dev.countersign.verify.policy.StringMatcher;
import java.util.List;

/**
 * Well-known trusted builders, as lists of builder names (builder ids without their {@code @ref})
 * for {@link SlsaExpectation.Builder#trustedBuilders}.
 */
public final class TrustedBuilders {
  /** Where slsa-github-generator's reusable workflows live. */
  public static final String SLSA_GITHUB_GENERATOR_WORKFLOWS =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/";

  /**
   * slsa-github-generator's workflows that generate and sign provenance themselves (the defaults
   * slsa-verifier trusts for artifacts and containers).
   */
  public static final List<String> SLSA_GITHUB_GENERATOR_BUILDERS =
      List.of(
          SLSA_GITHUB_GENERATOR_WORKFLOWS + "generator_generic_slsa3.yml",
          SLSA_GITHUB_GENERATOR_WORKFLOWS + "generator_container_slsa3.yml",
          SLSA_GITHUB_GENERATOR_WORKFLOWS + "builder_go_slsa3.yml",
          SLSA_GITHUB_GENERATOR_WORKFLOWS + "builder_container-based_slsa3.yml",
          SLSA_GITHUB_GENERATOR_WORKFLOWS + "builder_docker-based_slsa3.yml");

  /**
   * slsa-github-generator's BYOB delegators: they sign provenance on behalf of a tool reusable
   * workflow, whose id is the provenance's builder id.
   */
  public static final List<String> SLSA_GITHUB_GENERATOR_DELEGATORS =
      List.of(
          SLSA_GITHUB_GENERATOR_WORKFLOWS + "delegator_generic_slsa3.yml",
          SLSA_GITHUB_GENERATOR_WORKFLOWS + "delegator_lowperms-generic_slsa3.yml");

  /** slsa-github-generator's own tool reusable workflows, run through a delegator. */
  public static final List<String> SLSA_GITHUB_GENERATOR_DELEGATED_BUILDERS =
      List.of(
          SLSA_GITHUB_GENERATOR_WORKFLOWS + "builder_maven_slsa3.yml",
          SLSA_GITHUB_GENERATOR_WORKFLOWS + "builder_gradle_slsa3.yml",
          SLSA_GITHUB_GENERATOR_WORKFLOWS + "builder_nodejs_slsa3.yml",
          SLSA_GITHUB_GENERATOR_WORKFLOWS + "builder_bazel_slsa3.yml");

  private TrustedBuilders() {}

  /** Every slsa-github-generator builder, delegator and delegated builder above, exactly. */
  public static List<StringMatcher> slsaGithubGenerator() {
    return java.util.stream.Stream.of(
            SLSA_GITHUB_GENERATOR_BUILDERS,
            SLSA_GITHUB_GENERATOR_DELEGATORS,
            SLSA_GITHUB_GENERATOR_DELEGATED_BUILDERS)
        .flatMap(List::stream)
        .map(StringMatcher::exact)
        .toList();
  }
}
