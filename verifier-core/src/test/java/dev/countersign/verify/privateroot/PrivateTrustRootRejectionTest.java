package dev.countersign.verify.privateroot;

import static dev.countersign.verify.privateroot.PrivateDeployment.ARTIFACT;
import static dev.countersign.verify.privateroot.PrivateDeployment.ISSUER;
import static dev.countersign.verify.privateroot.PrivateDeployment.NOW;
import static dev.countersign.verify.privateroot.PrivateDeployment.SAN;
import static dev.countersign.verify.privateroot.PrivateDeployment.SIGNED_AT;
import static dev.countersign.verify.privateroot.PrivateDeployment.T0;
import static dev.countersign.verify.privateroot.PrivateDeployment.keyless;
import static dev.countersign.verify.privateroot.PrivateDeployment.tamper;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.SignedBundle;
import dev.countersign.testkit.SigstoreSigner;
import dev.countersign.testkit.bundle.BundleVersion;
import dev.countersign.testkit.bundle.TlogEntry;
import dev.countersign.testkit.ca.LeafDefect;
import dev.countersign.testkit.ca.LeafRequest;
import dev.countersign.testkit.ca.TestCertificateAuthority;
import dev.countersign.testkit.ct.TestCtLog;
import dev.countersign.testkit.dsse.DsseEnvelope;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.note.CosignatureV1Signer;
import dev.countersign.testkit.note.SignedNote;
import dev.countersign.testkit.trustroot.CertificateAuthorityInstance;
import dev.countersign.testkit.trustroot.LogInstance;
import dev.countersign.testkit.trustroot.TrustedRootWriter;
import dev.countersign.testkit.trustroot.ValidityPeriod;
import dev.countersign.testkit.tsa.TestTimestampAuthority;
import dev.countersign.verify.Artifact;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.CertificateIdentity;
import dev.countersign.verify.policy.FulcioExtension;
import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.trust.TrustRoots;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every way a private-deployment bundle can be wrong is rejected, with the reason that says why.
 */
class PrivateTrustRootRejectionTest {
  private static final byte[] OTHER = "another artifact\n".getBytes(StandardCharsets.UTF_8);
  private final PrivateDeployment d = new PrivateDeployment();
  private final SigstoreSigner keyless = d.sigstore.keyless(SAN, ISSUER);

  private static void assertRejected(Verdict v, ReasonCode reason) {
    assertThat(v.outcome()).as(v.summary()).isEqualTo(Outcome.FAIL);
    assertThat(v.reason()).as(v.summary()).isEqualTo(reason);
  }

  private SignedBundle signed() {
    return keyless.signArtifact(ARTIFACT, SIGNED_AT);
  }

  @Test
  void artifactAndSignature() {
    assertRejected(
        d.verify(signed(), OTHER, PrivateDeployment.expected()),
        ReasonCode.ARTIFACT_DIGEST_MISMATCH);
    SignedBundle flipped =
        tamper(
            signed(),
            b ->
                b.withMessageSignature(
                    b.messageSignature()
                        .withSignature(b.messageSignature().signature().withBitFlipped(-1))));
    assertRejected(d.verify(flipped), ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void logEntryTampering() {
    SignedBundle v01 =
        keyless.withBundleVersion(BundleVersion.V0_1).signArtifact(ARTIFACT, SIGNED_AT);
    assertRejected(
        d.verify(
            tamper(
                v01,
                b ->
                    b.withFirstTlogEntry(
                        e ->
                            e.withSignedEntryTimestamp(
                                e.signedEntryTimestamp().withBitFlipped(-1))))),
        ReasonCode.TLOG_SET_INVALID);
    assertRejected(
        d.verify(
            tamper(
                v01, b -> b.withFirstTlogEntry(e -> e.withIntegratedTime(e.integratedTime() + 1)))),
        ReasonCode.TLOG_SET_INVALID);
    TlogEntry otherEntry = keyless.signArtifact(OTHER, SIGNED_AT).tlogEntry();
    assertRejected(
        d.verify(
            tamper(
                signed(),
                b -> b.withVerificationMaterial(m -> m.withTlogEntries(List.of(otherEntry))))),
        ReasonCode.TLOG_ENTRY_MISMATCH);
    assertRejected(
        d.verify(
            tamper(signed(), b -> b.withVerificationMaterial(m -> m.withTlogEntries(List.of())))),
        ReasonCode.TLOG_ENTRY_MISSING);
    SignedBundle s = signed();
    assertRejected(
        d.verify(
            tamper(
                s,
                b ->
                    b.withVerificationMaterial(
                        m -> m.withTlogEntries(List.of(s.tlogEntry(), s.tlogEntry()))))),
        ReasonCode.EVIDENCE_MALFORMED);
  }

  @Test
  void inclusionProofAndCheckpointTampering() {
    SignedBundle timestamped =
        keyless.withTimestampAuthority(d.sigstore.tsa()).signArtifact(ARTIFACT, SIGNED_AT);
    SignedBundle proofOnly =
        tamper(timestamped, b -> b.withFirstTlogEntry(e -> e.withSignedEntryTimestamp(null)));
    assertRejected(
        d.verify(
            tamper(
                proofOnly,
                b ->
                    b.withFirstTlogEntry(
                        e ->
                            e.withInclusionProof(
                                e.inclusionProof()
                                    .withHash(
                                        3,
                                        e.inclusionProof().hashes().get(3).withBitFlipped(0)))))),
        ReasonCode.TLOG_INCLUSION_PROOF_INVALID);
    long size = timestamped.tlogEntry().inclusionProof().treeSize();
    assertRejected(
        d.verify(
            tamper(
                proofOnly,
                b ->
                    b.withFirstTlogEntry(
                        e ->
                            e.withInclusionProof(
                                e.inclusionProof()
                                    .withCheckpoint(
                                        e.inclusionProof()
                                            .checkpoint()
                                            .replaceFirst(
                                                "\n" + size + "\n", "\n" + (size + 1) + "\n")))))),
        ReasonCode.TLOG_CHECKPOINT_INVALID);
    SignedNote note = d.sigstore.rekorV1().checkpoint(size);
    var line = note.signatures().get(0);
    String forged =
        note.withSignatures(List.of(line.withSignature(line.signature().withBitFlipped(-1))))
            .envelope();
    assertRejected(
        d.verify(
            tamper(
                proofOnly,
                b ->
                    b.withFirstTlogEntry(
                        e -> e.withInclusionProof(e.inclusionProof().withCheckpoint(forged))))),
        ReasonCode.TLOG_CHECKPOINT_INVALID);
  }

  @Test
  void rekorV2CheckpointSignedOnlyByAWitnessIsRejected() {
    CosignatureV1Signer witness =
        new CosignatureV1Signer(
            "witness.countersign.test", TestKeyPair.generate(KeyAlgorithm.ED25519), SIGNED_AT);
    SignedBundle signed =
        d.sigstore
            .keylessRekorV2(d.sigstore.uriIdentity(SAN, ISSUER))
            .signArtifact(ARTIFACT, SIGNED_AT);
    SignedNote note =
        d.sigstore.rekorV2().checkpoint(signed.tlogEntry().inclusionProof().treeSize());
    String witnessOnly =
        note.withSignatures(List.of(witness.signatureOver(note.body()))).envelope();
    assertRejected(
        d.verify(
            tamper(
                signed,
                b ->
                    b.withFirstTlogEntry(
                        e ->
                            e.withInclusionProof(e.inclusionProof().withCheckpoint(witnessOnly))))),
        ReasonCode.TLOG_CHECKPOINT_INVALID);
  }

  @Test
  void timestamps() {
    SignedBundle v2 =
        d.sigstore
            .keylessRekorV2(d.sigstore.uriIdentity(SAN, ISSUER))
            .signArtifact(ARTIFACT, SIGNED_AT);
    Bytes overOther = d.sigstore.tsa().timestamp(OTHER, SIGNED_AT);
    assertRejected(d.verify(withTimestamps(v2, List.of(overOther))), ReasonCode.TIMESTAMP_INVALID);
    Bytes rogue =
        TestTimestampAuthority.create(T0)
            .timestamp(v2.bundle().messageSignature().signature().toByteArray(), SIGNED_AT);
    assertRejected(d.verify(withTimestamps(v2, List.of(rogue))), ReasonCode.TIMESTAMP_INVALID);
    assertRejected(d.verify(withTimestamps(v2, List.of())), ReasonCode.TIMESTAMP_MISSING);
  }

  @Test
  void certificates() {
    LeafRequest identity = d.sigstore.uriIdentity(SAN, ISSUER);
    TestCertificateAuthority rogueCa = TestCertificateAuthority.create(T0);
    assertRejected(
        d.verify(
            SigstoreSigner.keyless(rogueCa, identity)
                .withTransparencyLog(d.sigstore.rekorV1())
                .signArtifact(ARTIFACT, SIGNED_AT)),
        ReasonCode.CERT_CHAIN_INVALID);
    SigstoreSigner signer = d.sigstore.keyless(identity);
    assertRejected(
        d.verify(signer.withIdentity(identity.withoutSct()).signArtifact(ARTIFACT, SIGNED_AT)),
        ReasonCode.SCT_MISSING);
    assertRejected(
        d.verify(
            signer
                .withIdentity(identity.withSct(TestCtLog.create("https://rogue.test")))
                .signArtifact(ARTIFACT, SIGNED_AT)),
        ReasonCode.SCT_INVALID);
    assertRejected(
        d.verify(
            signer
                .withIdentity(identity.withDefect(LeafDefect.EXPIRED))
                .signArtifact(ARTIFACT, SIGNED_AT)),
        ReasonCode.CERT_NOT_VALID_AT_SIGNING_TIME);
    assertRejected(
        d.verify(
            signer
                .withIdentity(identity.withDefect(LeafDefect.WRONG_EXTENDED_KEY_USAGE))
                .signArtifact(ARTIFACT, SIGNED_AT)),
        ReasonCode.CERT_CHAIN_INVALID);
    assertRejected(
        d.verify(
            signer
                .withIdentity(identity.withDefect(LeafDefect.CA_CERTIFICATE))
                .signArtifact(ARTIFACT, SIGNED_AT)),
        ReasonCode.CERT_CHAIN_INVALID);
    // Before the deployment was trusted, neither its log's time nor its CA counts.
    assertRejected(
        d.verify(signer.signArtifact(ARTIFACT, T0.minus(Duration.ofDays(1)))),
        ReasonCode.TLOG_UNTRUSTED);
  }

  @Test
  void bundleChainCarryingTheRootIsRejected() {
    SignedBundle v02 =
        keyless.withBundleVersion(BundleVersion.V0_2).signArtifact(ARTIFACT, SIGNED_AT);
    List<Bytes> withRoot =
        new java.util.ArrayList<>(v02.bundle().verificationMaterial().certificateChain());
    for (var c : d.sigstore.ca().chain()) {
      withRoot.add(Bytes.of(der(c)));
    }
    assertRejected(
        d.verify(
            tamper(v02, b -> b.withVerificationMaterial(m -> m.withCertificateChain(withRoot)))),
        ReasonCode.CERT_CHAIN_INVALID);
  }

  @Test
  void identity() {
    SignedBundle s = signed();
    assertRejected(
        d.verify(
            s,
            ARTIFACT,
            keyless(
                "https://github.com/evil/app/.github/workflows/release.yml@refs/tags/v1.0.0",
                ISSUER)),
        ReasonCode.IDENTITY_MISMATCH);
    assertRejected(
        d.verify(s, ARTIFACT, keyless(SAN, "https://accounts.evil.test")),
        ReasonCode.IDENTITY_MISMATCH);
    // A regular expression must match the whole SAN, not a part of it.
    assertRejected(
        d.verify(
            s,
            ARTIFACT,
            Authority.keyless(
                CertificateIdentity.of(
                    StringMatcher.regex("https://github\\.com/acme/app"),
                    StringMatcher.exact(ISSUER)))),
        ReasonCode.IDENTITY_MISMATCH);
    SignedBundle gh =
        d.sigstore
            .keyless(
                LeafRequest.forGithubActions(PrivateDeployment.CLAIMS).withSct(d.sigstore.ctLog()))
            .signArtifact(ARTIFACT, SIGNED_AT);
    Verdict v =
        d.verify(
            gh,
            ARTIFACT,
            Authority.keyless(
                CertificateIdentity.of(
                        StringMatcher.exact(PrivateDeployment.SAN), StringMatcher.exact(ISSUER))
                    .withExtension(
                        FulcioExtension.GITHUB_WORKFLOW_REF,
                        StringMatcher.exact("refs/heads/main"))));
    assertRejected(v, ReasonCode.IDENTITY_MISMATCH);
    assertThat(v.summary()).contains("githubWorkflowRef is 'refs/tags/v1.0.0'");
  }

  @Test
  void keys() {
    TestKeyPair key = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);
    SignedBundle signed = d.sigstore.withKey(key, "release-key").signArtifact(ARTIFACT, SIGNED_AT);
    TestKeyPair other = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);
    assertRejected(
        d.verify(signed, ARTIFACT, Authority.publicKey("k", other.publicKeyPem())),
        ReasonCode.KEY_MISMATCH);
    assertRejected(
        d.verify(signed, ARTIFACT, PrivateDeployment.expected()), ReasonCode.CERTIFICATE_MISSING);
    assertRejected(
        d.verify(signed(), ARTIFACT, Authority.publicKey("k", other.publicKeyPem())),
        ReasonCode.KEY_MISMATCH);
  }

  @Test
  void dsseEnvelopes() {
    SignedBundle dsse = keyless.signDsse("text/plain", ARTIFACT, SIGNED_AT);
    DsseEnvelope env = dsse.dsseEnvelope();
    assertRejected(
        d.verify(tamper(dsse, b -> b.withDsseEnvelope(env.withPayload(Bytes.utf8("other"))))),
        ReasonCode.ARTIFACT_DIGEST_MISMATCH);
    var twoSigs = env.withSignatures(List.of(env.signatures().get(0), env.signatures().get(0)));
    assertRejected(
        d.verify(tamper(dsse, b -> b.withDsseEnvelope(twoSigs))), ReasonCode.EVIDENCE_MALFORMED);
  }

  @Test
  void signingTimeInTheFutureIsRejected() {
    java.time.Instant future = NOW.plus(Duration.ofDays(2));
    assertRejected(
        d.verify(keyless.signArtifact(ARTIFACT, future)), ReasonCode.SIGNING_TIME_IN_FUTURE);
  }

  @Test
  void validityWindowsOfTheTrustRootAreHonoured() throws Exception {
    var root = d.sigstore.trustedRoot();
    ValidityPeriod ended = ValidityPeriod.between(T0, SIGNED_AT.minus(Duration.ofDays(1)));
    var logEnded = root.withTlogs(List.of(LogInstance.of(d.sigstore.rekorV1(), ended)));
    assertRejected(verifyUnder(logEnded), ReasonCode.TLOG_UNTRUSTED);
    var caEnded =
        root.withCertificateAuthorities(
            List.of(CertificateAuthorityInstance.of(d.sigstore.ca(), ended)));
    assertRejected(verifyUnder(caEnded), ReasonCode.CERT_CHAIN_INVALID);
    var ctEnded = root.withCtlogs(List.of(LogInstance.of(d.sigstore.ctLog(), ended)));
    assertRejected(verifyUnder(ctEnded), ReasonCode.SCT_INVALID);
    // The end of a validity period is inclusive.
    ValidityPeriod endsAtSigning = ValidityPeriod.between(T0, SIGNED_AT);
    assertThat(
            verifyUnder(
                    root.withTlogs(List.of(LogInstance.of(d.sigstore.rekorV1(), endsAtSigning))))
                .outcome())
        .isEqualTo(Outcome.PASS);
  }

  private Verdict verifyUnder(dev.countersign.testkit.trustroot.TrustedRoot root) {
    Verifier v =
        Verifier.builder()
            .trustRoot(
                TrustRoots.fromJson(
                    "variant",
                    TrustedRootWriter.write(root).getBytes(StandardCharsets.UTF_8),
                    "test"))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    return v.verify(
        VerificationRequest.bundle(
            PrivateDeployment.json(signed()),
            Artifact.ofBytes(ARTIFACT),
            PrivateDeployment.expected()));
  }

  private static SignedBundle withTimestamps(SignedBundle signed, List<Bytes> timestamps) {
    return tamper(
        signed, b -> b.withVerificationMaterial(m -> m.withRfc3161Timestamps(timestamps)));
  }

  private static byte[] der(java.security.cert.X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
