package dev.countersign.testkit.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.SignedBundle;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.dsse.Pae;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.oci.cosign.CosignAttestation;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSignature;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.cosign.CosignStatements;
import dev.countersign.testkit.oci.referrers.BundleReferrers;
import dev.countersign.testkit.oci.registry.RegistryClient;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Publishes cosign and GitHub style evidence to a real distribution registry and reads it back with
 * plain HTTP, checking signatures, Rekor promises and timestamps with JCA and Bouncy Castle.
 */
class CosignRegistryTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2025-06-01T12:00:00Z");
  private static final String IDENTITY =
      "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0.0";
  private static final String ISSUER = "https://token.actions.githubusercontent.com";
  private static final String REPO = "acme/app";

  private static RegistryProcess registry;
  private static final TestSigstore SIGSTORE = TestSigstore.create(T0);

  @BeforeAll
  static void startRegistry() {
    // Skipped per test below, so that each reports the reason, when there is no registry binary.
    if (RegistryProcess.isAvailable()) {
      registry = RegistryProcess.start();
    }
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void requireRegistry() {
    assumeTrue(registry != null, RegistryProcess.unavailableReason());
  }

  @Test
  void keylessSignaturesAttestationsAndBundleReferrersRoundTrip() throws Exception {
    Image image = RandomImages.create().image(Platform.LINUX_AMD64, 2, ManifestFormat.OCI);
    String reference = registry.hostPort() + "/" + REPO;
    CosignSigner keyless =
        CosignSigner.keyless(SIGSTORE, SIGSTORE.uriIdentity(IDENTITY, ISSUER))
            .withTimestampAuthority(SIGSTORE.tsa());
    TestKeyPair key = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);
    CosignSignature keylessSignature = keyless.sign(reference, image.digest(), T1);
    CosignSignature keyed = CosignSigner.withKey(key).sign(reference, image.digest(), T1);
    CosignSignature keyedLogged =
        CosignSigner.withKey(key).withRekor(SIGSTORE.rekorV1()).sign(reference, image.digest(), T1);
    CosignAttestation sbom =
        keyless.attest(
            CosignStatements.forImage(
                reference,
                image.digest(),
                Predicates.CYCLONEDX,
                Predicates.cycloneDx(List.of("pkg:maven/org.example/lib@1.0.0"))),
            T1);
    SignedBundle provenance =
        SIGSTORE
            .keyless(IDENTITY, ISSUER)
            .attest(
                CosignStatements.forImageV1(
                    reference,
                    image.digest(),
                    Predicates.SLSA_PROVENANCE_V1,
                    Predicates.slsaProvenanceV1(
                        IDENTITY,
                        "acme/app",
                        ".github/workflows/release.yml",
                        "refs/tags/v1.0.0",
                        "0123456789abcdef0123456789abcdef01234567")),
                T1);
    SignedBundle manifestSignature =
        SIGSTORE
            .keyless(IDENTITY, ISSUER)
            .signArtifact(image.manifest().content().toByteArray(), T1);

    OciContent content =
        image
            .content("v1")
            .plus(
                CosignManifests.signatures(
                    image.digest(), List.of(keylessSignature, keyed, keyedLogged)))
            .plus(CosignManifests.attestations(image.digest(), List.of(sbom)))
            .plus(
                BundleReferrers.of(
                    provenance, image.descriptor(), T1, BundleReferrers.Publisher.GITHUB))
            .plus(
                BundleReferrers.of(
                    manifestSignature, image.descriptor(), T1, BundleReferrers.Publisher.COSIGN))
            .withReferrersTagIndex(JsonStyle.GO);
    registry.client().push(REPO, content);
    URI base = registry.baseUri();

    // The image, by tag and by digest, and its blobs.
    for (String ref : List.of("v1", image.digest().toString())) {
      HttpResponse<byte[]> response = PlainHttp.manifest(base, REPO, ref);
      assertThat(response.body()).isEqualTo(image.manifest().content().toByteArray());
      assertThat(response.headers().firstValue("Docker-Content-Digest"))
          .hasValue(image.digest().toString());
    }
    for (Blob blob : image.blobs()) {
      assertThat(PlainHttp.blob(base, REPO, blob.digest().toString()))
          .isEqualTo(blob.content().toByteArray());
    }

    // The .sig manifest: three layers, each signature verified independently.
    JsonNode sigManifest =
        Json.parse(PlainHttp.manifest(base, REPO, image.digest().signatureTag()).body());
    assertThat(sigManifest.path("layers")).hasSize(3);
    for (JsonNode layer : sigManifest.path("layers")) {
      assertThat(layer.path("mediaType").asText()).isEqualTo(MediaTypes.COSIGN_SIMPLE_SIGNING);
      byte[] payload = PlainHttp.blob(base, REPO, layer.path("digest").asText());
      JsonNode annotations = layer.path("annotations");
      byte[] signature =
          Base64.getDecoder().decode(annotations.path(OciAnnotations.COSIGN_SIGNATURE).asText());
      var publicKey =
          annotations.has(OciAnnotations.COSIGN_CERTIFICATE)
              ? PlainHttp.certificate(annotations.path(OciAnnotations.COSIGN_CERTIFICATE).asText())
                  .getPublicKey()
              : key.publicKey();
      assertThat(PlainHttp.verify("SHA256withECDSA", publicKey, payload, signature)).isTrue();
      assertThat(Json.parse(payload).at("/critical/image/docker-manifest-digest").asText())
          .isEqualTo(image.digest().toString());
      if (annotations.has(OciAnnotations.COSIGN_BUNDLE)) {
        checkRekorBundle(annotations.path(OciAnnotations.COSIGN_BUNDLE).asText(), payload);
      }
    }
    JsonNode keylessLayer = sigManifest.at("/layers/0/annotations");
    assertThat(keylessLayer.path(OciAnnotations.COSIGN_CHAIN).asText())
        .contains("BEGIN CERTIFICATE");
    TimeStampResponse timestamp =
        new TimeStampResponse(
            Base64.getDecoder()
                .decode(
                    Json.parse(keylessLayer.path(OciAnnotations.COSIGN_RFC3161_TIMESTAMP).asText())
                        .path("SignedRFC3161Timestamp")
                        .asText()));
    assertThat(timestamp.getTimeStampToken().getTimeStampInfo().getMessageImprintDigest())
        .isEqualTo(
            sha256(
                Base64.getDecoder()
                    .decode(keylessLayer.path(OciAnnotations.COSIGN_SIGNATURE).asText())));
    assertThat(sigManifest.at("/layers/1/annotations").has(OciAnnotations.COSIGN_BUNDLE)).isFalse();

    // The .att manifest: a DSSE envelope signed by the certified key, about this image.
    JsonNode attManifest =
        Json.parse(PlainHttp.manifest(base, REPO, image.digest().attestationTag()).body());
    JsonNode attLayer = attManifest.at("/layers/0");
    assertThat(attLayer.path("mediaType").asText()).isEqualTo(MediaTypes.DSSE_ENVELOPE);
    assertThat(attLayer.at("/annotations/" + OciAnnotations.COSIGN_PREDICATE_TYPE).asText())
        .isEqualTo(Predicates.CYCLONEDX);
    assertThat(attLayer.path("annotations").path(OciAnnotations.COSIGN_SIGNATURE).asText())
        .isEmpty();
    JsonNode envelope = Json.parse(PlainHttp.blob(base, REPO, attLayer.path("digest").asText()));
    byte[] statement = Base64.getDecoder().decode(envelope.path("payload").asText());
    assertThat(
            PlainHttp.verify(
                "SHA256withECDSA",
                PlainHttp.certificate(
                        attLayer
                            .path("annotations")
                            .path(OciAnnotations.COSIGN_CERTIFICATE)
                            .asText())
                    .getPublicKey(),
                Pae.encode(envelope.path("payloadType").asText(), statement),
                Base64.getDecoder().decode(envelope.at("/signatures/0/sig").asText())))
        .isTrue();
    assertThat(Json.parse(statement).at("/subject/0/digest/sha256").asText())
        .isEqualTo(image.digest().hex());

    // The referrers tag schema index lists both bundles, each a referrer of the image.
    JsonNode index =
        Json.parse(PlainHttp.manifest(base, REPO, image.digest().referrersTag()).body());
    assertThat(index.path("manifests")).hasSize(2);
    for (JsonNode entry : index.path("manifests")) {
      assertThat(entry.path("artifactType").asText()).isEqualTo(MediaTypes.SIGSTORE_BUNDLE_V03);
      JsonNode referrer =
          Json.parse(PlainHttp.manifest(base, REPO, entry.path("digest").asText()).body());
      assertThat(referrer.at("/subject/digest").asText()).isEqualTo(image.digest().toString());
      assertThat(referrer.at("/config/mediaType").asText()).isEqualTo(MediaTypes.OCI_EMPTY);
      JsonNode bundle =
          Json.parse(PlainHttp.blob(base, REPO, referrer.at("/layers/0/digest").asText()));
      assertThat(bundle.path("mediaType").asText()).isEqualTo(MediaTypes.SIGSTORE_BUNDLE_V03);
      String kind = entry.at("/annotations/dev.sigstore.bundle.content").asText();
      if (kind.equals("message-signature")) {
        assertThat(
                Base64.getDecoder()
                    .decode(bundle.at("/messageSignature/messageDigest/digest").asText()))
            .isEqualTo(image.digest().bytes().toByteArray());
      } else {
        assertThat(kind).isEqualTo("dsse-envelope");
        assertThat(entry.at("/annotations/dev.sigstore.bundle.predicateType").asText())
            .isEqualTo(Predicates.SLSA_PROVENANCE_V1);
      }
    }
    // distribution 2.8 has no referrers API: clients fall back to the tag above.
    assertThat(
            PlainHttp.get(base, "/v2/" + REPO + "/referrers/" + image.digest(), null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void signaturesCanLiveInAnotherRepository() throws Exception {
    Image image = RandomImages.create().image(Platform.LINUX_AMD64);
    RegistryClient client = registry.client();
    client.push("acme/service", image.content("v2"));
    CosignSignature signature =
        CosignSigner.keyless(SIGSTORE, SIGSTORE.uriIdentity(IDENTITY, ISSUER))
            .sign(registry.hostPort() + "/acme/service", image.digest(), T1);
    client.push("acme/signatures", CosignManifests.signatures(image.digest(), List.of(signature)));

    URI base = registry.baseUri();
    assertThat(
            PlainHttp.manifest(base, "acme/signatures", image.digest().signatureTag()).statusCode())
        .isEqualTo(200);
    assertThat(PlainHttp.manifest(base, "acme/service", image.digest().signatureTag()).statusCode())
        .isEqualTo(404);
    assertThat(client.tags("acme/signatures")).containsExactly(image.digest().signatureTag());
  }

  @ParameterizedTest
  @EnumSource(ManifestFormat.class)
  void multiArchIndexSignedPerPlatform(ManifestFormat format) throws Exception {
    MultiArchImage image =
        RandomImages.create().multiArch(format, Platform.LINUX_AMD64, Platform.LINUX_ARM64);
    String reference = registry.hostPort() + "/acme/multi";
    CosignSigner signer = CosignSigner.keyless(SIGSTORE, SIGSTORE.uriIdentity(IDENTITY, ISSUER));
    OciContent content =
        image
            .content("v3")
            .plus(
                CosignManifests.signatures(
                    image.digest(), List.of(signer.sign(reference, image.digest(), T1))));
    for (Image platformImage : image.images()) {
      content =
          content.plus(
              CosignManifests.signatures(
                  platformImage.digest(),
                  List.of(signer.sign(reference, platformImage.digest(), T1))));
    }
    registry.client().push("acme/multi", content);

    URI base = registry.baseUri();
    HttpResponse<byte[]> index = PlainHttp.manifest(base, "acme/multi", "v3");
    assertThat(index.headers().firstValue("Content-Type")).hasValue(format.indexMediaType());
    assertThat(index.body()).isEqualTo(image.index().content().toByteArray());
    for (Digest signed :
        List.of(image.digest(), image.images().get(0).digest(), image.images().get(1).digest())) {
      JsonNode sig =
          Json.parse(PlainHttp.manifest(base, "acme/multi", signed.signatureTag()).body());
      byte[] payload = PlainHttp.blob(base, "acme/multi", sig.at("/layers/0/digest").asText());
      assertThat(Json.parse(payload).at("/critical/image/docker-manifest-digest").asText())
          .isEqualTo(signed.toString());
    }
  }

  /**
   * Checks the SET over the canonical payload with the log key, and the body against the payload.
   */
  private static void checkRekorBundle(String json, byte[] payload) throws Exception {
    JsonNode bundle = Json.parse(json);
    JsonNode p = bundle.path("Payload");
    String canonical =
        "{\"body\":\""
            + p.path("body").asText()
            + "\",\"integratedTime\":"
            + p.path("integratedTime").asLong()
            + ",\"logID\":\""
            + p.path("logID").asText()
            + "\",\"logIndex\":"
            + p.path("logIndex").asLong()
            + "}";
    assertThat(
            PlainHttp.verify(
                "SHA256withECDSA",
                SIGSTORE.rekorV1().key().publicKey(),
                canonical.getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(bundle.path("SignedEntryTimestamp").asText())))
        .isTrue();
    assertThat(p.path("integratedTime").asLong()).isEqualTo(T1.getEpochSecond());
    JsonNode body = Json.parse(Base64.getDecoder().decode(p.path("body").asText()));
    assertThat(body.path("kind").asText()).isEqualTo("hashedrekord");
    assertThat(body.at("/spec/data/hash/value").asText())
        .isEqualTo(HexFormat.of().formatHex(sha256(payload)));
    assertThat(Bytes.fromHex(p.path("logID").asText())).isEqualTo(SIGSTORE.rekorV1().logId());
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
