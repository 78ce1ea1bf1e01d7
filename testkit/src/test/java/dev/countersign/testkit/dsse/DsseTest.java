package dev.countersign.testkit.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** DSSE pre-authentication encoding, multi-key envelopes and in-toto statements. */
class DsseTest {

  @Test
  void paeMatchesTheDsseSpecificationExample() {
    byte[] pae =
        Pae.encode("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(pae, StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void paeCountsBytesNotCharacters() {
    byte[] pae = Pae.encode("t/ü", "é".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo("DSSEv1 4 t/ü 2 é");
  }

  @Test
  void everyKeySignsThePae() {
    TestKeyPair ec = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);
    TestKeyPair ed = TestKeyPair.generate(KeyAlgorithm.ED25519);
    TestKeyPair rsa = TestKeyPair.generate(KeyAlgorithm.RSA_2048);
    DsseEnvelope envelope =
        DsseEnvelope.sign("text/plain", "payload".getBytes(StandardCharsets.UTF_8), ec, ed, rsa);
    assertThat(envelope.signatures()).hasSize(3);
    assertThat(ec.verify(envelope.pae(), envelope.signatures().get(0).sig().toByteArray()))
        .isTrue();
    assertThat(ed.verify(envelope.pae(), envelope.signatures().get(1).sig().toByteArray()))
        .isTrue();
    assertThat(rsa.verify(envelope.pae(), envelope.signatures().get(2).sig().toByteArray()))
        .isTrue();
    JsonNode json = envelope.toJson();
    assertThat(json.path("payload").asText()).isEqualTo("cGF5bG9hZA==");
    assertThat(json.path("signatures").get(0).has("keyid")).isFalse();
  }

  @Test
  void statementsOfBothVersionsCarrySubjectsAndPredicate() throws Exception {
    byte[] artifact = "bin".getBytes(StandardCharsets.UTF_8);
    InTotoStatement v1 =
        InTotoStatement.v1(
                "https://slsa.dev/provenance/v1", JsonNodeFactory.instance.objectNode().put("k", 1))
            .withSubject(InTotoSubject.sha256AndSha512("app", artifact));
    JsonNode json = Json.parse(v1.toBytes());
    assertThat(json.path("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(json.path("subject").get(0).path("digest").path("sha256").asText())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(artifact)));
    assertThat(json.path("subject").get(0).path("digest").path("sha512").asText()).hasSize(128);
    assertThat(json.path("predicate").path("k").asInt()).isEqualTo(1);
    InTotoStatement v01 = InTotoStatement.v01("https://example.test/p", Json.object());
    assertThat(Json.parse(v01.toBytes()).path("_type").asText())
        .isEqualTo("https://in-toto.io/Statement/v0.1");
  }
}
