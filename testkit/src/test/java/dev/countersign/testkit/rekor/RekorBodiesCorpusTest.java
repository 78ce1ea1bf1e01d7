package dev.countersign.testkit.rekor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.dsse.DsseEnvelope;
import dev.countersign.testkit.dsse.DsseSignature;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.encoding.Pem;
import dev.countersign.testkit.keys.HashAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds the entry bodies of real Rekor entries (from the shared corpus) from their bundles'
 * other fields: the testkit's bodies must come out byte for byte as Rekor wrote them.
 */
class RekorBodiesCorpusTest {
  private static final String FIXTURES = "provenance/sigstore-js-fixtures/";
  private static final String CONFORMANCE = "conformance/cases/";

  @Test
  void hashedRekordV001MatchesRekor() {
    for (String file :
        List.of(
            FIXTURES + "verify_bundles__V1.MESSAGE_SIGNATURE.WITH_SIGNING_CERT.json",
            CONFORMANCE + "happy-path-v0.3/bundle.sigstore.json")) {
      JsonNode bundle = bundle(file);
      RekorBody body =
          RekorBodies.hashedRekordV001(
              HashAlgorithm.SHA2_256,
              b64(bundle.at("/messageSignature/messageDigest/digest")),
              b64(bundle.at("/messageSignature/signature")),
              Pem.encode("CERTIFICATE", leaf(bundle).toByteArray()));
      assertThat(body.canonicalized().utf8String()).as(file).isEqualTo(loggedBody(bundle));
    }
  }

  @Test
  void dsseV001MatchesRekor() {
    JsonNode bundle = bundle(FIXTURES + "verify_bundles__V1.DSSE.WITH_SIGNING_CERT.TLOG_DSSE.json");
    RekorBody body =
        RekorBodies.dsseV001(
            envelope(bundle), List.of(Pem.encode("CERTIFICATE", leaf(bundle).toByteArray())));
    assertThat(body.canonicalized().utf8String()).isEqualTo(loggedBody(bundle));
  }

  @Test
  void intotoV002MatchesRekor() {
    JsonNode bundle =
        bundle(FIXTURES + "verify_bundles__V1.DSSE.WITH_SIGNING_CERT.TLOG_INTOTO.json");
    RekorBody body =
        RekorBodies.intotoV002(
            envelope(bundle), List.of(Pem.encode("CERTIFICATE", leaf(bundle).toByteArray())));
    assertThat(body.canonicalized().utf8String()).isEqualTo(loggedBody(bundle));
  }

  @Test
  void hashedRekordV002MatchesRekorV2() {
    JsonNode bundle = bundle(CONFORMANCE + "rekor2-happy-path/bundle.sigstore.json");
    RekorBody body =
        RekorBodies.hashedRekordV002(
            HashAlgorithm.SHA2_256,
            b64(bundle.at("/messageSignature/messageDigest/digest")),
            b64(bundle.at("/messageSignature/signature")),
            new RekorVerifier("PKIX_ECDSA_P256_SHA_256", leaf(bundle), null));
    assertThat(body.canonicalized().utf8String()).isEqualTo(loggedBody(bundle));
  }

  @Test
  void hashedRekordV002WithPublicKeyMatchesRekorV2() {
    JsonNode bundle =
        bundle(FIXTURES + "verify_bundles__V3.MESSAGE_SIGNATURE.TLOG_HASHEDREKORDV002.json");
    Bytes spki = leafKey(bundle);
    RekorBody body =
        RekorBodies.hashedRekordV002(
            HashAlgorithm.SHA2_256,
            b64(bundle.at("/messageSignature/messageDigest/digest")),
            b64(bundle.at("/messageSignature/signature")),
            new RekorVerifier("PKIX_ECDSA_P256_SHA_256", null, spki));
    assertThat(body.canonicalized().utf8String()).isEqualTo(loggedBody(bundle));
  }

  @Test
  void dsseV002MatchesRekorV2() {
    JsonNode bundle =
        bundle(FIXTURES + "verify_bundles__V3.DSSE.WITH_SIGNING_CERT.TLOG_DSSEV002.json");
    RekorBody body =
        RekorBodies.dsseV002(
            envelope(bundle),
            List.of(new RekorVerifier("PKIX_ECDSA_P256_SHA_256", leaf(bundle), null)));
    assertThat(body.canonicalized().utf8String()).isEqualTo(loggedBody(bundle));
  }

  private static JsonNode bundle(String relative) {
    String corpus = System.getProperty("countersign.corpus");
    assumeTrue(corpus != null, "countersign.corpus is not set: corpus comparison skipped");
    Path file = Path.of(corpus, relative);
    assumeTrue(Files.isRegularFile(file), file + " is absent: corpus comparison skipped");
    try {
      return Json.parse(Files.readString(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String loggedBody(JsonNode bundle) {
    return Bytes.fromBase64(
            bundle.at("/verificationMaterial/tlogEntries/0/canonicalizedBody").asText())
        .utf8String();
  }

  private static Bytes leaf(JsonNode bundle) {
    JsonNode material = bundle.path("verificationMaterial");
    JsonNode der =
        material.has("certificate")
            ? material.at("/certificate/rawBytes")
            : material.at("/x509CertificateChain/certificates/0/rawBytes");
    return Bytes.fromBase64(der.asText());
  }

  private static Bytes leafKey(JsonNode bundle) {
    return Bytes.of(
        dev.countersign.testkit.ca.Certificates.parse(leaf(bundle).toByteArray())
            .getPublicKey()
            .getEncoded());
  }

  private static DsseEnvelope envelope(JsonNode bundle) {
    JsonNode envelope = bundle.path("dsseEnvelope");
    List<DsseSignature> signatures = new ArrayList<>();
    for (JsonNode signature : envelope.path("signatures")) {
      signatures.add(
          new DsseSignature(
              signature.has("keyid") ? signature.path("keyid").asText() : null,
              Bytes.fromBase64(signature.path("sig").asText())));
    }
    return new DsseEnvelope(
        envelope.path("payloadType").asText(),
        Bytes.fromBase64(envelope.path("payload").asText()),
        signatures);
  }

  private static byte[] b64(JsonNode node) {
    return Bytes.fromBase64(node.asText()).toByteArray();
  }
}
