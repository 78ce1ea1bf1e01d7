package dev.countersign.verify.slsa;

import dev.countersign.verify.internal.slsa.GitUris;
import dev.countersign.verify.internal.slsa.Globs;
import dev.countersign.verify.internal.slsa.Semver;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.StringMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What provenance must show. Every part is optional; an absent part is not checked. Built once
 * (validated here, {@link PolicyException} if invalid) and reused.
 *
 * @param builderId the expected builder id. An exact value is compared as slsa-verifier's {@code
 *     --builder-id}: without {@code @version} the name must be equal (any version); with one, the
 *     version must be equal too, {@code vX} also matching {@code refs/tags/vX}. A regular
 *     expression must match the whole builder id.
 * @param trustedBuilders builder names (ids without {@code @ref}) that are trusted, see {@link
 *     TrustedBuilders}; a trusted builder must also be at a release tag {@code refs/tags/vX.Y.Z}.
 *     An exact entry with {@code @version} pins that version.
 * @param sourceRepository the expected source repository. Exact values are normalised ({@code
 *     git+https://github.com/acme/app.git} is {@code github.com/acme/app}); regular expressions and
 *     globs may be written against {@code github.com/acme/app}, {@code https://github.com/acme/app}
 *     or {@code git+https://github.com/acme/app}.
 * @param sourceBranch the expected branch (slsa-verifier's {@code --source-branch})
 * @param sourceTag the expected tag, exactly ({@code --source-tag})
 * @param sourceVersionedTag a semantic-version prefix the tag must match, e.g. {@code v1} or {@code
 *     v1.2} ({@code --source-versioned-tag})
 * @param buildType the expected build type
 * @param minimumLevel the lowest acceptable SLSA build level
 */
public record SlsaExpectation(
    Optional<StringMatcher> builderId,
    List<StringMatcher> trustedBuilders,
    Optional<StringMatcher> sourceRepository,
    Optional<String> sourceBranch,
    Optional<String> sourceTag,
    Optional<String> sourceVersionedTag,
    Optional<StringMatcher> buildType,
    Optional<SlsaBuildLevel> minimumLevel) {

  public SlsaExpectation {
    builderId = builderId == null ? Optional.empty() : builderId;
    trustedBuilders = trustedBuilders == null ? List.of() : List.copyOf(trustedBuilders);
    sourceRepository =
        sourceRepository == null
            ? Optional.empty()
            : sourceRepository.map(SlsaExpectation::normaliseRepository);
    sourceBranch = refName(sourceBranch, "refs/heads/", "source branch");
    sourceTag = refName(sourceTag, "refs/tags/", "source tag");
    sourceVersionedTag = refName(sourceVersionedTag, "refs/tags/", "source versioned tag");
    buildType = buildType == null ? Optional.empty() : buildType;
    minimumLevel = minimumLevel == null ? Optional.empty() : minimumLevel;
    if (sourceTag.isPresent() && sourceVersionedTag.isPresent()) {
      throw new PolicyException("", "expect either a source tag or a versioned tag, not both");
    }
    sourceVersionedTag.ifPresent(
        v -> {
          if (Semver.parse(v).isEmpty()) {
            throw new PolicyException(
                "", "versioned tag '" + v + "' is not a semantic version such as v1, v1.2, v1.2.3");
          }
        });
  }

  /** Expects nothing: only the consistency of provenance and certificate is checked. */
  public static SlsaExpectation none() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static StringMatcher normaliseRepository(StringMatcher m) {
    if (m.isRegex()) {
      return m;
    }
    if (!GitUris.split(m.pattern()).ref().isEmpty()) {
      throw new PolicyException(
          "",
          "source repository '"
              + m.pattern()
              + "' names a ref; expect the branch or tag separately");
    }
    String repo =
        GitUris.repository(m.pattern())
            .orElseThrow(
                () ->
                    new PolicyException(
                        "",
                        "source repository '"
                            + m.pattern()
                            + "' is not an https repository such as github.com/acme/app"));
    return StringMatcher.exact(repo);
  }

  private static Optional<String> refName(Optional<String> v, String prefix, String what) {
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    String s = v.get().startsWith(prefix) ? v.get().substring(prefix.length()) : v.get();
    if (s.isBlank()) {
      throw new PolicyException("", "the expected " + what + " is empty");
    }
    return Optional.of(s);
  }

  /** Builds an expectation; unset parts are not checked. */
  public static final class Builder {
    private StringMatcher builderId;
    private final List<StringMatcher> trustedBuilders = new ArrayList<>();
    private StringMatcher sourceRepository;
    private String sourceBranch;
    private String sourceTag;
    private String sourceVersionedTag;
    private StringMatcher buildType;
    private SlsaBuildLevel minimumLevel;

    private Builder() {}

    /** An exact builder id, with or without {@code @version}. */
    public Builder builderId(String exact) {
      return builderId(StringMatcher.exact(exact));
    }

    public Builder builderId(StringMatcher matcher) {
      this.builderId = matcher;
      return this;
    }

    /** Adds trusted builder names, e.g. {@link TrustedBuilders#slsaGithubGenerator()}. */
    public Builder trustedBuilders(List<StringMatcher> names) {
      trustedBuilders.addAll(names);
      return this;
    }

    /** An exact repository, e.g. {@code github.com/acme/app}; normalised. */
    public Builder sourceRepository(String exact) {
      return sourceRepository(StringMatcher.exact(exact));
    }

    public Builder sourceRepository(StringMatcher matcher) {
      this.sourceRepository = matcher;
      return this;
    }

    /** A repository glob, e.g. {@code github.com/acme/*}. */
    public Builder sourceRepositoryGlob(String glob) {
      return sourceRepository(Globs.matcher(glob));
    }

    /** A branch name ({@code main}; {@code refs/heads/main} is accepted too). */
    public Builder sourceBranch(String branch) {
      this.sourceBranch = branch;
      return this;
    }

    /** A tag name ({@code v1.2.3}; {@code refs/tags/v1.2.3} is accepted too). */
    public Builder sourceTag(String tag) {
      this.sourceTag = tag;
      return this;
    }

    /** A semantic-version prefix, e.g. {@code v1}. */
    public Builder sourceVersionedTag(String versionPrefix) {
      this.sourceVersionedTag = versionPrefix;
      return this;
    }

    public Builder buildType(String exact) {
      return buildType(StringMatcher.exact(exact));
    }

    public Builder buildType(StringMatcher matcher) {
      this.buildType = matcher;
      return this;
    }

    public Builder minimumLevel(SlsaBuildLevel level) {
      this.minimumLevel = level;
      return this;
    }

    /** Validates and builds; throws {@link PolicyException} when invalid. */
    public SlsaExpectation build() {
      return new SlsaExpectation(
          Optional.ofNullable(builderId),
          trustedBuilders,
          Optional.ofNullable(sourceRepository),
          Optional.ofNullable(sourceBranch),
          Optional.ofNullable(sourceTag),
          Optional.ofNullable(sourceVersionedTag),
          Optional.ofNullable(buildType),
          Optional.ofNullable(minimumLevel));
    }
  }
}
