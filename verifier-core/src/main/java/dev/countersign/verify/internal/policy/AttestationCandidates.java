package dev.countersign.verify.internal.policy;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.attest.DsseEnvelope;
import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.internal.oci.CandidateOutcome;
import dev.countersign.verify.internal.oci.EvidenceCandidates;
import dev.countersign.verify.internal.oci.ImageVerification;
import dev.countersign.verify.oci.EvidenceLocation;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.StoredEvidence;
import dev.countersign.verify.policy.AttestationRequirement;
import dev.countersign.verify.policy.PredicateRule;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Attestations that satisfy one requirement: signed by one of its authorities, about the image, of
 * its predicate type, and passing its predicate rules. Rules only ever see statements whose
 * signature, log entry and subject verified.
 */
final class AttestationCandidates implements EvidenceCandidates {
  private static final List<EvidenceLocation> LOCATIONS =
      List.of(EvidenceLocation.ATTESTATION_TAG, EvidenceLocation.REFERRERS);
  private static final Set<String> SBOM_TYPES =
      Set.of(
          "https://cyclonedx.org/bom",
          "https://spdx.dev/Document",
          "https://spdx.dev/Document/v2.3");

  private final ImageVerification images;
  private final AttestationRequirement requirement;
  private final Set<String> predicateTypes;
  private final Optional<String> trustRoot;
  private final Instant now;
  private final Function<ImageReference, List<InTotoStatement>> companions;

  /**
   * @param predicateTypes the predicate types accepted (the requirement's, or its companions')
   * @param companions the verified companion statements of a digest, for the rules' context; null
   *     when this search collects companions itself (its rules are then not run)
   */
  AttestationCandidates(
      ImageVerification images,
      AttestationRequirement requirement,
      Set<String> predicateTypes,
      Optional<String> trustRoot,
      Instant now,
      Function<ImageReference, List<InTotoStatement>> companions) {
    this.images = images;
    this.requirement = requirement;
    this.predicateTypes = predicateTypes;
    this.trustRoot = trustRoot;
    this.now = now;
    this.companions = companions;
  }

  @Override
  public List<EvidenceLocation> locations() {
    return LOCATIONS;
  }

  @Override
  public boolean isCandidate(StoredEvidence e) {
    if (ImageVerification.isSignature(e)) {
      return false;
    }
    // The advertised type is unverified: it only lets us skip evidence that would fail the type
    // check anyway. A false advertisement can hide an attestation (fail closed), never admit one.
    Optional<String> advertised = e.predicateType().or(() -> unsignedPredicateType(e));
    return advertised.map(predicateTypes::contains).orElse(true);
  }

  @Override
  public CandidateOutcome verify(StoredEvidence e, ImageReference image) {
    CandidateOutcome signed =
        images.verifyEvidence(e, image, requirement.authorities(), trustRoot, now);
    if (!signed.passed()) {
      return signed;
    }
    List<CheckResult> more = new ArrayList<>();
    Optional<InTotoStatement> statement = signed.statement();
    if (statement.isEmpty()) {
      more.add(
          CheckResult.fail(
              CheckId.PREDICATE_TYPE,
              e.location(),
              ReasonCode.EVIDENCE_MALFORMED,
              "the evidence is a signature, not an in-toto attestation"));
      return signed.plus(more, Optional.empty());
    }
    InTotoStatement st = statement.get();
    if (!predicateTypes.contains(st.predicateType())) {
      more.add(
          CheckResult.fail(
              CheckId.PREDICATE_TYPE,
              e.location(),
              ReasonCode.PREDICATE_MISSING,
              "the signed statement is of type "
                  + st.predicateType()
                  + ", not "
                  + String.join(" or ", predicateTypes),
              Map.of("predicateType", st.predicateType())));
      return signed.plus(more, Optional.empty());
    }
    more.add(
        CheckResult.pass(
            CheckId.PREDICATE_TYPE,
            e.location(),
            "a signed " + st.predicateType() + " statement about this image",
            Map.of("predicateType", st.predicateType())));
    if (companions != null) {
      PredicateRule.Context context =
          new PredicateRule.Context(
              image.digest().orElseThrow().toString(),
              image.name(),
              signerEvidence(signed.checks()),
              requirement.predicateRules().stream()
                      .anyMatch(r -> !r.companionPredicateTypes().isEmpty())
                  ? companions.apply(image)
                  : List.of(),
              now);
      for (PredicateRule rule : requirement.predicateRules()) {
        more.addAll(located(evaluate(rule, st, context), e.location()));
      }
    }
    boolean passed =
        more.stream().noneMatch(c -> c.status() == Status.FAIL || c.status() == Status.ERROR);
    return signed.plus(more, passed ? statement : Optional.empty());
  }

  /** Runs one rule; a rule that reports nothing, or breaks, never passes. */
  static List<CheckResult> evaluate(
      PredicateRule rule, InTotoStatement st, PredicateRule.Context context) {
    List<CheckResult> results;
    try {
      results = rule.evaluate(st, context);
    } catch (RuntimeException ex) {
      return List.of(
          CheckResult.error(
              CheckId.EVALUATION,
              rule.name(),
              ReasonCode.INTERNAL_ERROR,
              "the " + rule.name() + " rule stopped: " + ex));
    }
    if (results == null || results.isEmpty()) {
      return List.of(
          CheckResult.error(
              CheckId.EVALUATION,
              rule.name(),
              ReasonCode.NO_CHECKS_EVALUATED,
              "the " + rule.name() + " rule evaluated nothing"));
    }
    return results;
  }

  private static List<CheckResult> located(List<CheckResult> checks, String location) {
    List<CheckResult> out = new ArrayList<>(checks.size());
    for (CheckResult c : checks) {
      String target = c.target().isEmpty() ? location : location + " " + c.target();
      out.add(new CheckResult(c.check(), target, c.status(), c.reason(), c.detail(), c.evidence()));
    }
    return out;
  }

  /** The identity facts the signature checks established (certificate SAN, issuer, extensions). */
  static Map<String, String> signerEvidence(List<CheckResult> checks) {
    Map<String, String> ev = new LinkedHashMap<>();
    for (CheckResult c : checks) {
      if (c.check() == CheckId.IDENTITY && c.status() == Status.PASS) {
        ev.putAll(c.evidence());
      }
    }
    return ev;
  }

  @Override
  public CheckId summaryCheck() {
    return CheckId.ATTESTATION;
  }

  @Override
  public String describe() {
    return "attestation '" + requirement.name() + "' (" + String.join(" or ", predicateTypes) + ")";
  }

  @Override
  public ReasonCode missingReason() {
    boolean sbom =
        predicateTypes.stream().anyMatch(SBOM_TYPES::contains)
            || requirement.predicateRules().stream().anyMatch(r -> r.name().equals("sbom"));
    return sbom ? ReasonCode.SBOM_MISSING : ReasonCode.PREDICATE_MISSING;
  }

  /** The predicate type of a cosign attestation layer's envelope, read without verifying it. */
  private static Optional<String> unsignedPredicateType(StoredEvidence e) {
    if (e.kind() != StoredEvidence.Kind.COSIGN_ATTESTATION) {
      return Optional.empty();
    }
    try {
      DsseEnvelope env = DsseEnvelope.parse(e.content());
      return Optional.of(InTotoStatement.parse(env.payload()).predicateType());
    } catch (EvidenceFormatException | RuntimeException ex) {
      return Optional.empty(); // verified (and reported as malformed) like any candidate
    }
  }
}
