package dev.countersign.testkit.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.JsonShape;
import dev.countersign.testkit.SignedBundle;
import dev.countersign.testkit.SigstoreSigner.DsseLogKind;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The JSON mapping, and bundles shaped exactly like real ones of the same flavour. */
class BundleWriterTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");
  private static final byte[] ARTIFACT = "a".getBytes(StandardCharsets.UTF_8);

  private final TestSigstore sigstore = TestSigstore.create(T0);

  BundleWriterTest() {
    // Real entries sit deep in their logs; give ours audit paths too.
    sigstore.rekorV1().appendFiller(10);
    sigstore.rekorV2().appendFiller(10);
  }

  @Test
  void writesInt64AsStringsAndBytesAsPaddedBase64() {
    SignedBundle signed =
        sigstore.keyless("https://id.test", "https://issuer.test").signArtifact(ARTIFACT, AT);
    JsonNode json = Json.parse(signed.json());
    JsonNode entry = json.at("/verificationMaterial/tlogEntries/0");

    assertThat(json.path("mediaType").asText())
        .isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(entry.path("logIndex").isTextual()).isTrue();
    assertThat(entry.path("integratedTime").asText()).isEqualTo(Long.toString(AT.getEpochSecond()));
    assertThat(entry.at("/inclusionProof/treeSize").isTextual()).isTrue();
    assertThat(entry.at("/logId/keyId").asText())
        .isEqualTo(sigstore.rekorV1().logId().base64())
        .endsWith("=");
    assertThat(json.at("/messageSignature/messageDigest/algorithm").asText()).isEqualTo("SHA2_256");
    assertThat(Bytes.fromBase64(json.at("/verificationMaterial/certificate/rawBytes").asText()))
        .isEqualTo(signed.certificate().der());
    assertThat(json.path("verificationMaterial").has("timestampVerificationData")).isFalse();
  }

  @Test
  void editedModelsWriteTheirEdits() {
    SignedBundle signed =
        sigstore.keyless("https://id.test", "https://issuer.test").signArtifact(ARTIFACT, AT);
    Bundle edited =
        signed
            .bundle()
            .withMediaType("application/vnd.dev.sigstore.bundle+json;version=9.9")
            .withFirstTlogEntry(e -> e.withInclusionProof(null).withIntegratedTime(null));
    JsonNode json = BundleWriter.toJson(edited);
    assertThat(json.path("mediaType").asText()).endsWith("version=9.9");
    assertThat(json.at("/verificationMaterial/tlogEntries/0").has("inclusionProof")).isFalse();
    assertThat(json.at("/verificationMaterial/tlogEntries/0").has("integratedTime")).isFalse();
  }

  @Test
  void keylessRekorV1BundleIsShapedLikeTheConformanceHappyPath() {
    assertSameShape(
        "conformance/cases/happy-path-v0.3/bundle.sigstore.json",
        () ->
            sigstore.keyless("https://id.test", "https://issuer.test").signArtifact(ARTIFACT, AT));
  }

  @Test
  void rekorV2BundleIsShapedLikeTheConformanceRekorV2HappyPath() {
    assertSameShape(
        "conformance/cases/rekor2-happy-path/bundle.sigstore.json",
        () ->
            sigstore
                .keylessRekorV2(sigstore.uriIdentity("https://id.test", "https://i.test"))
                .signArtifact(ARTIFACT, AT));
  }

  @Test
  void v01IntotoBundleIsShapedLikeSigstoreJsFixture() {
    assertSameShape(
        "provenance/sigstore-js-fixtures/verify_bundles__V1.DSSE.WITH_SIGNING_CERT.TLOG_INTOTO.json",
        () ->
            sigstore
                .keyless("https://id.test", "https://issuer.test")
                .withBundleVersion(BundleVersion.V0_1)
                .withDsseLogKind(DsseLogKind.INTOTO)
                .withTimestampAuthority(sigstore.tsa())
                .signDsse("text/plain", ARTIFACT, AT));
  }

  @Test
  void v01PublicKeyBundleIsShapedLikeSigstoreJsFixture() {
    assertSameShape(
        "provenance/sigstore-js-fixtures/verify_bundles__V1.MESSAGE_SIGNATURE.WITH_PUBLIC_KEY.json",
        () ->
            sigstore
                .withKey(TestKeyPair.generate(KeyAlgorithm.ECDSA_P256), "key-1")
                .withBundleVersion(BundleVersion.V0_1)
                .withTimestampAuthority(sigstore.tsa())
                .signArtifact(ARTIFACT, AT));
  }

  private static void assertSameShape(String corpusFile, Supplier<SignedBundle> ours) {
    JsonNode real = JsonShape.corpusFile(corpusFile);
    assumeTrue(real != null, corpusFile + " is not available: shape comparison skipped");
    Set<String> expected = withoutKeyid(JsonShape.of(real));
    Set<String> actual = JsonShape.of(Json.parse(ours.get().json()));
    assertThat(actual).as("paths written").isEqualTo(expected);
  }

  private static Set<String> withoutKeyid(Set<String> paths) {
    // Real DSSE bundles carry an empty keyid; the testkit leaves an absent keyid out.
    return paths.stream()
        .filter(p -> !p.endsWith("/keyid"))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }
}
