package dev.countersign.verify.privateroot;

import static dev.countersign.verify.privateroot.PrivateDeployment.ARTIFACT;
import static dev.countersign.verify.privateroot.PrivateDeployment.CLAIMS;
import static dev.countersign.verify.privateroot.PrivateDeployment.ISSUER;
import static dev.countersign.verify.privateroot.PrivateDeployment.SAN;
import static dev.countersign.verify.privateroot.PrivateDeployment.SIGNED_AT;
import static dev.countersign.verify.privateroot.PrivateDeployment.keyless;
import static dev.countersign.verify.privateroot.PrivateDeployment.tamper;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.countersign.testkit.SignedBundle;
import dev.countersign.testkit.SigstoreSigner;
import dev.countersign.testkit.SigstoreSigner.DsseLogKind;
import dev.countersign.testkit.bundle.BundleVersion;
import dev.countersign.testkit.ca.LeafRequest;
import dev.countersign.testkit.dsse.InTotoStatement;
import dev.countersign.testkit.dsse.InTotoSubject;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.tsa.EmbeddedCertificates;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.CertificateIdentity;
import dev.countersign.verify.policy.FulcioExtension;
import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Status;
import dev.countersign.verify.verdict.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bundles made by a private deployment (own CA and intermediate, CT log, Rekor v1 and v2 logs with
 * real Merkle trees and signed checkpoints, TSA) verify against a trusted_root.json naming them,
 * with every check passing.
 */
class PrivateTrustRootTest {
  private final PrivateDeployment d = new PrivateDeployment();

  private SigstoreSigner github() {
    return d.sigstore.keyless(LeafRequest.forGithubActions(CLAIMS).withSct(d.sigstore.ctLog()));
  }

  private static void assertPass(Verdict v) {
    assertThat(v.outcome()).as(v.summary()).isEqualTo(Outcome.PASS);
    assertThat(v.trustRoot()).isEqualTo("private");
    assertThat(v.checks()).noneMatch(c -> c.status() == Status.FAIL || c.status() == Status.ERROR);
  }

  private static void assertPassed(Verdict v, CheckId... checks) {
    for (CheckId id : checks) {
      assertThat(v.checks())
          .as(v.summary())
          .anyMatch(c -> c.check() == id && c.status() == Status.PASS);
    }
  }

  @Test
  void messageSignaturesOfEveryBundleVersionVerify() {
    for (BundleVersion version : BundleVersion.values()) {
      Verdict v = d.verify(github().withBundleVersion(version).signArtifact(ARTIFACT, SIGNED_AT));
      assertPass(v);
      assertPassed(
          v,
          CheckId.SIGNATURE,
          CheckId.CERTIFICATE_CHAIN,
          CheckId.CERTIFICATE_SCT,
          CheckId.TLOG_BODY,
          CheckId.TLOG_SET,
          CheckId.SIGNING_TIME,
          CheckId.IDENTITY);
      if (version != BundleVersion.V0_1) {
        assertPassed(v, CheckId.TLOG_INCLUSION);
      }
    }
  }

  @Test
  void verdictCarriesTheEvidenceItEstablished() {
    Verdict v = d.verify(github().signArtifact(ARTIFACT, SIGNED_AT));
    assertPass(v);
    CheckResult identity =
        v.checks().stream().filter(c -> c.check() == CheckId.IDENTITY).findFirst().orElseThrow();
    assertThat(identity.evidence())
        .containsEntry("certificate.san", SAN)
        .containsEntry("certificate.issuer", ISSUER)
        .containsEntry("certificate.githubWorkflowRepository", "acme/app");
    CheckResult time =
        v.checks().stream()
            .filter(c -> c.check() == CheckId.SIGNING_TIME)
            .findFirst()
            .orElseThrow();
    assertThat(time.evidence()).containsEntry("signingTime", SIGNED_AT.toString());
  }

  @Test
  void rekorV1ProofWithTsaTimeAndNoSetVerifies() {
    SignedBundle signed =
        tamper(
            github().withTimestampAuthority(d.sigstore.tsa()).signArtifact(ARTIFACT, SIGNED_AT),
            b -> b.withFirstTlogEntry(e -> e.withSignedEntryTimestamp(null)));
    Verdict v = d.verify(signed);
    assertPass(v);
    assertPassed(v, CheckId.RFC3161_TIMESTAMP, CheckId.TLOG_INCLUSION);
  }

  @Test
  void rekorV2WithTimestampsVerifiesWhateverCertificatesTheTokenEmbeds() {
    for (EmbeddedCertificates embedded : EmbeddedCertificates.values()) {
      SigstoreSigner signer =
          d.sigstore
              .keylessRekorV2(d.sigstore.uriIdentity(SAN, ISSUER))
              .withTimestampAuthority(d.sigstore.tsa().withEmbeddedCertificates(embedded));
      Verdict v = d.verify(signer.signArtifact(ARTIFACT, SIGNED_AT));
      assertPass(v);
      assertPassed(v, CheckId.RFC3161_TIMESTAMP, CheckId.TLOG_INCLUSION, CheckId.TLOG_BODY);
    }
  }

  @Test
  void leafVariantsVerify() {
    LeafRequest identity = d.sigstore.uriIdentity(SAN, ISSUER);
    SigstoreSigner signer = d.sigstore.keyless(identity);
    assertPass(
        d.verify(signer.withIdentity(identity.fromRoot()).signArtifact(ARTIFACT, SIGNED_AT)));
    assertPass(
        d.verify(
            signer
                .withIdentity(
                    identity.withSctExtensions(
                        dev.countersign.testkit.encoding.Bytes.fromHex("0000050001020304")))
                .signArtifact(ARTIFACT, SIGNED_AT)));
    assertPass(
        d.verify(
            signer
                .withIdentity(identity.withKeyAlgorithm(KeyAlgorithm.ECDSA_P384))
                .signArtifact(ARTIFACT, SIGNED_AT)));
    SignedBundle byEmail =
        d.sigstore
            .keyless(d.sigstore.emailIdentity("dev@acme.test", "https://accounts.acme.test"))
            .signArtifact(ARTIFACT, SIGNED_AT);
    assertPass(d.verify(byEmail, ARTIFACT, keyless("dev@acme.test", "https://accounts.acme.test")));
  }

  @Test
  void identitiesMatchByRegularExpressionAndFulcioExtensions() {
    SignedBundle signed = github().signArtifact(ARTIFACT, SIGNED_AT);
    CertificateIdentity byRegex =
        CertificateIdentity.of(
                StringMatcher.regex(
                    "https://github\\.com/acme/[^/]+/\\.github/workflows/release\\.yml@refs/tags/v.*"),
                StringMatcher.regex("https://token\\.actions\\.githubusercontent\\.com"))
            .withExtension(
                FulcioExtension.GITHUB_WORKFLOW_REPOSITORY, StringMatcher.exact("acme/app"))
            .withExtension(
                FulcioExtension.GITHUB_WORKFLOW_REF, StringMatcher.exact("refs/tags/v1.0.0"))
            .withExtension(
                FulcioExtension.SOURCE_REPOSITORY_URI,
                StringMatcher.exact("https://github.com/acme/app"));
    assertPass(d.verify(signed, ARTIFACT, Authority.keyless(byRegex)));
    // Any one identity of any one authority suffices.
    Authority other =
        keyless("https://github.com/other/app/.github/workflows/x.yml@refs/heads/main", ISSUER);
    Verdict v =
        d.verifier.verify(
            dev.countersign.verify.VerificationRequest.bundle(
                PrivateDeployment.json(signed),
                dev.countersign.verify.Artifact.ofBytes(ARTIFACT),
                other,
                Authority.keyless(byRegex)));
    assertPass(v);
  }

  @Test
  void attestationsVerifyInEveryLogKind() {
    InTotoStatement statement =
        InTotoStatement.v1(
                "https://slsa.dev/provenance/v1",
                JsonNodeFactory.instance.objectNode().put("buildType", "https://acme.test/build"))
            .withSubject(InTotoSubject.sha256("app.jar", ARTIFACT));
    SigstoreSigner keyless = d.sigstore.keyless(SAN, ISSUER);
    for (SignedBundle signed :
        new SignedBundle[] {
          keyless.attest(statement, SIGNED_AT),
          keyless.withDsseLogKind(DsseLogKind.INTOTO).attest(statement, SIGNED_AT),
          keyless
              .withDsseLogKind(DsseLogKind.INTOTO)
              .withBundleVersion(BundleVersion.V0_1)
              .attest(statement, SIGNED_AT),
          d.sigstore
              .keylessRekorV2(d.sigstore.uriIdentity(SAN, ISSUER))
              .attest(statement, SIGNED_AT)
        }) {
      Verdict v = d.verify(signed);
      assertPass(v);
      CheckResult subject =
          v.checks().stream()
              .filter(c -> c.check() == CheckId.ARTIFACT_DIGEST)
              .findFirst()
              .orElseThrow();
      assertThat(subject.evidence())
          .containsEntry("subject.name", "app.jar")
          .containsEntry("predicateType", "https://slsa.dev/provenance/v1");
    }
    InTotoStatement sha512 =
        InTotoStatement.v1("https://slsa.dev/provenance/v1", JsonNodeFactory.instance.objectNode())
            .withSubject(InTotoSubject.sha512("app.jar", ARTIFACT));
    assertPass(d.verify(keyless.attest(sha512, SIGNED_AT)));
  }

  @Test
  void keyBasedBundlesVerifyForEveryKeyType() {
    for (KeyAlgorithm alg : KeyAlgorithm.values()) {
      TestKeyPair key = TestKeyPair.generate(alg);
      SigstoreSigner signer = d.sigstore.withKey(key, "release-key");
      SignedBundle signed =
          alg == KeyAlgorithm.ED25519
              ? signer.signDsse("text/plain", ARTIFACT, SIGNED_AT)
              : signer.signArtifact(ARTIFACT, SIGNED_AT);
      Verdict v =
          d.verify(signed, ARTIFACT, Authority.publicKey("release-key", key.publicKeyPem()));
      assertPass(v);
      assertPassed(v, CheckId.SIGNING_KEY, CheckId.TLOG_BODY, CheckId.SIGNING_TIME);
      assertThat(v.checks()).noneMatch(c -> c.check() == CheckId.CERTIFICATE_CHAIN);
    }
  }

  @Test
  void aLoggedKeyBasedSignatureNeedsNoSigningTimeButAKeylessOneDoes() {
    // Proof of inclusion, but neither a signed entry timestamp nor an RFC 3161 timestamp.
    TestKeyPair key = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);
    SignedBundle keyBased =
        tamper(
            d.sigstore.withKey(key, "release-key").signArtifact(ARTIFACT, SIGNED_AT),
            b -> b.withFirstTlogEntry(e -> e.withSignedEntryTimestamp(null)));
    Verdict v =
        d.verify(keyBased, ARTIFACT, Authority.publicKey("release-key", key.publicKeyPem()));
    assertPass(v);
    assertPassed(v, CheckId.SIGNING_KEY, CheckId.TLOG_BODY, CheckId.TLOG_INCLUSION);
    assertThat(v.checks())
        .filteredOn(c -> c.check() == CheckId.SIGNING_TIME)
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(Status.SKIPPED));

    SignedBundle keyless =
        tamper(
            github().signArtifact(ARTIFACT, SIGNED_AT),
            b -> b.withFirstTlogEntry(e -> e.withSignedEntryTimestamp(null)));
    Verdict rejected = d.verify(keyless);
    assertThat(rejected.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(rejected.checks())
        .anySatisfy(
            c -> {
              assertThat(c.check()).isEqualTo(CheckId.SIGNING_TIME);
              assertThat(c.reason()).isEqualTo(ReasonCode.TIMESTAMP_MISSING);
            });
  }

  @Test
  void evidenceIsNamedInTheVerdictForAKeyAuthority() {
    TestKeyPair key = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);
    Verdict v =
        d.verify(
            d.sigstore.withKey(key, "k").signArtifact(ARTIFACT, SIGNED_AT),
            ARTIFACT,
            Authority.publicKey("ops-signing-key", key.publicKeyPem()));
    assertThat(
            v.checks().stream()
                .filter(c -> c.check() == CheckId.SIGNING_KEY)
                .findFirst()
                .orElseThrow()
                .evidence())
        .isEqualTo(Map.of("authority", "ops-signing-key", "key.algorithm", "ECDSA_P256"));
  }
}
