package dev.countersign.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.bundle.BundleVersion;
import dev.countersign.testkit.bundle.TlogEntry;
import dev.countersign.testkit.bundle.VerificationMaterial;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.keys.HashAlgorithm;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;

/** The one-call flows put the right material in the right places. */
class SigstoreSignerTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");
  private static final byte[] ARTIFACT = "artifact".getBytes(StandardCharsets.UTF_8);

  private final TestSigstore sigstore = TestSigstore.create(T0);

  @Test
  void keylessMessageSignatureSignsTheArtifactWithTheCertifiedKey() {
    SignedBundle signed =
        sigstore.keyless("https://id.test", "https://issuer.test").signArtifact(ARTIFACT, AT);

    assertThat(signed.bundle().messageSignature().digest())
        .isEqualTo(Bytes.of(HashAlgorithm.SHA2_256.digest(ARTIFACT)));
    assertThat(
            signed
                .signingKey()
                .verify(ARTIFACT, signed.bundle().messageSignature().signature().toByteArray()))
        .isTrue();
    assertThat(signed.certificate().certificate().getPublicKey())
        .isEqualTo(signed.signingKey().publicKey());
    assertThat(signed.certificate().certificate().getNotBefore().toInstant()).isEqualTo(AT);
    VerificationMaterial material = signed.bundle().verificationMaterial();
    assertThat(material.certificate()).isEqualTo(signed.certificate().der());
    assertThat(material.certificateChain()).isNull();
    assertThat(material.tlogEntries()).containsExactly(signed.tlogEntry());
    assertThat(signed.tlogEntry().integratedTime()).isEqualTo(AT.getEpochSecond());
    JsonNode body = Json.parse(signed.tlogEntry().canonicalizedBody().toByteArray());
    assertThat(body.at("/spec/data/hash/value").asText())
        .isEqualTo(signed.bundle().messageSignature().digest().hex());
  }

  @Test
  void v01BundlesCarryAChainAndThePromiseAlone() {
    SignedBundle signed =
        sigstore
            .keyless("https://id.test", "https://issuer.test")
            .withBundleVersion(BundleVersion.V0_1)
            .signArtifact(ARTIFACT, AT);
    VerificationMaterial material = signed.bundle().verificationMaterial();
    assertThat(material.certificateChain()).containsExactly(signed.certificate().der());
    TlogEntry written = material.tlogEntries().get(0);
    assertThat(written.inclusionProof()).isNull();
    assertThat(written.signedEntryTimestamp()).isNotNull();
    assertThat(signed.tlogEntry().inclusionProof()).isNotNull();
  }

  @Test
  void eachInstantCanBeMovedOnItsOwn() throws Exception {
    Instant notBefore = AT.minusSeconds(3600);
    Instant integrated = AT.plusSeconds(30);
    Instant stamped = AT.plusSeconds(45);
    SignedBundle signed =
        sigstore
            .keyless("https://id.test", "https://issuer.test")
            .withCertificateNotBefore(notBefore)
            .withIntegratedTime(integrated)
            .withTimestampAuthority(sigstore.tsa())
            .withTimestampTime(stamped)
            .signArtifact(ARTIFACT, AT);
    assertThat(signed.certificate().certificate().getNotBefore().toInstant()).isEqualTo(notBefore);
    assertThat(signed.tlogEntry().integratedTime()).isEqualTo(integrated.getEpochSecond());
    TimeStampResponse response = new TimeStampResponse(signed.rfc3161Timestamp().toByteArray());
    assertThat(response.getTimeStampToken().getTimeStampInfo().getGenTime().toInstant())
        .isEqualTo(stamped);
    assertThat(response.getTimeStampToken().getTimeStampInfo().getMessageImprintDigest())
        .isEqualTo(
            HashAlgorithm.SHA2_256.digest(
                signed.bundle().messageSignature().signature().toByteArray()));
  }

  @Test
  void keyBasedBundlesNameTheKeyByHintAndLogItsPem() {
    TestKeyPair key = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);
    SignedBundle signed = sigstore.withKey(key, "my-key").signArtifact(ARTIFACT, AT);
    assertThat(signed.bundle().verificationMaterial().publicKeyHint()).isEqualTo("my-key");
    assertThat(signed.certificate()).isNull();
    JsonNode body = Json.parse(signed.tlogEntry().canonicalizedBody().toByteArray());
    assertThat(Bytes.fromBase64(body.at("/spec/signature/publicKey/content").asText()).utf8String())
        .isEqualTo(key.publicKeyPem());
  }

  @Test
  void rekorV2AttestationsAreLoggedAsDsse002WithoutIntegratedTime() {
    SignedBundle signed =
        sigstore
            .keylessRekorV2(sigstore.uriIdentity("https://id.test", "https://issuer.test"))
            .signDsse("text/plain", ARTIFACT, AT);
    assertThat(signed.tlogEntry().kind()).isEqualTo("dsse");
    assertThat(signed.tlogEntry().version()).isEqualTo("0.0.2");
    assertThat(signed.tlogEntry().integratedTime()).isNull();
    assertThat(signed.bundle().verificationMaterial().rfc3161Timestamps()).hasSize(1);
    assertThat(
            signed
                .signingKey()
                .verify(
                    signed.dsseEnvelope().pae(),
                    signed.dsseEnvelope().firstSignature().toByteArray()))
        .isTrue();
  }

  @Test
  void withoutALogTheBundleHasNoEntries() {
    SignedBundle signed =
        sigstore
            .keyless("https://id.test", "https://issuer.test")
            .withTransparencyLog(null)
            .signArtifact(ARTIFACT, AT);
    assertThat(signed.tlogEntry()).isNull();
    assertThat(signed.bundle().verificationMaterial().tlogEntries()).isEmpty();
  }
}
