package dev.countersign.verify.internal.slsa;

import static dev.countersign.verify.slsa.SlsaFinding.BUILD_TYPE;
import static dev.countersign.verify.slsa.SlsaFinding.SOURCE;
import static dev.countersign.verify.slsa.SlsaFinding.SOURCE_BRANCH;
import static dev.countersign.verify.slsa.SlsaFinding.SOURCE_TAG;
import static dev.countersign.verify.slsa.SlsaFinding.SOURCE_VERSIONED_TAG;

import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.slsa.SlsaFinding;
import dev.countersign.verify.slsa.SlsaProvenance;
import dev.countersign.verify.slsa.SourceReference;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks of the source and build type the provenance names against an expectation. */
public final class SourceChecks {
  private SourceChecks() {}

  /**
   * Every source the provenance names is the expected repository, and the sources that name a ref
   * name the same one (slsa-verifier {@code verifySourceURI}: {@code ErrorMismatchSource} when the
   * trigger or the material is another repository; {@code ErrorInvalidDssePayload} when their refs
   * differ). A provenance that names no source fails.
   */
  public static SlsaFinding source(SlsaProvenance p, StringMatcher expected) {
    List<SourceReference> sources = p.sources();
    Map<String, String> ev =
        Map.of(
            "expected",
            expected.pattern(),
            "source.uri",
            p.sourceUri().orElse(""),
            "sources",
            String.join(" ", sources.stream().map(SourceReference::toString).toList()));
    if (sources.isEmpty()) {
      return SlsaFinding.fail(
          SOURCE, ReasonCode.SOURCE_MISMATCH, "the provenance names no source repository", ev);
    }
    List<String> problems = new ArrayList<>();
    String ref = sources.get(0).ref();
    for (SourceReference s : sources) {
      if (!repositoryMatches(s, expected)) {
        problems.add(s.origin() + " names " + s.uri() + ", expected " + expected);
      } else if (!ref.isEmpty() && !s.ref().isEmpty() && !s.ref().equals(ref)) {
        problems.add(
            s.origin() + " names ref " + s.ref() + " but the build was triggered at " + ref);
      }
    }
    return problems.isEmpty()
        ? SlsaFinding.pass(SOURCE, "the source is " + sources.get(0).uri(), ev)
        : SlsaFinding.fail(SOURCE, ReasonCode.SOURCE_MISMATCH, String.join("; ", problems), ev);
  }

  /**
   * Whether a source names the expected repository: normalised equality for exact expectations; a
   * full match of any spelling ({@code github.com/o/r}, {@code https://...}, {@code git+https://
   * ...}) for patterns. Sources whose URI could not be normalised match nothing.
   */
  static boolean repositoryMatches(SourceReference s, StringMatcher expected) {
    if (s.repository().isEmpty()) {
      return false;
    }
    if (!expected.isRegex()) {
      return expected.pattern().equals(s.repository());
    }
    return GitUris.spellings(s.repository()).stream().anyMatch(expected::matches);
  }

  /**
   * The source branch is the expected one (slsa-verifier {@code VerifyBranch}, {@code
   * ErrorMismatchBranch}); for tag builds the branch is the one the provenance records for the tag
   * ({@link SlsaProvenance#sourceBranch()}).
   */
  public static SlsaFinding branch(SlsaProvenance p, String expected) {
    Optional<String> branch = p.sourceBranch();
    Map<String, String> ev =
        Map.of(
            "expected",
            expected,
            "source.ref",
            p.sourceRef().orElse(""),
            "branch",
            branch.orElse(""));
    if (branch.isPresent() && branch.get().equals(expected)) {
      return SlsaFinding.pass(SOURCE_BRANCH, "built from branch " + expected, ev);
    }
    return SlsaFinding.fail(
        SOURCE_BRANCH,
        ReasonCode.SOURCE_BRANCH_MISMATCH,
        branch
            .map(b -> "built from branch " + b + ", expected " + expected)
            .orElse("the provenance names no branch (ref '" + p.sourceRef().orElse("") + "')"),
        ev);
  }

  /**
   * The source tag is exactly the expected one (slsa-verifier {@code VerifyTag}, {@code
   * ErrorMismatchTag}).
   */
  public static SlsaFinding tag(SlsaProvenance p, String expected) {
    Optional<String> tag = p.sourceTag();
    Map<String, String> ev = Map.of("expected", expected, "source.ref", p.sourceRef().orElse(""));
    if (tag.isPresent() && tag.get().equals(expected)) {
      return SlsaFinding.pass(SOURCE_TAG, "built from tag " + expected, ev);
    }
    return SlsaFinding.fail(
        SOURCE_TAG, ReasonCode.SOURCE_TAG_MISMATCH, tagProblem(tag, p, expected), ev);
  }

  /**
   * The source tag is a semantic version matching the expected prefix (slsa-verifier {@code
   * VerifyVersionedTag}: {@code ErrorMismatchVersionedTag}, or {@code ErrorInvalidSemver} when the
   * tag is not a version); see {@link Semver#admits}.
   */
  public static SlsaFinding versionedTag(SlsaProvenance p, String expected) {
    Optional<String> tag = p.sourceTag();
    Map<String, String> ev = Map.of("expected", expected, "source.ref", p.sourceRef().orElse(""));
    Semver want = Semver.parse(expected).orElseThrow();
    if (tag.isPresent() && want.admits(tag.get())) {
      return SlsaFinding.pass(
          SOURCE_VERSIONED_TAG, "built from tag " + tag.get() + ", within " + expected, ev);
    }
    return SlsaFinding.fail(
        SOURCE_VERSIONED_TAG,
        ReasonCode.SOURCE_TAG_MISMATCH,
        tag.isPresent() && Semver.parse(tag.get()).isEmpty()
            ? "the tag " + tag.get() + " is not a semantic version"
            : tagProblem(tag, p, "a version within " + expected),
        ev);
  }

  private static String tagProblem(Optional<String> tag, SlsaProvenance p, String expected) {
    return tag.map(t -> "built from tag " + t + ", expected " + expected)
        .orElse("the provenance names no tag (ref '" + p.sourceRef().orElse("") + "')");
  }

  /** The build type is the expected one (slsa-verifier {@code ErrorInvalidBuildType}). */
  public static SlsaFinding buildType(SlsaProvenance p, StringMatcher expected) {
    Optional<String> type = p.buildType();
    Map<String, String> ev = Map.of("build.type", type.orElse(""), "expected", expected.pattern());
    return type.isPresent() && expected.matches(type.get())
        ? SlsaFinding.pass(BUILD_TYPE, "the build type is " + type.get(), ev)
        : SlsaFinding.fail(
            BUILD_TYPE,
            ReasonCode.BUILD_TYPE_MISMATCH,
            type.map(t -> "the build type is " + t + ", expected " + expected)
                .orElse("the provenance names no build type"),
            ev);
  }
}
