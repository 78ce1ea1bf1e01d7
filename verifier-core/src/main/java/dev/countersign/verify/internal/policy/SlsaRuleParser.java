package dev.countersign.verify.internal.policy;

import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.PredicateRule;
import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.slsa.SlsaBuildLevel;
import dev.countersign.verify.slsa.SlsaExpectation;
import dev.countersign.verify.slsa.SlsaProvenance;
import dev.countersign.verify.slsa.TrustedBuilders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an attestation requirement's {@code slsa} section:
 *
 * <pre>
 * slsa:
 *   builderId: https://github.com/slsa-framework/...@refs/tags/v2.0.0   # or builderIdRegExp
 *   trustedBuilders: [slsa-github-generator, https://example.com/builder]
 *   sourceRepository: github.com/acme/app        # or sourceRepositoryRegExp, or sourceUri (glob)
 *   sourceBranch: main                           # or sourceTag / sourceVersionedTag
 *   buildType: https://...                       # or buildTypeRegExp
 *   minimumLevel: 3
 * </pre>
 */
final class SlsaRuleParser {
  static final Set<String> FIELDS =
      Set.of(
          "builderId",
          "builderIdRegExp",
          "trustedBuilders",
          "sourceRepository",
          "sourceRepositoryRegExp",
          "sourceUri",
          "sourceBranch",
          "sourceTag",
          "sourceVersionedTag",
          "buildType",
          "buildTypeRegExp",
          "minimumLevel");

  /** Stands for every slsa-github-generator builder in {@code trustedBuilders}. */
  static final String SLSA_GITHUB_GENERATOR = "slsa-github-generator";

  private SlsaRuleParser() {}

  static PredicateRule parse(YamlNode section, String requirement, String predicateType) {
    if (!SlsaProvenance.isProvenance(predicateType)) {
      throw section.error(
          "SLSA expectations need a provenance predicate type ("
              + String.join(", ", SlsaProvenance.PREDICATE_TYPES)
              + "), not "
              + predicateType);
    }
    section.onlyFields(FIELDS);
    SlsaExpectation.Builder b = SlsaExpectation.builder();
    matcher(section, "builderId").ifPresent(b::builderId);
    section
        .field("trustedBuilders")
        .ifPresent(
            n -> {
              List<StringMatcher> trusted = new ArrayList<>();
              for (YamlNode item : n.list()) {
                String id = item.text();
                if (id.equals(SLSA_GITHUB_GENERATOR)) {
                  trusted.addAll(TrustedBuilders.slsaGithubGenerator());
                } else if (id.isBlank()) {
                  throw item.error("a trusted builder id is empty");
                } else {
                  trusted.add(StringMatcher.exact(id));
                }
              }
              if (trusted.isEmpty()) {
                throw n.error("list at least one trusted builder, or leave the field out");
              }
              b.trustedBuilders(trusted);
            });
    Optional<StringMatcher> repository = matcher(section, "sourceRepository");
    Optional<YamlNode> glob = section.field("sourceUri");
    if (repository.isPresent() && glob.isPresent()) {
      throw glob.get().error("give sourceRepository, sourceRepositoryRegExp or sourceUri, not two");
    }
    repository.ifPresent(b::sourceRepository);
    glob.ifPresent(g -> apply(g, () -> b.sourceRepositoryGlob(g.text())));
    section.field("sourceBranch").ifPresent(n -> apply(n, () -> b.sourceBranch(n.text())));
    section.field("sourceTag").ifPresent(n -> apply(n, () -> b.sourceTag(n.text())));
    section
        .field("sourceVersionedTag")
        .ifPresent(n -> apply(n, () -> b.sourceVersionedTag(n.text())));
    matcher(section, "buildType").ifPresent(b::buildType);
    section.field("minimumLevel").ifPresent(n -> b.minimumLevel(level(n)));
    try {
      return new SlsaRule(b.build());
    } catch (PolicyException e) {
      throw section.relocate(e);
    }
  }

  private static Optional<StringMatcher> matcher(YamlNode section, String field) {
    Optional<YamlNode> exact = section.field(field);
    Optional<YamlNode> regex = section.field(field + "RegExp");
    if (exact.isPresent() && regex.isPresent()) {
      throw regex.get().error("give '" + field + "' or '" + field + "RegExp', not both");
    }
    try {
      if (exact.isPresent()) {
        return Optional.of(StringMatcher.exact(exact.get().text()));
      }
      if (regex.isPresent()) {
        return Optional.of(StringMatcher.regex(regex.get().text()));
      }
    } catch (PolicyException e) {
      throw (exact.isPresent() ? exact.get() : regex.get()).relocate(e);
    }
    return Optional.empty();
  }

  private static void apply(YamlNode node, Runnable setter) {
    try {
      setter.run();
    } catch (PolicyException e) {
      throw node.relocate(e);
    }
  }

  private static SlsaBuildLevel level(YamlNode n) {
    String v = n.scalarValue().trim().toUpperCase(Locale.ROOT);
    switch (v) {
      case "1":
      case "L1":
        return SlsaBuildLevel.L1;
      case "2":
      case "L2":
        return SlsaBuildLevel.L2;
      case "3":
      case "L3":
        return SlsaBuildLevel.L3;
      default:
        throw n.error(
            "minimumLevel must be 1, 2 or 3 (SLSA build track), not '" + n.scalarValue() + "'");
    }
  }
}
