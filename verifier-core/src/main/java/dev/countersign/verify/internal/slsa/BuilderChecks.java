package dev.countersign.verify.internal.slsa;

import static dev.countersign.verify.slsa.SlsaFinding.BUILDER_ID;
import static dev.countersign.verify.slsa.SlsaFinding.BUILDER_TRUSTED;

import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.slsa.SlsaFinding;
import dev.countersign.verify.slsa.SlsaProvenance;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks of the builder id the provenance names. */
public final class BuilderChecks {
  private BuilderChecks() {}

  /**
   * The builder id is the expected one (slsa-verifier {@code ErrorMismatchBuilderID}). Exact
   * expectations use slsa-verifier's loose comparison ({@link BuilderId#matchesLoose}); regular
   * expressions must match the whole id.
   */
  public static SlsaFinding builderId(SlsaProvenance p, StringMatcher expected) {
    Optional<String> id = p.builderId();
    Map<String, String> ev = Map.of("builder.id", id.orElse(""), "expected", expected.pattern());
    if (id.isEmpty()) {
      return SlsaFinding.fail(
          BUILDER_ID, ReasonCode.BUILDER_ID_MISMATCH, "the provenance names no builder", ev);
    }
    boolean ok;
    if (expected.isRegex()) {
      ok = expected.matches(id.get());
    } else {
      Optional<BuilderId> actual = BuilderId.parse(id.get());
      Optional<BuilderId> want = BuilderId.parse(expected.pattern());
      ok = actual.isPresent() && want.isPresent() && actual.get().matchesLoose(want.get());
    }
    return ok
        ? SlsaFinding.pass(BUILDER_ID, "the builder is " + id.get(), ev)
        : SlsaFinding.fail(
            BUILDER_ID,
            ReasonCode.BUILDER_ID_MISMATCH,
            "the provenance names builder " + id.get() + ", expected " + expected,
            ev);
  }

  /**
   * The builder id is a trusted builder at a release tag {@code refs/tags/vX.Y.Z} (slsa-verifier
   * {@code ErrorUntrustedReusableWorkflow} for an untrusted name, {@code ErrorInvalidRef} for any
   * other ref). Names are compared whole, so a fork's copy of a trusted workflow ({@code
   * github.com/someone/slsa-github-generator/...}) is not trusted.
   */
  public static SlsaFinding builderTrusted(SlsaProvenance p, List<StringMatcher> trusted) {
    Optional<String> raw = p.builderId();
    Map<String, String> ev = Map.of("builder.id", raw.orElse(""));
    Optional<BuilderId> id = raw.flatMap(BuilderId::parse);
    if (id.isEmpty()) {
      return SlsaFinding.fail(
          BUILDER_TRUSTED,
          ReasonCode.BUILDER_UNTRUSTED,
          raw.isEmpty()
              ? "the provenance names no builder"
              : "the builder id '" + raw.get() + "' is not of the form <name>@<ref>",
          ev);
    }
    String problem = untrusted(id.get(), trusted, "builder");
    return problem == null
        ? SlsaFinding.pass(BUILDER_TRUSTED, "the builder " + id.get() + " is trusted", ev)
        : SlsaFinding.fail(BUILDER_TRUSTED, ReasonCode.BUILDER_UNTRUSTED, problem, ev);
  }

  /** Why the id is not a trusted builder at a release tag, or null when it is. */
  static String untrusted(BuilderId id, List<StringMatcher> trusted, String what) {
    // The whole name is compared: a fork carrying the same workflow file is another builder, run
    // by whoever controls the fork.
    if (TrustRules.trustedBy(id, trusted).isEmpty()) {
      return "the " + what + " " + id.name() + " is not a trusted builder";
    }
    // A branch or an arbitrary tag can be moved to unreviewed code; only a release tag names a
    // builder version someone vouched for.
    if (!id.atReleaseTag()) {
      return "the "
          + what
          + " "
          + id.name()
          + " is trusted only at a release tag refs/tags/vX.Y.Z, not at '"
          + id.version()
          + "'";
    }
    return null;
  }
}
