package dev.countersign.verify.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.SignedBundle;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.bundle.BundleWriter;
import dev.countersign.testkit.ca.GithubActionsClaims;
import dev.countersign.testkit.dsse.InTotoStatement;
import dev.countersign.testkit.dsse.InTotoSubject;
import dev.countersign.verify.Digest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.oci.EvidenceLocation;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.InMemoryEvidenceSource;
import dev.countersign.verify.oci.MultiArchRequirement;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.StoredEvidence;
import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustRoots;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Policy evaluation over real signatures made by a private Sigstore deployment, with evidence
 * served from memory through the public {@code EvidenceSource} interface.
 */
class PolicyEvaluationTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant SIGNED_AT = Instant.parse("2025-06-01T12:00:00Z");
  static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");
  static final GithubActionsClaims RELEASE =
      GithubActionsClaims.of(
          "acme/app", ".github/workflows/release.yml", "refs/tags/v1.0.0", "0".repeat(40));
  static final GithubActionsClaims OTHER =
      GithubActionsClaims.of(
          "evil/app", ".github/workflows/release.yml", "refs/tags/v1.0.0", "1".repeat(40));
  static final String IMAGE = "registry.example/acme/app:1.0";
  static final String SLSA_V1 = "https://slsa.dev/provenance/v1";
  static final String CYCLONEDX = "https://cyclonedx.org/bom";
  static final String VEX = "https://openvex.dev/ns/v0.2.0";

  static final TestSigstore SIGSTORE = TestSigstore.create(T0);
  static final TrustRoot ROOT =
      TrustRoots.fromJson(
          "private", SIGSTORE.trustedRootJson().getBytes(StandardCharsets.UTF_8), "testkit");
  static final Digest DIGEST = sha256("image manifest");
  static final Digest OTHER_DIGEST = sha256("another image manifest");

  static final String SIGNED_ONLY = policy("signed", "enforce", "registry.example/acme/**", "");
  static final String WITH_PROVENANCE =
      policy(
          "provenance",
          "enforce",
          "registry.example/acme/**",
          "  attestations:\n    - name: provenance\n      predicateType: " + SLSA_V1 + "\n");
  static final String WITH_SBOM =
      policy(
          "sbom",
          "enforce",
          "registry.example/acme/**",
          "  attestations:\n    - name: sbom\n      predicateType: " + CYCLONEDX + "\n");

  static String policy(String name, String mode, String glob, String extra) {
    return "apiVersion: policy.countersign.dev/v1alpha1\n"
        + "kind: ImagePolicy\n"
        + "metadata: {name: "
        + name
        + "}\n"
        + "spec:\n"
        + "  mode: "
        + mode
        + "\n"
        + "  images: [{glob: \""
        + glob
        + "\"}]\n"
        + "  trustRoot: private\n"
        + "  authorities:\n"
        + "    - name: release-ci\n"
        + "      keyless:\n"
        + "        identities:\n"
        + "          - issuer: "
        + GithubActionsClaims.ISSUER
        + "\n"
        + "            subjectRegExp: '^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v.*$'\n"
        + extra;
  }

  static Digest sha256(String s) {
    try {
      return new Digest(
          "sha256",
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static StoredEvidence bundle(
      GithubActionsClaims who, String predicateType, Digest subject, String where) {
    ObjectNode predicate = JsonNodeFactory.instance.objectNode();
    predicate.put("note", "made by " + who.subjectUri());
    InTotoStatement st =
        InTotoStatement.v1(predicateType, predicate)
            .withSubject(
                new InTotoSubject(
                    "registry.example/acme/app",
                    Map.of("sha256", java.util.HexFormat.of().formatHex(subject.value()))));
    SignedBundle signed =
        SIGSTORE
            .keyless(SIGSTORE.uriIdentity(who.subjectUri(), GithubActionsClaims.ISSUER))
            .attest(st, SIGNED_AT);
    return new StoredEvidence(
        StoredEvidence.Kind.SIGSTORE_BUNDLE,
        where,
        BundleWriter.write(signed.bundle()).getBytes(StandardCharsets.UTF_8),
        Map.of(),
        Optional.of(predicateType));
  }

  static StoredEvidence signature(GithubActionsClaims who, Digest subject) {
    return bundle(who, "https://sigstore.dev/cosign/sign/v1", subject, "referrer signature");
  }

  static Verifier verifier(InMemoryEvidenceSource source, String... policies) {
    return verifier(source, NoMatchAction.DENY, policies);
  }

  static Verifier verifier(InMemoryEvidenceSource source, NoMatchAction noMatch, String... yaml) {
    return Verifier.builder()
        .trustRoot(ROOT)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .evidenceSource(source)
        .policies(PolicySet.parse("policies.yaml", String.join("---\n", yaml), Path.of(".")))
        .whenNoPolicyMatches(noMatch)
        .build();
  }

  static InMemoryEvidenceSource signedImage() {
    return new InMemoryEvidenceSource()
        .image(IMAGE, DIGEST)
        .evidence(DIGEST, EvidenceLocation.REFERRERS, signature(RELEASE, DIGEST));
  }

  static List<CheckResult> checks(PolicyDecision d, CheckId id) {
    List<CheckResult> out = new ArrayList<>();
    d.verdicts()
        .forEach(v -> v.verdict().checks().stream().filter(c -> c.check() == id).forEach(out::add));
    return out;
  }

  @Test
  void signedImageWithRequiredProvenanceIsAllowed() {
    InMemoryEvidenceSource source =
        signedImage()
            .evidence(
                DIGEST,
                EvidenceLocation.REFERRERS,
                bundle(RELEASE, SLSA_V1, DIGEST, "referrer provenance"));
    PolicyDecision d = verifier(source, WITH_PROVENANCE).evaluate(ImageReference.parse(IMAGE));
    assertEquals(Decision.ALLOW, d.decision(), d.messages().toString());
    assertEquals(ReasonCode.OK, d.reason());
    assertEquals(DIGEST.toString(), d.digest());
    PolicyVerdict v = d.verdicts().get(0);
    assertEquals("provenance", v.policy());
    assertEquals("private", v.verdict().trustRoot());
    assertEquals(Outcome.PASS, v.verdict().outcome());
    CheckResult attestation = checks(d, CheckId.ATTESTATION).get(0);
    assertEquals(Status.PASS, attestation.status());
    assertTrue(attestation.target().startsWith("attestations.provenance "), attestation.target());
    assertEquals(SLSA_V1, checks(d, CheckId.PREDICATE_TYPE).get(0).evidence().get("predicateType"));
    assertTrue(
        d.verdicts().get(0).verdict().checks().stream().anyMatch(c -> c.check() == CheckId.POLICY));
  }

  @Test
  void missingAttestationDenies() {
    PolicyDecision d =
        verifier(signedImage(), WITH_PROVENANCE).evaluate(ImageReference.parse(IMAGE));
    assertEquals(Decision.DENY, d.decision());
    assertEquals(ReasonCode.PREDICATE_MISSING, d.reason());
    assertEquals(Status.PASS, checks(d, CheckId.IMAGE_SIGNATURE).get(0).status());
  }

  @Test
  void missingSbomIsReportedAsSuch() {
    PolicyDecision d = verifier(signedImage(), WITH_SBOM).evaluate(ImageReference.parse(IMAGE));
    assertEquals(Decision.DENY, d.decision());
    assertEquals(ReasonCode.SBOM_MISSING, d.reason());
  }

  @Test
  void attestationFromAnotherSignerDoesNotCount() {
    InMemoryEvidenceSource source =
        signedImage()
            .evidence(
                DIGEST,
                EvidenceLocation.ATTESTATION_TAG,
                bundle(OTHER, SLSA_V1, DIGEST, "att tag provenance"));
    PolicyDecision d = verifier(source, WITH_PROVENANCE).evaluate(ImageReference.parse(IMAGE));
    assertEquals(Decision.DENY, d.decision());
    assertEquals(ReasonCode.IDENTITY_MISMATCH, d.reason());
  }

  @Test
  void attestationAboutAnotherImageDoesNotCount() {
    InMemoryEvidenceSource source =
        signedImage()
            .evidence(
                DIGEST,
                EvidenceLocation.REFERRERS,
                bundle(RELEASE, SLSA_V1, OTHER_DIGEST, "copied provenance"));
    PolicyDecision d = verifier(source, WITH_PROVENANCE).evaluate(ImageReference.parse(IMAGE));
    assertEquals(Decision.DENY, d.decision());
    assertEquals(ReasonCode.SUBJECT_DIGEST_MISMATCH, d.reason());
  }

  @Test
  void attestationOfAnotherTypeIsNotTheRequiredOne() {
    // Advertised as provenance, signed as something else: the signed type decides.
    StoredEvidence lying = bundle(RELEASE, "https://example.com/other", DIGEST, "mislabelled");
    lying =
        new StoredEvidence(
            lying.kind(), lying.location(), lying.content(), Map.of(), Optional.of(SLSA_V1));
    InMemoryEvidenceSource source =
        signedImage().evidence(DIGEST, EvidenceLocation.REFERRERS, lying);
    PolicyDecision d = verifier(source, WITH_PROVENANCE).evaluate(ImageReference.parse(IMAGE));
    assertEquals(Decision.DENY, d.decision());
    assertEquals(ReasonCode.PREDICATE_MISSING, d.reason());
    assertEquals(Status.FAIL, checks(d, CheckId.PREDICATE_TYPE).get(0).status());
  }

  @Test
  void unsignedImageIsDeniedWithNoSignatureFound() {
    InMemoryEvidenceSource source = new InMemoryEvidenceSource().image(IMAGE, DIGEST);
    PolicyDecision d = verifier(source, SIGNED_ONLY).evaluate(ImageReference.parse(IMAGE));
    assertEquals(Decision.DENY, d.decision());
    assertEquals(ReasonCode.NO_SIGNATURE_FOUND, d.reason());
    assertEquals(
        List.of(
            "policy 'signed': NO_SIGNATURE_FOUND: "
                + checks(d, CheckId.EVIDENCE_DISCOVERY).get(0).detail()),
        d.messages());
  }

  @Test
  void warnModeAllowsWithWarningsAndAuditModeAllowsSilently() {
    InMemoryEvidenceSource source = new InMemoryEvidenceSource().image(IMAGE, DIGEST);
    PolicyDecision warn =
        verifier(source, policy("w", "warn", "registry.example/**", ""))
            .evaluate(ImageReference.parse(IMAGE));
    assertEquals(Decision.ALLOW_WITH_WARNINGS, warn.decision());
    assertEquals(1, warn.warnings().size());
    assertTrue(warn.messages().get(0).startsWith("policy 'w': NO_SIGNATURE_FOUND"));
    PolicyDecision audit =
        verifier(source, policy("a", "audit", "registry.example/**", ""))
            .evaluate(ImageReference.parse(IMAGE));
    assertEquals(Decision.ALLOW, audit.decision());
    assertTrue(audit.messages().isEmpty());
    assertEquals(1, audit.audited().size());
    assertEquals(Outcome.FAIL, audit.audited().get(0).verdict().outcome());
  }

  @Test
  void everyMatchingPolicyMustPass() {
    InMemoryEvidenceSource source = signedImage();
    PolicyDecision d =
        verifier(source, SIGNED_ONLY, WITH_PROVENANCE).evaluate(ImageReference.parse(IMAGE));
    assertEquals(2, d.verdicts().size());
    assertTrue(d.verdicts().get(0).passed());
    assertFalse(d.verdicts().get(1).passed());
    assertEquals(Decision.DENY, d.decision());
    assertEquals(List.of(d.verdicts().get(1)), d.denials());
    // Both policies judged the same registry answers, each read once.
    source.reads().values().forEach(n -> assertEquals(1, n, source.reads().toString()));
  }

  @Test
  void noMatchingPolicyDeniesByDefaultAndIsReportedDistinctly() {
    InMemoryEvidenceSource source = signedImage().image("other.example/x:1", OTHER_DIGEST);
    ImageReference other = ImageReference.parse("other.example/x:1");
    PolicyDecision deny = verifier(source, SIGNED_ONLY).evaluate(other);
    assertFalse(deny.policyMatched());
    assertEquals(Decision.DENY, deny.decision());
    assertEquals(ReasonCode.NO_MATCHING_POLICY, deny.reason());
    assertEquals(
        Decision.ALLOW_WITH_WARNINGS,
        verifier(source, NoMatchAction.WARN, SIGNED_ONLY).evaluate(other).decision());
    assertEquals(
        Decision.ALLOW,
        verifier(source, NoMatchAction.ALLOW, SIGNED_ONLY).evaluate(other).decision());
    assertTrue(source.reads().isEmpty(), "an image no policy covers is not looked up");
  }

  @Test
  void registryFailureIsAnErrorThatDenies() {
    InMemoryEvidenceSource source =
        new InMemoryEvidenceSource()
            .image(IMAGE, DIGEST)
            .failing(
                DIGEST,
                new RegistryException(
                    RegistryException.Kind.UNAVAILABLE, "registry.example", "connection refused"));
    PolicyDecision d = verifier(source, SIGNED_ONLY).evaluate(ImageReference.parse(IMAGE));
    assertEquals(Decision.DENY, d.decision());
    assertEquals(ReasonCode.REGISTRY_UNAVAILABLE, d.reason());
    assertEquals(Outcome.ERROR, d.verdicts().get(0).verdict().outcome());
    PolicyDecision unresolved =
        verifier(source, SIGNED_ONLY)
            .evaluate(ImageReference.parse("registry.example/acme/gone:1"));
    assertEquals(Decision.DENY, unresolved.decision());
    assertEquals(ReasonCode.IMAGE_NOT_FOUND, unresolved.reason());
  }

  @Test
  void predicateRulesSeeOnlyVerifiedStatementsAndVerifiedCompanions() {
    List<PredicateRule.Context> seen = new ArrayList<>();
    PredicateRule needsVex =
        new PredicateRule() {
          @Override
          public String name() {
            return "vex-aware";
          }

          @Override
          public List<CheckResult> evaluate(
              dev.countersign.verify.attest.InTotoStatement statement, Context context) {
            seen.add(context);
            return List.of(
                context.otherStatements().isEmpty()
                    ? CheckResult.fail(
                        CheckId.SBOM, "", ReasonCode.VULNERABILITY_UNMITIGATED, "no VEX")
                    : CheckResult.pass(CheckId.SBOM, "", "mitigated"));
          }

          @Override
          public Set<String> companionPredicateTypes() {
            return Set.of(VEX);
          }
        };
    ImagePolicy base = PolicySet.parse("p.yaml", WITH_SBOM, Path.of(".")).policies().get(0);
    AttestationRequirement sbom = base.attestations().get(0);
    ImagePolicy withRule =
        new ImagePolicy(
            base.name(),
            base.source(),
            base.mode(),
            base.images(),
            base.trustRoot(),
            base.authorities(),
            List.of(
                new AttestationRequirement(
                    sbom.name(), sbom.predicateType(), sbom.authorities(), List.of(needsVex))),
            MultiArchRequirement.INDEX_OR_EVERY_PLATFORM,
            Optional.empty());
    // A VEX statement from another signer must not be handed to the rule.
    InMemoryEvidenceSource source =
        signedImage()
            .evidence(
                DIGEST, EvidenceLocation.REFERRERS, bundle(RELEASE, CYCLONEDX, DIGEST, "sbom"))
            .evidence(DIGEST, EvidenceLocation.REFERRERS, bundle(OTHER, VEX, DIGEST, "forged vex"));
    PolicyDecision d = evaluateWith(source, withRule);
    assertEquals(Decision.DENY, d.decision());
    assertEquals(ReasonCode.VULNERABILITY_UNMITIGATED, d.reason());
    assertEquals(RELEASE.subjectUri(), seen.get(0).signerEvidence().get("certificate.san"));
    source.evidence(DIGEST, EvidenceLocation.REFERRERS, bundle(RELEASE, VEX, DIGEST, "vex"));
    seen.clear();
    d = evaluateWith(source, withRule);
    assertEquals(Decision.ALLOW, d.decision(), d.messages().toString());
    assertEquals(1, seen.get(0).otherStatements().size());
    assertEquals(VEX, seen.get(0).otherStatements().get(0).predicateType());
    assertEquals(DIGEST.toString(), seen.get(0).imageDigest());
  }

  @Test
  void aRuleThatBreaksOrSaysNothingNeverPasses() {
    PredicateRule broken =
        new PredicateRule() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public List<CheckResult> evaluate(
              dev.countersign.verify.attest.InTotoStatement statement, Context context) {
            throw new IllegalStateException("bug");
          }
        };
    PredicateRule silent =
        new PredicateRule() {
          @Override
          public String name() {
            return "silent";
          }

          @Override
          public List<CheckResult> evaluate(
              dev.countersign.verify.attest.InTotoStatement statement, Context context) {
            return List.of();
          }
        };
    InMemoryEvidenceSource source =
        signedImage()
            .evidence(
                DIGEST, EvidenceLocation.REFERRERS, bundle(RELEASE, CYCLONEDX, DIGEST, "sbom"));
    ImagePolicy base = PolicySet.parse("p.yaml", WITH_SBOM, Path.of(".")).policies().get(0);
    for (PredicateRule rule : List.of(broken, silent)) {
      AttestationRequirement r = base.attestations().get(0);
      ImagePolicy p =
          new ImagePolicy(
              base.name(),
              base.source(),
              base.mode(),
              base.images(),
              base.trustRoot(),
              base.authorities(),
              List.of(
                  new AttestationRequirement(
                      r.name(), r.predicateType(), r.authorities(), List.of(rule))),
              base.multiArch(),
              Optional.empty());
      PolicyDecision d = evaluateWith(source, p);
      assertEquals(Decision.DENY, d.decision(), rule.name());
      assertEquals(Outcome.ERROR, d.verdicts().get(0).verdict().outcome(), rule.name());
    }
  }

  @Test
  void aPolicyNamingAnUnconfiguredTrustRootIsAConfigurationError() {
    PolicySet set =
        PolicySet.parse(
            "p.yaml",
            SIGNED_ONLY.replace("trustRoot: private", "trustRoot: elsewhere"),
            Path.of("."));
    PolicyException e =
        assertThrows(
            PolicyException.class, () -> Verifier.builder().trustRoot(ROOT).policies(set).build());
    assertTrue(e.getMessage().contains("elsewhere"), e.getMessage());
    assertTrue(e.getMessage().startsWith("p.yaml:1"), e.getMessage());
  }

  static StoredEvidence provenance(GithubActionsClaims who, String repository, Digest subject) {
    ObjectNode predicate =
        dev.countersign.testkit.oci.Predicates.slsaProvenanceV1(
            "https://github.com/actions/runner/github-hosted",
            repository,
            ".github/workflows/release.yml",
            "refs/tags/v1.0.0",
            "0".repeat(40));
    InTotoStatement st =
        InTotoStatement.v1(SLSA_V1, predicate)
            .withSubject(
                new InTotoSubject(
                    "registry.example/acme/app",
                    Map.of("sha256", java.util.HexFormat.of().formatHex(subject.value()))));
    SignedBundle signed =
        SIGSTORE
            .keyless(
                dev.countersign.testkit.ca.LeafRequest.forGithubActions(who)
                    .withSct(SIGSTORE.ctLog()))
            .attest(st, SIGNED_AT);
    return new StoredEvidence(
        StoredEvidence.Kind.SIGSTORE_BUNDLE,
        "referrer provenance",
        BundleWriter.write(signed.bundle()).getBytes(StandardCharsets.UTF_8),
        Map.of(),
        Optional.of(SLSA_V1));
  }

  static final String WITH_SLSA =
      policy(
          "slsa",
          "enforce",
          "registry.example/acme/**",
          "  attestations:\n"
              + "    - name: provenance\n"
              + "      predicateType: "
              + SLSA_V1
              + "\n"
              + "      slsa:\n"
              + "        sourceRepository: github.com/acme/app\n"
              + "        sourceTag: v1.0.0\n");

  @Test
  void provenanceExpectationsAreChecked() {
    PolicyDecision pass =
        verifier(
                signedImage()
                    .evidence(
                        DIGEST,
                        EvidenceLocation.REFERRERS,
                        provenance(RELEASE, "acme/app", DIGEST)),
                WITH_SLSA)
            .evaluate(ImageReference.parse(IMAGE));
    assertEquals(Decision.ALLOW, pass.decision(), pass.messages().toString());
    CheckResult summary =
        checks(pass, CheckId.PROVENANCE).stream()
            .filter(c -> c.target().endsWith("referrer provenance"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "github.com/acme/app",
        summary
            .evidence()
            .get("source.uri")
            .replaceFirst("^git\\+https://", "")
            .replaceFirst("@.*$", ""));
    // Provenance naming another repository, signed by the expected workflow identity.
    PolicyDecision other =
        verifier(
                signedImage()
                    .evidence(
                        DIGEST,
                        EvidenceLocation.REFERRERS,
                        provenance(RELEASE, "acme/other", DIGEST)),
                WITH_SLSA)
            .evaluate(ImageReference.parse(IMAGE));
    assertEquals(Decision.DENY, other.decision());
    assertTrue(
        List.of(ReasonCode.SOURCE_MISMATCH, ReasonCode.PROVENANCE_INCONSISTENT)
            .contains(other.reason()),
        other.messages().toString());
  }

  private static PolicyDecision evaluateWith(InMemoryEvidenceSource source, ImagePolicy policy) {
    return Verifier.builder()
        .trustRoot(ROOT)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .evidenceSource(source)
        .policies(PolicySet.of(List.of(policy)))
        .build()
        .evaluate(ImageReference.parse(IMAGE));
  }
}
