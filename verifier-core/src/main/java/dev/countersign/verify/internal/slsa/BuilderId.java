package dev.countersign.verify.internal.slsa;

import java.util.Optional;

/**
 * A builder id split into name and version, as slsa-verifier's {@code ParseBuilderID} does: {@code
 * <name>@<version>} or a bare name. Ids with more than one {@code @} or an empty version are
 * malformed.
 *
 * @param name e.g. {@code
 *     https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_go_slsa3.yml}
 * @param version e.g. {@code refs/tags/v2.1.0}; empty when the id has none
 */
public record BuilderId(String name, String version) {

  public static Optional<BuilderId> parse(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = id.split("@", -1);
    if (parts.length == 1) {
      return Optional.of(new BuilderId(parts[0], ""));
    }
    if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
      return Optional.of(new BuilderId(parts[0], parts[1]));
    }
    return Optional.empty();
  }

  /**
   * slsa-verifier's {@code MatchesLoose(expected, allowRef=true)}: the names are equal and, when
   * the expected id has a version, the versions are equal or the expected {@code vX} is this id's
   * {@code refs/tags/vX}.
   */
  public boolean matchesLoose(BuilderId expected) {
    if (!name.equals(expected.name)) {
      return false;
    }
    return expected.version.isEmpty() || sameVersion(expected.version);
  }

  /** slsa-verifier's {@code MatchesFull(expected, allowRef=true)}: names and versions equal. */
  public boolean matchesFull(BuilderId expected) {
    return name.equals(expected.name) && sameVersion(expected.version);
  }

  private boolean sameVersion(String expectedVersion) {
    return expectedVersion.equals(version) || ("refs/tags/" + expectedVersion).equals(version);
  }

  /**
   * Whether the version is a release tag {@code refs/tags/vX.Y.Z}: a valid semantic version with
   * all three numbers and neither pre-release nor build metadata (slsa-verifier's {@code
   * IsValidBuilderTag}).
   */
  public boolean atReleaseTag() {
    if (!version.startsWith("refs/tags/")) {
      return false;
    }
    String tag = version.substring("refs/tags/".length());
    return Semver.parse(tag)
        .filter(v -> v.isFull() && v.prerelease().isEmpty() && v.build().isEmpty())
        .isPresent();
  }

  /**
   * For a GitHub workflow ({@code https://github.com/<owner>/<repo>/<path>}), the repository it
   * belongs to as {@code github.com/<owner>/<repo>}.
   */
  public Optional<String> githubRepository() {
    String prefix = "https://github.com/";
    if (!name.startsWith(prefix)) {
      return Optional.empty();
    }
    String[] parts = name.substring(prefix.length()).split("/", -1);
    if (parts.length < 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("github.com/" + parts[0] + "/" + parts[1]);
  }

  @Override
  public String toString() {
    return version.isEmpty() ? name : name + "@" + version;
  }
}
