package dev.countersign.testkit.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.JsonShape;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.CanonicalJson;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.oci.cosign.AttestationLogKind;
import dev.countersign.testkit.oci.cosign.CosignAttestation;
import dev.countersign.testkit.oci.cosign.CosignSignature;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.cosign.CosignStatements;
import dev.countersign.testkit.oci.cosign.RekorBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Signatures verify with JCA for every key type, and each attestation log kind is a real entry. */
class CosignSignerTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2025-06-01T12:00:00Z");
  private static final TestSigstore SIGSTORE = TestSigstore.create(T0);
  private static final Digest IMAGE = Digest.sha256(new byte[] {1, 2, 3});

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"ECDSA_P256", "ECDSA_P384", "ED25519", "RSA_2048"})
  void keySignaturesUseSha256WhateverTheKey(KeyAlgorithm algorithm) throws Exception {
    TestKeyPair key = TestKeyPair.generate(algorithm);
    CosignSignature signature = CosignSigner.withKey(key).sign("registry.test/app", IMAGE, T1);
    String jca =
        algorithm.isEd25519() ? "Ed25519" : algorithm.isRsa() ? "SHA256withRSA" : "SHA256withECDSA";
    assertThat(
            PlainHttp.verify(
                jca,
                key.publicKey(),
                signature.payload().toByteArray(),
                signature.signature().toByteArray()))
        .isTrue();
    assertThat(signature.annotations()).containsOnlyKeys(OciAnnotations.COSIGN_SIGNATURE);
  }

  @ParameterizedTest
  @EnumSource(AttestationLogKind.class)
  void attestationsAreLoggedAsTheChosenKind(AttestationLogKind kind) throws Exception {
    CosignAttestation attestation =
        CosignSigner.keyless(
                SIGSTORE, SIGSTORE.uriIdentity("https://ci.test/release", "https://issuer.test"))
            .withAttestationLogKind(kind)
            .attest(
                CosignStatements.forImage(
                    "registry.test/app",
                    IMAGE,
                    Predicates.COSIGN_VULN,
                    Predicates.cosignVuln("https://scanner.test", List.of("CVE-2024-0001"))),
                T1);
    RekorBundle bundle = attestation.rekorBundle();
    JsonNode body = Json.parse(bundle.body().toByteArray());
    String expected =
        switch (kind) {
          case INTOTO_V001 -> "intoto 0.0.1";
          case INTOTO_V002 -> "intoto 0.0.2";
          case DSSE_V001 -> "dsse 0.0.1";
        };
    assertThat(body.path("kind").asText() + " " + body.path("apiVersion").asText())
        .isEqualTo(expected);
    var promise =
        Json.object()
            .put("body", bundle.body().base64())
            .put("integratedTime", bundle.integratedTime())
            .put("logID", bundle.logId())
            .put("logIndex", bundle.logIndex());
    assertThat(
            SIGSTORE
                .rekorV1()
                .key()
                .verify(
                    CanonicalJson.canonicalize(promise),
                    bundle.signedEntryTimestamp().toByteArray()))
        .isTrue();
    if (kind == AttestationLogKind.INTOTO_V001) {
      assertThat(body.at("/spec/content/hash/value").asText())
          .isEqualTo(sha256Hex(attestation.envelope()));
      assertThat(body.at("/spec/content/payloadHash/value").asText())
          .isEqualTo(sha256Hex(attestation.statement()));
    }
    assertThat(Json.parse(attestation.statement().toByteArray()).fieldNames())
        .toIterable()
        .containsExactly("_type", "predicateType", "subject", "predicate");
  }

  @Test
  void intotoV001BodyHasRekorsShape() throws Exception {
    Path corpus =
        Corpus.require(
            "cosign-oci/policy-controller-keyless-attestation-distroless-static/rekor-bundle.json");
    RekorBundle real = RekorBundle.parse(Files.readString(corpus));
    CosignAttestation ours =
        CosignSigner.keyless(
                SIGSTORE, SIGSTORE.uriIdentity("https://ci.test/release", "https://issuer.test"))
            .attest(
                CosignStatements.forImage(
                    "registry.test/app",
                    IMAGE,
                    Predicates.CYCLONEDX,
                    Predicates.cycloneDx(List.of())),
                T1);
    assertThat(JsonShape.of(Json.parse(ours.rekorBundle().body().toByteArray())))
        .isEqualTo(JsonShape.of(Json.parse(real.body().toByteArray())));
    assertThat(ours.rekorBundle().json())
        .startsWith("{\"SignedEntryTimestamp\":\"")
        .contains("\"Payload\":{\"body\":\"");
  }

  private static String sha256Hex(Bytes data) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(data.toByteArray()));
  }
}
