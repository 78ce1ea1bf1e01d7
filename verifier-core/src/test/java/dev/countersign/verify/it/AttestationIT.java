package dev.countersign.verify.it;

import static dev.countersign.verify.it.Fixtures.SIGNED_AT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.SignedBundle;
import dev.countersign.testkit.dsse.InTotoStatement;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.oci.Digest;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.JsonStyle;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.Predicates;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignAttestation;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignStatements;
import dev.countersign.testkit.oci.referrers.BundleReferrers;
import dev.countersign.testkit.oci.registry.ReferrersProxy;
import dev.countersign.testkit.oci.registry.RegistryClient;
import dev.countersign.verify.it.Evidence.Signer;
import dev.countersign.verify.it.Evidence.Tamper;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.policy.Decision;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.policy.PolicySet;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * In-toto attestations (SLSA provenance) required by a policy, stored every way clients store them:
 * cosign's {@code .att} tag, cosign attestation referrers and GitHub-style Sigstore bundle
 * referrers, each through the referrers tag schema and the referrers API. The image's signature is
 * a classic {@code .sig} in every case, so only the attestation decides.
 */
class AttestationIT extends RegistryTestBase {
  private static final String BUILDER = "https://github.com/actions/runner/github-hosted";
  private final RandomImages images = RandomImages.create();
  private ReferrersProxy referrersApi;

  /** Where an attestation is stored. */
  enum Placement {
    COSIGN_ATT_TAG,
    COSIGN_REFERRER_TAG_SCHEMA,
    COSIGN_REFERRER_API,
    BUNDLE_REFERRER_TAG_SCHEMA,
    BUNDLE_REFERRER_API;

    boolean api() {
      return this == COSIGN_REFERRER_API || this == BUNDLE_REFERRER_API;
    }

    boolean bundle() {
      return this == BUNDLE_REFERRER_TAG_SCHEMA || this == BUNDLE_REFERRER_API;
    }
  }

  @BeforeAll
  void startReferrersApi() {
    if (registry != null) {
      referrersApi = ReferrersProxy.start(registry.baseUri());
    }
  }

  @AfterAll
  void stopReferrersApi() {
    if (referrersApi != null) {
      referrersApi.close();
    }
  }

  private String hostPort(Placement p) {
    return p.api() ? referrersApi.hostPort() : registry.hostPort();
  }

  private static PolicySet provenancePolicy() {
    String yaml =
        "apiVersion: policy.countersign.dev/v1alpha1\n"
            + "kind: ImagePolicy\n"
            + "metadata: {name: release-provenance}\n"
            + "spec:\n"
            + "  images: [{glob: \"127.0.0.1:*/it/**\"}]\n"
            + "  trustRoot: "
            + Fixtures.ROOT_NAME
            + "\n"
            + "  authorities:\n"
            + "    - name: release-ci\n"
            + "      keyless:\n"
            + "        identities:\n"
            + "          - issuer: "
            + Fixtures.ISSUER
            + "\n"
            + "            subject: "
            + Fixtures.IDENTITY
            + "\n"
            + "  attestations:\n"
            + "    - name: provenance\n"
            + "      predicateType: "
            + Predicates.SLSA_PROVENANCE_V1
            + "\n";
    return PolicySet.parse("it-policy.yaml", yaml, Path.of("."));
  }

  private static InTotoStatement provenance(String repository, Digest digest) {
    return CosignStatements.forImageV1(
        repository,
        digest,
        Predicates.SLSA_PROVENANCE_V1,
        Predicates.slsaProvenanceV1(
            BUILDER,
            "acme/app",
            ".github/workflows/release.yml",
            "refs/tags/v1.0.0",
            "0123456789abcdef0123456789abcdef01234567"));
  }

  /** The attestation content for {@code subject}, about {@code about}, by {@code who}. */
  private OciContent attestation(
      Placement p,
      Signer who,
      String repository,
      Image subject,
      InTotoStatement statement,
      Tamper tamper) {
    if (p.bundle()) {
      SignedBundle b = who.bundles().attest(statement, SIGNED_AT);
      if (tamper == Tamper.ALTERED) {
        Bytes other = Bytes.of(statement.withPredicate(Predicates.cycloneDx(List.of())).toBytes());
        b = b.withBundle(b.bundle().withDsseEnvelope(b.bundle().dsseEnvelope().withPayload(other)));
      }
      return BundleReferrers.of(
          b, subject.descriptor(), SIGNED_AT, BundleReferrers.Publisher.GITHUB);
    }
    CosignAttestation a = who.cosign().attest(statement, SIGNED_AT);
    if (tamper == Tamper.ALTERED) {
      var envelope = a.dsseEnvelope();
      Bytes other =
          Bytes.of(
              CosignStatements.toBytes(statement.withPredicate(Predicates.cycloneDx(List.of())))
                  .toByteArray());
      a = a.withEnvelope(CosignAttestation.serialize(envelope.withPayload(other)));
    }
    return p == Placement.COSIGN_ATT_TAG
        ? CosignManifests.attestations(subject.digest(), List.of(a))
        : CosignManifests.attestationsReferrer(subject.descriptor(), List.of(a));
  }

  /** Pushes a signed image and its attestation; returns the decision for its tag. */
  private PolicyDecision publishAndEvaluate(Placement p, String repo, Image image, OciContent att) {
    String repository = hostPort(p) + "/" + repo;
    OciContent content =
        image
            .content("v1")
            .plus(
                CosignManifests.signatures(
                    image.digest(),
                    List.of(Fixtures.cosignRelease().sign(repository, image.digest(), SIGNED_AT))))
            .plus(att);
    if (p.api()) {
      RegistryClient.anonymous(referrersApi.baseUri()).push(repo, content);
    } else {
      registry.client().push(repo, content.withReferrersTagIndex(JsonStyle.GO));
    }
    var verifier =
        Fixtures.verifier(
            OciRegistry.http(Fixtures.config(hostPort(p)).build()), provenancePolicy());
    return verifier.evaluate(ImageReference.parse(repository + ":v1"));
  }

  private static String describe(PolicyDecision d) {
    return d.decision()
        + " "
        + d.messages()
        + d.verdicts().stream()
            .map(v -> Fixtures.describe(v.verdict()))
            .collect(Collectors.joining("\n", "\n", ""));
  }

  private static void assertDenied(PolicyDecision d, ReasonCode reason) {
    assertThat(d.decision()).as(describe(d)).isEqualTo(Decision.DENY);
    assertThat(d.reason()).as(describe(d)).isEqualTo(reason);
    // The signature passed: the attestation requirement is what denies.
    assertThat(d.verdicts().get(0).verdict().decisive().orElseThrow().target())
        .startsWith("attestations.provenance");
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void releaseProvenanceSatisfiesThePolicy(Placement p) {
    String repo = Fixtures.repository("att-pass");
    Image image = images.image(Platform.LINUX_AMD64);
    String repository = hostPort(p) + "/" + repo;
    PolicyDecision d =
        publishAndEvaluate(
            p,
            repo,
            image,
            attestation(
                p,
                Signer.RELEASE,
                repository,
                image,
                provenance(repository, image.digest()),
                Tamper.NONE));
    assertThat(d.decision()).as(describe(d)).isEqualTo(Decision.ALLOW);
    assertThat(d.digest()).isEqualTo(image.digest().toString());
    List<CheckResult> attestations =
        d.verdicts().get(0).verdict().checks().stream()
            .filter(c -> c.check() == CheckId.ATTESTATION)
            .toList();
    assertThat(attestations).hasSize(1);
    assertThat(attestations.get(0).status()).isEqualTo(Status.PASS);
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void provenanceByAnotherIdentityIsAnIdentityMismatch(Placement p) {
    String repo = Fixtures.repository("att-identity");
    Image image = images.image(Platform.LINUX_AMD64);
    String repository = hostPort(p) + "/" + repo;
    assertDenied(
        publishAndEvaluate(
            p,
            repo,
            image,
            attestation(
                p,
                Signer.OTHER_IDENTITY,
                repository,
                image,
                provenance(repository, image.digest()),
                Tamper.NONE)),
        ReasonCode.IDENTITY_MISMATCH);
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void provenanceAboutAnotherImageIsASubjectMismatch(Placement p) {
    String repo = Fixtures.repository("att-subject");
    Image image = images.image(Platform.LINUX_AMD64);
    Image other = images.image(Platform.LINUX_AMD64);
    String repository = hostPort(p) + "/" + repo;
    assertDenied(
        publishAndEvaluate(
            p,
            repo,
            image,
            attestation(
                p,
                Signer.RELEASE,
                repository,
                image,
                provenance(repository, other.digest()),
                Tamper.NONE)),
        ReasonCode.SUBJECT_DIGEST_MISMATCH);
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void anAlteredStatementIsAnInvalidSignature(Placement p) {
    String repo = Fixtures.repository("att-altered");
    Image image = images.image(Platform.LINUX_AMD64);
    String repository = hostPort(p) + "/" + repo;
    assertDenied(
        publishAndEvaluate(
            p,
            repo,
            image,
            attestation(
                p,
                Signer.RELEASE,
                repository,
                image,
                provenance(repository, image.digest()),
                Tamper.ALTERED)),
        ReasonCode.SIGNATURE_INVALID);
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void onlyAnAttestationOfAnotherTypeIsAMissingPredicate(Placement p) {
    String repo = Fixtures.repository("att-type");
    Image image = images.image(Platform.LINUX_AMD64);
    String repository = hostPort(p) + "/" + repo;
    InTotoStatement sbom =
        CosignStatements.forImageV1(
            repository,
            image.digest(),
            Predicates.CYCLONEDX,
            Predicates.cycloneDx(List.of("pkg:maven/org.example/lib@1.0.0")));
    assertDenied(
        publishAndEvaluate(
            p, repo, image, attestation(p, Signer.RELEASE, repository, image, sbom, Tamper.NONE)),
        ReasonCode.PREDICATE_MISSING);
  }
}
