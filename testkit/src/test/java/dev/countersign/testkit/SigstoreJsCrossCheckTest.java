package dev.countersign.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.countersign.testkit.SigstoreSigner.DsseLogKind;
import dev.countersign.testkit.bundle.Bundle;
import dev.countersign.testkit.bundle.BundleVersion;
import dev.countersign.testkit.bundle.BundleWriter;
import dev.countersign.testkit.bundle.TlogEntry;
import dev.countersign.testkit.ca.GithubActionsClaims;
import dev.countersign.testkit.ca.LeafDefect;
import dev.countersign.testkit.ca.LeafRequest;
import dev.countersign.testkit.ca.TestCertificateAuthority;
import dev.countersign.testkit.ct.TestCtLog;
import dev.countersign.testkit.dsse.InTotoStatement;
import dev.countersign.testkit.dsse.InTotoSubject;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.note.CosignatureV1Signer;
import dev.countersign.testkit.note.NoteSignature;
import dev.countersign.testkit.note.SignedNote;
import dev.countersign.testkit.rekor.TransparencyLog.CosignaturePlacement;
import dev.countersign.testkit.tsa.EmbeddedCertificates;
import dev.countersign.testkit.tsa.TestTimestampAuthority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The independent cross-check: sigstore-js verifies testkit-made bundles against the
 * testkit-written trusted root, and must reject every tampered variant.
 */
class SigstoreJsCrossCheckTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant SIGNED_AT = Instant.parse("2025-06-01T12:00:00Z");
  private static final GithubActionsClaims CLAIMS =
      GithubActionsClaims.of(
          "acme/app", ".github/workflows/release.yml", "refs/tags/v1.0.0", "0".repeat(40));
  private static final String SAN = CLAIMS.subjectUri();
  private static final String ISSUER = GithubActionsClaims.ISSUER;
  private static final Bytes ARTIFACT = Bytes.utf8("artifact under test\n");
  private static final Bytes OTHER_ARTIFACT = Bytes.utf8("another artifact\n");

  private final TestSigstore sigstore = TestSigstore.create(T0);
  private final String root = sigstore.trustedRootJson();
  private final List<SigstoreJs.Case> cases = new ArrayList<>();

  @Test
  void sigstoreJsAcceptsTestkitEvidenceAndRejectsTamperedVariants(@TempDir Path dir)
      throws Exception {
    Optional<Path> node = SigstoreJs.findNode();
    assumeTrue(node.isPresent(), "node is not on PATH: sigstore-js cross-check skipped");
    Path modules = SigstoreJs.modulesDirectory();
    assumeTrue(
        Files.isRegularFile(modules.resolve("@sigstore/verify/package.json")),
        "sigstore-js is not installed in "
            + modules
            + " (npm ci --prefix tools/sigstore-js): cross-check skipped");

    // Non-trivial trees: entries land deep inside, with long audit paths.
    sigstore.rekorV1().appendFiller(1000);
    sigstore.rekorV2().appendFiller(777);
    messageSignatures();
    attestations();
    keyBased();
    rejectedSignaturesAndLogs();
    rejectedCertificatesAndTimestamps();

    List<SigstoreJs.Result> results = SigstoreJs.at(node.get(), modules).verify(cases, dir);

    assertThat(results).hasSameSizeAs(cases);
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      SigstoreJs.Case expected = cases.get(i);
      SigstoreJs.Result actual = results.get(i);
      System.out.printf(
          "sigstore-js: %-60s %s%n",
          expected.name(), actual.verified() ? "valid" : "rejected (" + actual.error() + ")");
      if (expected.expectVerified() != actual.verified()) {
        disagreements.add(
            expected.name()
                + ": expected "
                + (expected.expectVerified() ? "valid" : "rejected")
                + ", sigstore-js said "
                + (actual.verified() ? "valid" : "rejected: " + actual.error()));
      }
    }
    assertThat(disagreements).as("cases sigstore-js judged differently").isEmpty();
  }

  private void messageSignatures() {
    SigstoreSigner keyless =
        sigstore.keyless(LeafRequest.forGithubActions(CLAIMS).withSct(sigstore.ctLog()));
    valid("v0.1 hashedrekord with SET", sign(keyless.withBundleVersion(BundleVersion.V0_1)));
    valid("v0.2 hashedrekord, SET and proof", sign(keyless.withBundleVersion(BundleVersion.V0_2)));
    valid("v0.3 Rekor v1 proof, checkpoint and SET", sign(keyless));
    valid("v0.3 legacy media type", sign(keyless.withBundleVersion(BundleVersion.V0_3_LEGACY)));
    valid(
        "v0.3 Rekor v1 proof and checkpoint only, TSA time",
        tamper(
            sign(keyless.withTimestampAuthority(sigstore.tsa())),
            b -> b.withFirstTlogEntry(e -> e.withSignedEntryTimestamp(null))));

    SigstoreSigner rekorV2 =
        sigstore.keylessRekorV2(LeafRequest.forGithubActions(CLAIMS).withSct(sigstore.ctLog()));
    valid("v0.3 Rekor v2 hashedrekord 0.0.2 with TSA", sign(rekorV2));
    valid(
        "v0.3 Rekor v2, TSA token without certificates",
        sign(
            rekorV2.withTimestampAuthority(
                sigstore.tsa().withEmbeddedCertificates(EmbeddedCertificates.NONE))));
    valid(
        "v0.3 Rekor v2, TSA token with its whole chain",
        sign(
            rekorV2.withTimestampAuthority(
                sigstore.tsa().withEmbeddedCertificates(EmbeddedCertificates.CHAIN))));

    CosignatureV1Signer witness =
        new CosignatureV1Signer(
            "witness.countersign.test", TestKeyPair.generate(KeyAlgorithm.ED25519), SIGNED_AT);
    sigstore.rekorV2().cosignWith(List.of(witness), CosignaturePlacement.BEFORE_LOG_SIGNATURE);
    SignedBundle witnessed = sign(rekorV2);
    sigstore.rekorV2().cosignWith(List.of(), CosignaturePlacement.AFTER_LOG_SIGNATURE);
    valid("v0.3 Rekor v2 checkpoint cosigned, witness line first", witnessed);
    SignedNote note =
        sigstore.rekorV2().checkpoint(witnessed.tlogEntry().inclusionProof().treeSize());
    String witnessOnly =
        note.withSignatures(List.of(witness.signatureOver(note.body()))).envelope();
    invalid(
        "Rekor v2 checkpoint signed only by a witness",
        tamper(witnessed, b -> b.withFirstTlogEntry(e -> withCheckpoint(e, witnessOnly))));

    LeafRequest identity = sigstore.uriIdentity(SAN, ISSUER);
    valid("leaf issued by the root", sign(keyless.withIdentity(identity.fromRoot())));
    valid(
        "SCT with CT extensions",
        sign(keyless.withIdentity(identity.withSctExtensions(Bytes.fromHex("0000050001020304")))));
    valid(
        "P-384 leaf key",
        sign(keyless.withIdentity(identity.withKeyAlgorithm(KeyAlgorithm.ECDSA_P384))));
    String email = "dev@acme.test";
    String emailIssuer = "https://accounts.acme.test";
    SignedBundle byEmail = sign(sigstore.keyless(sigstore.emailIdentity(email, emailIssuer)));
    cases.add(
        new SigstoreJs.Case(
            "email identity", byEmail.json(), ARTIFACT, Map.of(), email, emailIssuer, root, true));
  }

  private void attestations() {
    InTotoStatement statement =
        InTotoStatement.v1(
                "https://slsa.dev/provenance/v1",
                JsonNodeFactory.instance.objectNode().put("buildType", "https://acme.test/build"))
            .withSubject(InTotoSubject.sha256("app.jar", ARTIFACT.toByteArray()));
    InTotoStatement v01 =
        new InTotoStatement(
            InTotoStatement.V01,
            statement.subjects(),
            statement.predicateType(),
            statement.predicate());
    SigstoreSigner keyless = sigstore.keyless(SAN, ISSUER);
    SigstoreSigner intoto = keyless.withDsseLogKind(DsseLogKind.INTOTO);
    valid("v0.3 DSSE in-toto, Rekor v1 dsse 0.0.1", keyless.attest(statement, SIGNED_AT));
    valid(
        "v0.1 DSSE in-toto, Rekor v1 intoto 0.0.2",
        intoto.withBundleVersion(BundleVersion.V0_1).attest(statement, SIGNED_AT));
    valid("v0.3 DSSE statement v0.1, Rekor v1 intoto 0.0.2", intoto.attest(v01, SIGNED_AT));
    SignedBundle v2 =
        sigstore.keylessRekorV2(sigstore.uriIdentity(SAN, ISSUER)).attest(statement, SIGNED_AT);
    valid("v0.3 DSSE in-toto, Rekor v2 dsse 0.0.2 with TSA", v2);
    invalid(
        "DSSE payload altered after signing",
        tamper(v2, b -> b.withDsseEnvelope(v2.dsseEnvelope().withPayload(Bytes.utf8("{}")))));
  }

  private void keyBased() {
    TestKeyPair key = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);
    SigstoreSigner signer = sigstore.withKey(key, "release-key");
    SignedBundle rekorV1 = sign(signer);
    cases.add(keyCase("public key, Rekor v1", rekorV1, key, true));
    SignedBundle rekorV2 =
        sign(signer.withTransparencyLog(sigstore.rekorV2()).withTimestampAuthority(sigstore.tsa()));
    cases.add(keyCase("public key, Rekor v2 with TSA", rekorV2, key, true));
    SignedBundle dsse = signer.signDsse("text/plain", ARTIFACT.toByteArray(), SIGNED_AT);
    cases.add(keyCase("public key DSSE, Rekor v1", dsse, key, true));
    TestKeyPair other = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);
    cases.add(keyCase("public key, another key trusted", rekorV1, other, false));
  }

  private void rejectedSignaturesAndLogs() {
    SigstoreSigner keyless = sigstore.keyless(SAN, ISSUER);
    SignedBundle v01 = sign(keyless.withBundleVersion(BundleVersion.V0_1));
    SignedBundle v03 = sign(keyless.withTimestampAuthority(sigstore.tsa()));
    SignedBundle proofOnly =
        tamper(v03, b -> b.withFirstTlogEntry(e -> e.withSignedEntryTimestamp(null)));

    cases.add(
        new SigstoreJs.Case(
            "different artifact", v03.json(), OTHER_ARTIFACT, Map.of(), null, null, root, false));
    invalid(
        "signature bit flipped",
        tamper(
            v01,
            b ->
                b.withMessageSignature(
                    b.messageSignature()
                        .withSignature(b.messageSignature().signature().withBitFlipped(-1)))));
    invalid(
        "SET bit flipped",
        tamper(
            v01,
            b ->
                b.withFirstTlogEntry(
                    e -> e.withSignedEntryTimestamp(e.signedEntryTimestamp().withBitFlipped(-1)))));
    invalid(
        "integrated time moved",
        tamper(v01, b -> b.withFirstTlogEntry(e -> e.withIntegratedTime(e.integratedTime() + 1))));
    TlogEntry otherEntry =
        keyless.signArtifact(OTHER_ARTIFACT.toByteArray(), SIGNED_AT).tlogEntry();
    invalid(
        "genuine log entry of another artifact",
        tamper(v03, b -> b.withVerificationMaterial(m -> m.withTlogEntries(List.of(otherEntry)))));
    invalid(
        "audit path hash flipped",
        tamper(
            proofOnly,
            b ->
                b.withFirstTlogEntry(
                    e ->
                        e.withInclusionProof(
                            e.inclusionProof()
                                .withHash(
                                    3, e.inclusionProof().hashes().get(3).withBitFlipped(0))))));
    long size = v03.tlogEntry().inclusionProof().treeSize();
    invalid(
        "checkpoint tree size altered",
        tamper(
            proofOnly,
            b ->
                b.withFirstTlogEntry(
                    e ->
                        withCheckpoint(
                            e,
                            e.inclusionProof()
                                .checkpoint()
                                .replaceFirst("\n" + size + "\n", "\n" + (size + 1) + "\n")))));
    SignedNote note = sigstore.rekorV1().checkpoint(size);
    NoteSignature line = note.signatures().get(0);
    String forged =
        note.withSignatures(List.of(line.withSignature(line.signature().withBitFlipped(-1))))
            .envelope();
    invalid(
        "checkpoint signature flipped",
        tamper(proofOnly, b -> b.withFirstTlogEntry(e -> withCheckpoint(e, forged))));
  }

  private void rejectedCertificatesAndTimestamps() {
    SignedBundle v2 = sign(sigstore.keylessRekorV2(sigstore.uriIdentity(SAN, ISSUER)));
    byte[] signature = v2.bundle().messageSignature().signature().toByteArray();
    Bytes otherData = sigstore.tsa().timestamp(OTHER_ARTIFACT.toByteArray(), SIGNED_AT);
    invalid("timestamp over other bytes", withTimestamps(v2, List.of(otherData)));
    Bytes rogue = TestTimestampAuthority.create(T0).timestamp(signature, SIGNED_AT);
    invalid("timestamp from an untrusted TSA", withTimestamps(v2, List.of(rogue)));
    invalid("Rekor v2 entry without timestamp", withTimestamps(v2, List.of()));

    LeafRequest identity = sigstore.uriIdentity(SAN, ISSUER);
    TestCertificateAuthority rogueCa = TestCertificateAuthority.create(T0);
    invalid(
        "leaf from an untrusted CA",
        sign(SigstoreSigner.keyless(rogueCa, identity).withTransparencyLog(sigstore.rekorV1())));
    SigstoreSigner keyless = sigstore.keyless(identity);
    invalid("leaf without SCT", sign(keyless.withIdentity(identity.withoutSct())));
    invalid(
        "SCT from an untrusted CT log",
        sign(keyless.withIdentity(identity.withSct(TestCtLog.create("https://rogue.test")))));
    invalid("expired leaf", sign(keyless.withIdentity(identity.withDefect(LeafDefect.EXPIRED))));
    invalid(
        "signed before the CA became valid",
        keyless.signArtifact(ARTIFACT.toByteArray(), T0.minusSeconds(86400)));
    SignedBundle ok = sign(keyless);
    String evil = "https://github.com/evil/app/.github/workflows/release.yml@refs/tags/v1.0.0";
    cases.add(
        new SigstoreJs.Case(
            "identity policy mismatch", ok.json(), ARTIFACT, Map.of(), evil, ISSUER, root, false));
    cases.add(
        new SigstoreJs.Case(
            "issuer policy mismatch",
            ok.json(),
            ARTIFACT,
            Map.of(),
            SAN,
            "https://accounts.evil.test",
            root,
            false));
  }

  private static SignedBundle sign(SigstoreSigner signer) {
    return signer.signArtifact(ARTIFACT.toByteArray(), SIGNED_AT);
  }

  private static SignedBundle tamper(SignedBundle signed, UnaryOperator<Bundle> change) {
    return signed.withBundle(change.apply(signed.bundle()));
  }

  private static SignedBundle withTimestamps(SignedBundle signed, List<Bytes> timestamps) {
    return tamper(
        signed, b -> b.withVerificationMaterial(m -> m.withRfc3161Timestamps(timestamps)));
  }

  private static TlogEntry withCheckpoint(TlogEntry entry, String envelope) {
    return entry.withInclusionProof(entry.inclusionProof().withCheckpoint(envelope));
  }

  private void valid(String name, SignedBundle signed) {
    cases.add(
        new SigstoreJs.Case(
            name, signed.json(), signed.artifact(), Map.of(), SAN, ISSUER, root, true));
  }

  private void invalid(String name, SignedBundle signed) {
    Bytes artifact = signed.artifact();
    cases.add(
        new SigstoreJs.Case(
            name,
            BundleWriter.write(signed.bundle()),
            artifact,
            Map.of(),
            null,
            null,
            root,
            false));
  }

  private SigstoreJs.Case keyCase(
      String name, SignedBundle signed, TestKeyPair trusted, boolean expected) {
    return new SigstoreJs.Case(
        name,
        signed.json(),
        signed.artifact(),
        Map.of("release-key", trusted.spki()),
        null,
        null,
        root,
        expected);
  }
}
