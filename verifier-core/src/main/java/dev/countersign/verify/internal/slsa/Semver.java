package dev.countersign.verify.internal.slsa;

import java.util.Optional;

/**
 * A semantic version with a {@code v} prefix, parsed as Go's {@code golang.org/x/mod/semver} does
 * (which slsa-verifier uses): {@code vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]]}, numbers without
 * leading zeros, pre-release and build only after a full version.
 *
 * @param major the major number
 * @param minor the minor number, empty when not written
 * @param patch the patch number, empty when not written
 * @param prerelease {@code -...} or empty
 * @param build {@code +...} or empty
 */
public record Semver(String major, String minor, String patch, String prerelease, String build) {

  public static Optional<Semver> parse(String v) {
    if (v == null || v.length() < 2 || v.charAt(0) != 'v') {
      return Optional.empty();
    }
    String[] rest = {v.substring(1)};
    String major = number(rest);
    if (major == null) {
      return Optional.empty();
    }
    if (rest[0].isEmpty()) {
      return Optional.of(new Semver(major, "", "", "", ""));
    }
    if (rest[0].charAt(0) != '.') {
      return Optional.empty();
    }
    rest[0] = rest[0].substring(1);
    String minor = number(rest);
    if (minor == null) {
      return Optional.empty();
    }
    if (rest[0].isEmpty()) {
      return Optional.of(new Semver(major, minor, "", "", ""));
    }
    if (rest[0].charAt(0) != '.') {
      return Optional.empty();
    }
    rest[0] = rest[0].substring(1);
    String patch = number(rest);
    if (patch == null) {
      return Optional.empty();
    }
    String s = rest[0];
    String pre = "";
    String build = "";
    int plus = s.indexOf('+');
    if (plus >= 0) {
      build = s.substring(plus);
      s = s.substring(0, plus);
      if (!identifiers(build.substring(1), false)) {
        return Optional.empty();
      }
    }
    if (!s.isEmpty()) {
      if (s.charAt(0) != '-' || !identifiers(s.substring(1), true)) {
        return Optional.empty();
      }
      pre = s;
    }
    return Optional.of(new Semver(major, minor, patch, pre, build));
  }

  /** Whether minor and patch were both written. */
  public boolean isFull() {
    return !minor.isEmpty() && !patch.isEmpty();
  }

  /**
   * slsa-verifier's {@code --source-versioned-tag} rule ({@code VerifyVersionedTag}): the tag must
   * be a semantic version whose major equals the expected one, and whose minor and patch (with the
   * pre-release) equal the expected ones when the expectation writes them. Build metadata is
   * ignored. So {@code v1} matches {@code v1.2.3} but not {@code v12.0.0}, and {@code v1.2} matches
   * {@code v1.2.9} but not {@code v1.3.0}.
   */
  public boolean admits(String tag) {
    Optional<Semver> parsed = parse(tag);
    if (parsed.isEmpty()) {
      return false;
    }
    Semver actual = parsed.get();
    String actualMinor = actual.minor.isEmpty() ? "0" : actual.minor;
    String actualPatch = actual.patch.isEmpty() ? "0" : actual.patch;
    if (!major.equals(actual.major)) {
      return false;
    }
    if (!minor.isEmpty() && !minor.equals(actualMinor)) {
      return false;
    }
    return patch.isEmpty() || (patch.equals(actualPatch) && prerelease.equals(actual.prerelease));
  }

  private static String number(String[] rest) {
    String s = rest[0];
    int i = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    if (i == 0 || (i > 1 && s.charAt(0) == '0') || i > 18) {
      return null;
    }
    rest[0] = s.substring(i);
    return s.substring(0, i);
  }

  private static boolean identifiers(String s, boolean noLeadingZeros) {
    if (s.isEmpty()) {
      return false;
    }
    for (String id : s.split("\\.", -1)) {
      if (id.isEmpty()
          || !id.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-')) {
        return false;
      }
      boolean numeric = id.chars().allMatch(c -> c >= '0' && c <= '9');
      if (noLeadingZeros && numeric && id.length() > 1 && id.charAt(0) == '0') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "v"
        + major
        + (minor.isEmpty() ? "" : "." + minor)
        + (patch.isEmpty() ? "" : "." + patch)
        + prerelease
        + build;
  }
}
