package dev.countersign.verify.internal.policy;

import dev.countersign.verify.Artifact;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.attest.DsseEnvelope;
import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.bundle.SigstoreBundle;
import dev.countersign.verify.internal.bundle.BundleVerification;
import dev.countersign.verify.internal.oci.CandidateOutcome;
import dev.countersign.verify.internal.oci.DigestSearch;
import dev.countersign.verify.internal.oci.ImageVerification;
import dev.countersign.verify.internal.oci.MemoizingEvidenceSource;
import dev.countersign.verify.internal.oci.RegistryFailures;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.ResolvedImage;
import dev.countersign.verify.policy.AttestationRequirement;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.ImageGlob;
import dev.countersign.verify.policy.ImagePolicy;
import dev.countersign.verify.policy.Mode;
import dev.countersign.verify.policy.NoMatchAction;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.policy.PolicySet;
import dev.countersign.verify.policy.PolicyVerdict;
import dev.countersign.verify.policy.PredicateRule;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Status;
import dev.countersign.verify.verdict.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a policy set to an image: resolve once, then for every applicable policy verify the
 * signature (any one authority) and every required attestation (all of them), and derive the
 * decision from the verdicts and the policies' modes.
 */
public final class PolicyEvaluation {
  private final PolicySet policies;
  private final NoMatchAction noMatch;
  private final ImageVerification images;
  private final Clock clock;

  public PolicyEvaluation(
      PolicySet policies, NoMatchAction noMatch, ImageVerification images, Clock clock) {
    this.policies = policies;
    this.noMatch = noMatch;
    this.images = images;
    this.clock = clock;
  }

  public PolicySet policies() {
    return policies;
  }

  public PolicyDecision evaluate(ImageReference requested) {
    return evaluate(requested, policies.matching(requested));
  }

  /** Evaluates an image against the given policies (which the caller chose). */
  public PolicyDecision evaluate(ImageReference requested, List<ImagePolicy> applicable) {
    Instant now = clock.instant();
    if (applicable.isEmpty()) {
      return noMatchingPolicy(requested, now);
    }
    // One evaluation reads each manifest and evidence location once, whatever the number of
    // policies and requirements, and all of them judge the same registry answers.
    MemoizingEvidenceSource source = new MemoizingEvidenceSource(images.source());
    ResolvedImage resolved;
    try {
      resolved = source.resolve(requested);
    } catch (RegistryException e) {
      List<PolicyVerdict> verdicts = new ArrayList<>();
      for (ImagePolicy p : applicable) {
        List<CheckResult> checks = new ArrayList<>();
        checks.add(applies(p, requested));
        checks.add(RegistryFailures.toCheck(CheckId.IMAGE_RESOLVE, requested.toString(), e));
        verdicts.add(verdict(p, requested.toString(), "", now, checks));
      }
      return new PolicyDecision(
          requested.toString(), "", policies.revision(), now, verdicts, noMatch);
    }
    List<PolicyVerdict> verdicts = new ArrayList<>();
    for (ImagePolicy p : applicable) {
      verdicts.add(evaluate(p, requested, resolved, source, now));
    }
    return new PolicyDecision(
        requested.toString(),
        resolved.reference().digest().orElseThrow().toString(),
        policies.revision(),
        now,
        verdicts,
        noMatch);
  }

  private PolicyVerdict evaluate(
      ImagePolicy policy,
      ImageReference requested,
      ResolvedImage resolved,
      MemoizingEvidenceSource source,
      Instant now) {
    List<CheckResult> checks = new ArrayList<>();
    checks.add(applies(policy, requested));
    checks.add(ImageVerification.resolveCheck(requested, resolved));
    List<String> roots = new ArrayList<>();
    var signatures = images.signatures(policy.authorities(), policy.trustRoot(), now);
    ImageVerification.overImage(
        resolved,
        policy.multiArch(),
        checks,
        (image, out) -> {
          DigestSearch.Result r =
              DigestSearch.first(source, image, policy.signatureRepository(), signatures);
          out.addAll(r.checks());
          if (!r.trustRoot().isEmpty()) {
            roots.add(r.trustRoot());
          }
          return r.passed();
        });
    for (AttestationRequirement requirement : policy.attestations()) {
      attestation(policy, requirement, resolved, source, now, checks, roots);
    }
    String root = roots.isEmpty() ? policy.trustRoot().orElse("") : roots.get(roots.size() - 1);
    return verdict(policy, resolved.reference().toString(), root, now, checks);
  }

  private void attestation(
      ImagePolicy policy,
      AttestationRequirement requirement,
      ResolvedImage resolved,
      MemoizingEvidenceSource source,
      Instant now,
      List<CheckResult> checks,
      List<String> roots) {
    Set<String> companionTypes = new LinkedHashSet<>();
    for (PredicateRule r : requirement.predicateRules()) {
      companionTypes.addAll(r.companionPredicateTypes());
    }
    Map<String, List<InTotoStatement>> companionCache = new HashMap<>();
    AttestationCandidates companions =
        companionTypes.isEmpty()
            ? null
            : new AttestationCandidates(
                images, requirement, companionTypes, policy.trustRoot(), now, null);
    AttestationCandidates wanted =
        new AttestationCandidates(
            images,
            requirement,
            Set.of(requirement.predicateType()),
            policy.trustRoot(),
            now,
            image ->
                companionCache.computeIfAbsent(
                    image.toString(),
                    k ->
                        DigestSearch.all(source, image, policy.signatureRepository(), companions)
                            .stream()
                            .map(CandidateOutcome::statement)
                            .flatMap(Optional::stream)
                            .toList()));
    ImageVerification.overImage(
        resolved,
        policy.multiArch(),
        checks,
        (image, out) -> {
          DigestSearch.Result r =
              DigestSearch.first(source, image, policy.signatureRepository(), wanted);
          for (CheckResult c : r.checks()) {
            out.add(withRequirement(c, requirement.name()));
          }
          if (!r.trustRoot().isEmpty()) {
            roots.add(r.trustRoot());
          }
          return r.passed();
        });
  }

  /** Names the requirement in a check's target, so a report tells requirements apart. */
  private static CheckResult withRequirement(CheckResult c, String requirement) {
    String target = "attestations." + requirement + (c.target().isEmpty() ? "" : " " + c.target());
    return new CheckResult(c.check(), target, c.status(), c.reason(), c.detail(), c.evidence());
  }

  private PolicyDecision noMatchingPolicy(ImageReference requested, Instant now) {
    CheckResult check =
        new CheckResult(
            CheckId.POLICY,
            requested.toString(),
            noMatch == NoMatchAction.ALLOW ? Status.SKIPPED : Status.FAIL,
            noMatch == NoMatchAction.ALLOW ? ReasonCode.OK : ReasonCode.NO_MATCHING_POLICY,
            "no policy applies to "
                + requested.name()
                + " ("
                + policies.policies().size()
                + " polic"
                + (policies.policies().size() == 1 ? "y" : "ies")
                + " loaded)",
            Map.of("policy.revision", policies.revision()));
    Verdict v = new Verdict(requested.toString(), "", "", now, List.of(check));
    return new PolicyDecision(
        requested.toString(),
        requested.digest().map(Object::toString).orElse(""),
        policies.revision(),
        now,
        List.of(new PolicyVerdict("", "", Mode.ENFORCE, v)),
        noMatch);
  }

  private static CheckResult applies(ImagePolicy policy, ImageReference image) {
    String glob =
        policy.images().stream()
            .filter(g -> g.matches(image))
            .map(ImageGlob::glob)
            .findFirst()
            .orElse("");
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("policy.name", policy.name());
    ev.put("policy.source", policy.source());
    ev.put("policy.mode", policy.mode().name().toLowerCase(java.util.Locale.ROOT));
    ev.put("policy.glob", glob);
    return CheckResult.pass(
        CheckId.POLICY,
        policy.name(),
        "policy '" + policy.name() + "' (" + policy.source() + ") applies through " + glob,
        ev);
  }

  private static PolicyVerdict verdict(
      ImagePolicy p, String subject, String root, Instant now, List<CheckResult> checks) {
    return new PolicyVerdict(
        p.name(), p.source(), p.mode(), new Verdict(subject, root, p.name(), now, checks));
  }

  /**
   * Applies one policy to a Sigstore bundle for a file: a signature must satisfy the policy's
   * authorities; an attestation of a type the policy requires must satisfy that requirement's
   * authorities and predicate rules.
   */
  public PolicyVerdict evaluateBundle(
      ImagePolicy policy, byte[] bundleJson, Artifact artifact, BundleVerification bundles) {
    Instant now = clock.instant();
    Optional<InTotoStatement> unsigned = unsignedStatement(bundleJson);
    Optional<AttestationRequirement> requirement =
        unsigned.flatMap(
            st ->
                policy.attestations().stream()
                    .filter(r -> r.predicateType().equals(st.predicateType()))
                    .findFirst());
    List<Authority> authorities =
        requirement.map(AttestationRequirement::authorities).orElse(policy.authorities());
    Verdict signed =
        bundles.verify(
            new VerificationRequest.Bundle(bundleJson, artifact, authorities, policy.trustRoot()));
    List<CheckResult> checks = new ArrayList<>();
    checks.add(
        CheckResult.pass(
            CheckId.POLICY,
            policy.name(),
            "policy '"
                + policy.name()
                + "' ("
                + policy.source()
                + ") applied"
                + requirement
                    .map(r -> " with attestation requirement '" + r.name() + "'")
                    .orElse(""),
            Map.of("policy.name", policy.name(), "policy.source", policy.source())));
    checks.addAll(signed.checks());
    if (requirement.isPresent()
        && signed.outcome() == dev.countersign.verify.verdict.Outcome.PASS) {
      // The bundle verified, so its statement is the signed one.
      InTotoStatement st = unsigned.orElseThrow();
      checks.add(
          CheckResult.pass(
              CheckId.PREDICATE_TYPE,
              "",
              "a signed " + st.predicateType() + " statement about the artifact",
              Map.of("predicateType", st.predicateType())));
      String digest = signed.subject();
      PredicateRule.Context context =
          new PredicateRule.Context(
              digest,
              artifact.describe(),
              AttestationCandidates.signerEvidence(signed.checks()),
              List.of(),
              now);
      for (PredicateRule rule : requirement.get().predicateRules()) {
        checks.addAll(AttestationCandidates.evaluate(rule, st, context));
      }
    }
    return new PolicyVerdict(
        policy.name(),
        policy.source(),
        policy.mode(),
        new Verdict(signed.subject(), signed.trustRoot(), policy.name(), now, checks));
  }

  private static Optional<InTotoStatement> unsignedStatement(byte[] bundleJson) {
    try {
      SigstoreBundle b = SigstoreBundle.parse(bundleJson);
      if (b.content() instanceof DsseEnvelope && ((DsseEnvelope) b.content()).isInToto()) {
        return Optional.of(InTotoStatement.parse(((DsseEnvelope) b.content()).payload()));
      }
    } catch (EvidenceFormatException | RuntimeException e) {
      // reported by the bundle checks
    }
    return Optional.empty();
  }
}
