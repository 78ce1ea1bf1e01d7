package dev.countersign.testkit.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.dsse.DsseEnvelope;
import dev.countersign.testkit.dsse.DsseSignature;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.oci.cosign.CosignAttestation;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSignature;
import dev.countersign.testkit.oci.cosign.SimpleSigningPayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cosign writers reproduce, byte for byte, what cosign and go-containerregistry wrote into the
 * shared corpus: same bytes, hence the same digests.
 */
class CosignFormatsTest {
  private static final String HANDCRAFTED = "cosign-oci/local-registry-handcrafted/";

  @Test
  void simpleSigningPayloadMatchesCosign() throws Exception {
    Path payload = Corpus.require(HANDCRAFTED + "payload.json");
    Bytes written =
        SimpleSigningPayload.of(
                "127.0.0.1:5000/corpus/hello",
                Digest.parse(
                    "sha256:85361a205e006f37e75be934b9e5812569e8ea59095379e2b02bae4e3d6c09e9"))
            .toBytes();
    assertThat(written.utf8String()).isEqualTo(Files.readString(payload));
  }

  @Test
  void signatureManifestAndConfigMatchCosign() throws Exception {
    Path dir = Corpus.require(HANDCRAFTED);
    Bytes payload = Bytes.of(Files.readAllBytes(dir.resolve("payload.json")));
    JsonNode corpusManifest =
        Json.parse(Files.readAllBytes(dir.resolve("signature-manifest.json")));
    String signature =
        corpusManifest.at("/layers/0/annotations/dev.cosignproject.cosign~1signature").asText();
    CosignSignature layer =
        new CosignSignature(payload, Bytes.fromBase64(signature), null, null, null, null, null);
    Digest image =
        Digest.parse("sha256:85361a205e006f37e75be934b9e5812569e8ea59095379e2b02bae4e3d6c09e9");

    OciContent content = CosignManifests.signatures(image, List.of(layer));

    Manifest manifest = content.tagged(image.signatureTag()).orElseThrow();
    assertThat(manifest.content().toByteArray())
        .isEqualTo(Files.readAllBytes(dir.resolve("signature-manifest.json")));
    assertThat(manifest.digest().hex())
        .isEqualTo("a5ec4a1c9a357f07014eca6c95935da9bdb7e27233388e4ab21c4009b86d881f");
    assertThat(content.blobs())
        .extracting(b -> b.digest().hex())
        .contains(
            "b6cb33abd6c96c1ef3a026767802505c1f6393c2d6e0363a80c7f1e889edfd62",
            "626bd2a2f5e739db6b0282fdd5a713050a7ce33251bbcde8d4040f031a5a31b5");
  }

  @Test
  void attestationEnvelopeMatchesCosignLayer() throws Exception {
    Path dir =
        Corpus.require("cosign-oci/policy-controller-keyless-attestation-distroless-static/");
    byte[] corpusEnvelope = Files.readAllBytes(dir.resolve("dsse-envelope.json"));
    JsonNode json = Json.parse(corpusEnvelope);
    List<DsseSignature> signatures = new ArrayList<>();
    json.path("signatures")
        .forEach(
            s ->
                signatures.add(
                    new DsseSignature(
                        s.path("keyid").asText(), Bytes.fromBase64(s.path("sig").asText()))));
    DsseEnvelope envelope =
        new DsseEnvelope(
            json.path("payloadType").asText(),
            Bytes.fromBase64(json.path("payload").asText()),
            signatures);

    Bytes written = CosignAttestation.serialize(envelope);

    assertThat(written.toByteArray()).isEqualTo(corpusEnvelope);
    JsonNode descriptor =
        Json.parse(Files.readAllBytes(dir.resolve("attestation-layer-descriptor.json")));
    assertThat(Digest.sha256(written).toString()).isEqualTo(descriptor.path("digest").asText());
  }

  @Test
  void digestTagsFollowCosignAndReferrersTagSchema() {
    Digest digest = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));
    assertThat(digest.signatureTag()).isEqualTo("sha256-" + digest.hex() + ".sig");
    assertThat(digest.attestationTag()).isEqualTo("sha256-" + digest.hex() + ".att");
    assertThat(digest.referrersTag()).isEqualTo("sha256-" + digest.hex());
    assertThat(Blob.empty().digest().hex())
        .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  }

  @Test
  void goStyleEscapesHtmlCharactersAsGoDoes() {
    var node = Json.object().put("a", "<b>&</b>");
    assertThat(OciJson.write(node, JsonStyle.GO).utf8String())
        .isEqualTo("{\"a\":\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\"}");
    assertThat(OciJson.write(node, JsonStyle.JAVASCRIPT).utf8String())
        .isEqualTo("{\"a\":\"<b>&</b>\"}");
  }
}
