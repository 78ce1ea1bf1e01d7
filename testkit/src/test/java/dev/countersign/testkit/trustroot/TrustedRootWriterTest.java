package dev.countersign.testkit.trustroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.JsonShape;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.ca.Certificates;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** trusted_root.json in the public-good root's layout, with this deployment's material. */
class TrustedRootWriterTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final TestSigstore sigstore = TestSigstore.create(T0);

  @Test
  void listsEveryServiceWithItsKeyIdAndChain() {
    JsonNode root = Json.parse(sigstore.trustedRootJson());

    assertThat(root.path("mediaType").asText())
        .isEqualTo("application/vnd.dev.sigstore.trustedroot+json;version=0.1");
    JsonNode v1 = root.at("/tlogs/0");
    assertThat(v1.path("baseUrl").asText()).isEqualTo("https://rekor.countersign.test");
    assertThat(v1.at("/publicKey/keyDetails").asText()).isEqualTo("PKIX_ECDSA_P256_SHA_256");
    assertThat(v1.at("/publicKey/validFor/start").asText()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(v1.at("/logId/keyId").asText()).isEqualTo(sigstore.rekorV1().logId().base64());
    JsonNode v2 = root.at("/tlogs/1");
    assertThat(v2.at("/publicKey/keyDetails").asText()).isEqualTo("PKIX_ED25519");
    assertThat(v2.at("/logId/keyId").asText()).isEqualTo(sigstore.rekorV2().logId().base64());
    assertThat(root.at("/ctlogs/0/logId/keyId").asText())
        .isEqualTo(sigstore.ctLog().logId().base64());

    JsonNode chain = root.at("/certificateAuthorities/0/certChain/certificates");
    assertThat(chain).hasSize(2);
    assertThat(Bytes.fromBase64(chain.get(0).path("rawBytes").asText()))
        .isEqualTo(Certificates.der(sigstore.ca().intermediate().orElseThrow()));
    assertThat(Bytes.fromBase64(chain.get(1).path("rawBytes").asText()))
        .isEqualTo(Certificates.der(sigstore.ca().root()));
    assertThat(root.at("/certificateAuthorities/0/subject/commonName").asText())
        .isEqualTo("countersign-test-root");
    assertThat(
            Bytes.fromBase64(
                root.at("/timestampAuthorities/0/certChain/certificates/0/rawBytes").asText()))
        .isEqualTo(Certificates.der(sigstore.tsa().chain().get(0)));
  }

  @Test
  void writesValidityEndsWithMillisecondsWhenPresent() {
    TrustedRoot root =
        TrustedRoot.empty()
            .withCtlog(
                LogInstance.of(
                    sigstore.ctLog(),
                    ValidityPeriod.between(T0, Instant.parse("2025-12-31T23:59:59.999Z"))));
    JsonNode validFor = TrustedRootWriter.toJson(root).at("/ctlogs/0/publicKey/validFor");
    assertThat(validFor.path("end").asText()).isEqualTo("2025-12-31T23:59:59.999Z");
  }

  @Test
  void isShapedLikeThePublicGoodRoot() {
    JsonNode publicGood =
        JsonShape.corpusFile("trust-roots/public-good-trusted_root.root-signing.json");
    assumeTrue(publicGood != null, "public-good root is not available: shape comparison skipped");
    TrustedRoot ours =
        sigstore
            .trustedRoot()
            .withCtlogs(
                sigstore.trustedRoot().ctlogs().stream()
                    .map(l -> l.withValidFor(ValidityPeriod.between(T0, T0.plusSeconds(60))))
                    .toList());
    ours =
        ours.withCertificateAuthorities(
            ours.certificateAuthorities().stream()
                .map(ca -> ca.withValidFor(ValidityPeriod.between(T0, T0.plusSeconds(60))))
                .toList());
    assertThat(JsonShape.of(TrustedRootWriter.toJson(ours))).isEqualTo(JsonShape.of(publicGood));
  }
}
