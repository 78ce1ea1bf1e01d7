package dev.countersign.verify.internal.slsa;

import static dev.countersign.verify.slsa.SlsaFinding.SIGNER_BUILDER;
import static dev.countersign.verify.slsa.SlsaFinding.SIGNER_SOURCE;
import static dev.countersign.verify.slsa.SlsaFinding.SIGNER_TRUSTED;

import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.slsa.ProvenanceSigner;
import dev.countersign.verify.slsa.SlsaExpectation;
import dev.countersign.verify.slsa.SlsaFinding;
import dev.countersign.verify.slsa.SlsaProvenance;
import dev.countersign.verify.slsa.SourceReference;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that bind keyless-signed provenance to its signing certificate, as slsa-verifier does for
 * GitHub Actions: the certificate shows who really ran, while the provenance body is whatever that
 * workflow chose to write.
 */
public final class SignerChecks {
  private static final String RUNNER = "https://github.com/actions/runner";

  private SignerChecks() {}

  /**
   * The signing workflow (the certificate's SAN, i.e. the job workflow ref) is trusted
   * (slsa-verifier {@code VerifyBuilderIdentity}): with trusted builders, it must be one of them
   * ({@code ErrorUntrustedReusableWorkflow}) at a release tag ({@code ErrorInvalidRef}); with only
   * an expected builder id, it must match that id or be one of slsa-github-generator's delegators,
   * and be at a release tag unless the expectation pins its exact ref. A trusted github.com
   * workflow must hold a GitHub Actions token ({@code ErrorInvalidOIDCIssuer}).
   */
  public static SlsaFinding signerTrusted(ProvenanceSigner s, SlsaExpectation e) {
    Map<String, String> ev =
        Map.of("cert.san", s.subjectAlternativeName(), "cert.issuer", s.issuer());
    Optional<BuilderId> san =
        s.subjectAlternativeName().contains("://")
            ? BuilderId.parse(s.subjectAlternativeName()).filter(b -> !b.version().isEmpty())
            : Optional.empty();
    if (san.isEmpty()) {
      return SlsaFinding.fail(
          SIGNER_TRUSTED,
          ReasonCode.BUILDER_UNTRUSTED,
          "the signing identity '" + s.subjectAlternativeName() + "' is not a workflow <uri>@<ref>",
          ev);
    }
    BuilderId id = san.get();
    String problem;
    if (!e.trustedBuilders().isEmpty()) {
      problem = BuilderChecks.untrusted(id, e.trustedBuilders(), "signing workflow");
    } else {
      problem = untrustedByBuilderId(id, e.builderId().orElseThrow());
    }
    if (problem == null && id.name().startsWith("https://github.com/") && !s.isGitHubActions()) {
      problem =
          "the signing workflow "
              + id.name()
              + " holds a token from '"
              + s.issuer()
              + "', not from "
              + ProvenanceSigner.GITHUB_ACTIONS_ISSUER;
    }
    return problem == null
        ? SlsaFinding.pass(SIGNER_TRUSTED, "signed by the trusted workflow " + id, ev)
        : SlsaFinding.fail(SIGNER_TRUSTED, ReasonCode.BUILDER_UNTRUSTED, problem, ev);
  }

  private static String untrustedByBuilderId(BuilderId id, StringMatcher expected) {
    boolean matches;
    boolean pinned = false;
    if (expected.isRegex()) {
      matches = expected.matches(id.toString());
    } else {
      Optional<BuilderId> want = BuilderId.parse(expected.pattern());
      matches = want.isPresent() && id.matchesLoose(want.get());
      pinned = matches && !want.get().version().isEmpty();
    }
    if (!matches && !TrustRules.isDelegator(id)) {
      return "the signing workflow " + id + " is not the expected builder " + expected;
    }
    // An expectation that names the exact ref is the user's own pin; otherwise only a release tag
    // is accepted, so a branch of the builder cannot stand in for a reviewed release.
    if (!pinned && !id.atReleaseTag()) {
      return "the signing workflow "
          + id.name()
          + " is accepted only at a release tag refs/tags/vX.Y.Z, not at '"
          + id.version()
          + "'";
    }
    return null;
  }

  /**
   * The provenance's builder id agrees with the signing workflow (slsa-verifier {@code
   * ErrorMismatchCertificate}; its {@code verifyBuilderIDExactMatch} against the certificate's
   * builder): it is that workflow (modulo {@code vX} / {@code refs/tags/vX}); or the workflow is a
   * slsa-github-generator delegator, which signs for the versioned builder it names; or it is the
   * GitHub runner ({@code https://github.com/actions/runner[/github-hosted|/self-hosted]}, as the
   * npm CLI writes) and the certificate's runner environment does not contradict it.
   */
  public static SlsaFinding signerBuilder(SlsaProvenance p, ProvenanceSigner s) {
    Optional<String> raw = p.builderId();
    Optional<BuilderId> workflow = TrustRules.workflow(s.subjectAlternativeName());
    Map<String, String> ev =
        Map.of("builder.id", raw.orElse(""), "cert.san", s.subjectAlternativeName());
    if (workflow.isEmpty()) {
      return inconsistent(
          SIGNER_BUILDER,
          "the GitHub Actions certificate's SAN is not a workflow ref: "
              + s.subjectAlternativeName(),
          ev);
    }
    BuilderId san = workflow.get();
    if (raw.isEmpty()) {
      return inconsistent(SIGNER_BUILDER, "the provenance names no builder", ev);
    }
    Optional<BuilderId> id = BuilderId.parse(raw.get());
    if (id.isPresent() && san.matchesFull(id.get())) {
      return SlsaFinding.pass(SIGNER_BUILDER, "the builder is the signing workflow " + san, ev);
    }
    if (TrustRules.isDelegator(san)) {
      // The delegator generates and signs the provenance itself, naming the tool workflow it ran
      // as the builder; whether that builder is trusted is the builder-trusted check's question.
      if (id.isPresent() && !id.get().version().isEmpty()) {
        return SlsaFinding.pass(
            SIGNER_BUILDER, "the delegator " + san + " signed for the builder " + id.get(), ev);
      }
      return inconsistent(
          SIGNER_BUILDER,
          "the delegator " + san + " must name a builder with a version, not '" + raw.get() + "'",
          ev);
    }
    Optional<String> claimed = id.flatMap(SignerChecks::runnerClaim);
    if (claimed.isPresent()) {
      Optional<String> actual = s.runnerEnvironment();
      if (actual.isPresent() && !actual.get().equals(claimed.get())) {
        return inconsistent(
            SIGNER_BUILDER,
            "the builder claims a "
                + claimed.get()
                + " runner; the certificate says "
                + actual.get(),
            ev);
      }
      return SlsaFinding.pass(
          SIGNER_BUILDER,
          "the builder is the GitHub "
              + claimed.get()
              + " runner"
              + (actual.isPresent() ? ", as the certificate says" : " (not in the certificate)"),
          ev);
    }
    return inconsistent(
        SIGNER_BUILDER,
        "the provenance names builder " + raw.get() + " but was signed by the workflow " + san,
        ev);
  }

  /**
   * The runner kind a GitHub runner builder id claims; the bare id is the older spelling of the
   * GitHub-hosted one.
   */
  private static Optional<String> runnerClaim(BuilderId id) {
    if (!id.version().isEmpty()) {
      return Optional.empty();
    }
    switch (id.name()) {
      case RUNNER:
      case RUNNER + "/github-hosted":
        return Optional.of("github-hosted");
      case RUNNER + "/self-hosted":
        return Optional.of("self-hosted");
      default:
        return Optional.empty();
    }
  }

  /**
   * The certificate's source repository, ref, commit and trigger agree with the provenance
   * (slsa-verifier {@code ErrorMismatchCertificate} / {@code VerifyCertficateSourceRepository}'s
   * {@code ErrorMismatchSource}): every source the provenance names is the certificate's
   * repository, and the triggering source's ref and commit, and the trigger event, equal the
   * certificate's. Values missing on either side are not compared; they are listed in the evidence.
   */
  public static SlsaFinding signerSource(SlsaProvenance p, ProvenanceSigner s) {
    Map<String, String> ev = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    List<String> compared = new ArrayList<>();
    Optional<String> certRepo = s.sourceRepository().flatMap(GitUris::repository);
    s.sourceRepository().ifPresent(v -> ev.put("cert.source.repository", v));
    if (certRepo.isPresent()) {
      for (SourceReference src : p.sources()) {
        if (!src.repository().isEmpty()) {
          compared.add("repository");
          if (!src.repository().equals(certRepo.get())) {
            problems.add(
                src.origin()
                    + " names "
                    + src.repository()
                    + ", the certificate "
                    + certRepo.get());
          }
        }
      }
    }
    // Ref and commit are compared for the triggering source only: a delegated builder may build a
    // commit it made itself, so later source claims can name another commit of the same repository.
    Optional<SourceReference> primary = p.source();
    primary.ifPresent(src -> ev.put("source", src.toString()));
    compare("ref", s.sourceRef(), primary.map(SourceReference::ref), false, ev, compared, problems);
    compare(
        "commit",
        s.sourceDigest(),
        primary.map(SourceReference::digest),
        true,
        ev,
        compared,
        problems);
    compare(
        "trigger", s.buildTrigger(), Optional.of(p.triggerEvent()), false, ev, compared, problems);
    ev.put("compared", String.join(",", compared.stream().distinct().toList()));
    if (!problems.isEmpty()) {
      return inconsistent(SIGNER_SOURCE, String.join("; ", problems), ev);
    }
    return SlsaFinding.pass(
        SIGNER_SOURCE,
        compared.isEmpty()
            ? "the certificate and the provenance share no source facts to compare"
            : "the certificate agrees with the provenance on "
                + String.join(", ", compared.stream().distinct().toList()),
        ev);
  }

  private static void compare(
      String what,
      Optional<String> cert,
      Optional<String> prov,
      boolean ignoreCase,
      Map<String, String> ev,
      List<String> compared,
      List<String> problems) {
    cert.ifPresent(v -> ev.put("cert.source." + what, v));
    if (cert.isEmpty() || prov.isEmpty() || prov.get().isEmpty()) {
      return;
    }
    compared.add(what);
    String a = ignoreCase ? cert.get().toLowerCase(Locale.ROOT) : cert.get();
    String b = ignoreCase ? prov.get().toLowerCase(Locale.ROOT) : prov.get();
    if (!a.equals(b)) {
      problems.add(
          "the provenance's " + what + " is " + prov.get() + ", the certificate's " + cert.get());
    }
  }

  private static SlsaFinding inconsistent(String name, String detail, Map<String, String> ev) {
    return SlsaFinding.fail(name, ReasonCode.PROVENANCE_INCONSISTENT, detail, ev);
  }
}
