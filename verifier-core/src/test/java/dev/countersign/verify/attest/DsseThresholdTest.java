package dev.countersign.verify.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.attest.DsseVerification.Outcome;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.verdict.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** k-of-n DSSE signature thresholds with keys generated here (P-256, Ed25519, RSA). */
class DsseThresholdTest {
  private static final String TYPE = DsseEnvelope.IN_TOTO_PAYLOAD_TYPE;
  private static final byte[] PAYLOAD =
      "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);

  private static KeyPair p256;
  private static KeyPair ed25519;
  private static KeyPair rsa;
  private static KeyPair outsider;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    p256 = ec.generateKeyPair();
    outsider = ec.generateKeyPair();
    ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
    r.initialize(2048);
    rsa = r.generateKeyPair();
  }

  private static DsseThreshold twoOfThree() {
    return DsseThreshold.of(
        2,
        List.of(
            DsseVerificationKey.fromPublicKey("p256", p256.getPublic()),
            DsseVerificationKey.fromPublicKey("ed25519", ed25519.getPublic()),
            DsseVerificationKey.fromPublicKey("rsa", rsa.getPublic())));
  }

  private static byte[] sign(KeyPair kp, byte[] payload) throws Exception {
    PrivateKey k = kp.getPrivate();
    String alg =
        switch (k.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519" -> "Ed25519";
          default -> "SHA256withRSA";
        };
    Signature s = Signature.getInstance(alg);
    s.initSign(k);
    s.update(DsseEnvelope.pae(TYPE, payload));
    return s.sign();
  }

  private static DsseEnvelope.Signature sig(String keyId, KeyPair kp) throws Exception {
    return new DsseEnvelope.Signature(keyId, sign(kp, PAYLOAD));
  }

  private static DsseEnvelope envelope(DsseEnvelope.Signature... sigs) {
    return new DsseEnvelope(TYPE, PAYLOAD, List.of(sigs));
  }

  @Test
  void eachKeyTypeVerifiesItsOwnSignature() throws Exception {
    for (KeyPair kp : List.of(p256, ed25519, rsa)) {
      DsseThreshold one =
          DsseThreshold.single(DsseVerificationKey.fromPublicKey("k", kp.getPublic()));
      DsseVerification v = envelope(sig("k", kp)).verify(one);
      assertThat(v.passed()).as(kp.getPublic().getAlgorithm()).isTrue();
      assertThat(v.reason()).isEqualTo(ReasonCode.OK);
      assertThat(v.verifiedKeys()).containsExactly("k");
    }
  }

  @Test
  void twoOfThreeDistinctKeysPass() throws Exception {
    DsseVerification v = envelope(sig("p256", p256), sig("rsa", rsa)).verify(twoOfThree());
    assertThat(v.passed()).isTrue();
    assertThat(v.verifiedKeys()).containsExactly("p256", "rsa");
    assertThat(v.signatures())
        .extracting(DsseVerification.SignatureCheck::outcome)
        .containsExactly(Outcome.VERIFIED, Outcome.VERIFIED);
  }

  @Test
  void allThreeOfThreePass() throws Exception {
    DsseVerification v =
        envelope(sig("ed25519", ed25519), sig("rsa", rsa), sig("p256", p256)).verify(twoOfThree());
    assertThat(v.passed()).isTrue();
    assertThat(v.verifiedCount()).isEqualTo(3);
  }

  @Test
  void oneValidSignatureIsBelowTwoOfThree() throws Exception {
    DsseVerification v = envelope(sig("p256", p256)).verify(twoOfThree());
    assertThat(v.passed()).isFalse();
    assertThat(v.verifiedKeys()).containsExactly("p256");
    assertThat(v.reason()).isEqualTo(ReasonCode.KEY_MISMATCH);
  }

  @Test
  void aKeyCountsOnceEvenWhenItSignsTwice() throws Exception {
    // ECDSA signatures are randomised: two different signatures by the same key.
    DsseVerification v = envelope(sig("p256", p256), sig("p256", p256)).verify(twoOfThree());
    assertThat(v.passed()).isFalse();
    assertThat(v.verifiedKeys()).containsExactly("p256");
    assertThat(v.signatures())
        .extracting(DsseVerification.SignatureCheck::outcome)
        .containsExactly(Outcome.VERIFIED, Outcome.DUPLICATE_KEY);
  }

  @Test
  void theSameKeyUnderTwoIdsIsRejectedAsConfiguration() {
    assertThatThrownBy(
            () ->
                DsseThreshold.of(
                    2,
                    List.of(
                        DsseVerificationKey.fromPublicKey("a", p256.getPublic()),
                        DsseVerificationKey.fromPublicKey("b", p256.getPublic()))))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("same key");
  }

  @Test
  void keyIdIsOnlyAHint() throws Exception {
    // Labelled with the P-256 key's id but made by the RSA key: it counts for the RSA key.
    DsseVerification v = envelope(sig("p256", rsa), sig("", ed25519)).verify(twoOfThree());
    assertThat(v.passed()).isTrue();
    assertThat(v.verifiedKeys()).containsExactly("rsa", "ed25519");
  }

  @Test
  void unknownKeyIdDoesNotCount() throws Exception {
    DsseVerification v =
        envelope(sig("p256", p256), sig("someone-else", outsider)).verify(twoOfThree());
    assertThat(v.passed()).isFalse();
    assertThat(v.signatures().get(1).outcome()).isEqualTo(Outcome.UNKNOWN_KEY);
    assertThat(v.reason()).isEqualTo(ReasonCode.KEY_MISMATCH);
  }

  @Test
  void untrustedSignatureWithoutKeyIdIsInvalid() throws Exception {
    DsseVerification v = envelope(sig("", outsider)).verify(twoOfThree());
    assertThat(v.passed()).isFalse();
    assertThat(v.signatures().get(0).outcome()).isEqualTo(Outcome.INVALID);
    assertThat(v.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void tamperedPayloadFailsEverySignature() throws Exception {
    byte[] tampered =
        "{\"_type\":\"https://in-toto.io/Statement/v0.1\"}".getBytes(StandardCharsets.UTF_8);
    DsseEnvelope env =
        new DsseEnvelope(
            TYPE, tampered, List.of(sig("p256", p256), sig("ed25519", ed25519), sig("rsa", rsa)));
    DsseVerification v = env.verify(twoOfThree());
    assertThat(v.passed()).isFalse();
    assertThat(v.verifiedCount()).isZero();
    assertThat(v.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    assertThat(v.signatures()).allMatch(c -> c.outcome() == Outcome.INVALID);
  }

  @Test
  void tamperedPayloadTypeFails() throws Exception {
    DsseEnvelope env =
        new DsseEnvelope("text/plain", PAYLOAD, List.of(sig("p256", p256), sig("rsa", rsa)));
    assertThat(env.verify(twoOfThree()).passed()).isFalse();
  }

  @Test
  void garbageSignatureBytesAreInvalidNotErrors() {
    DsseEnvelope env =
        envelope(
            new DsseEnvelope.Signature("p256", new byte[] {1, 2, 3}),
            new DsseEnvelope.Signature("ed25519", new byte[64]),
            new DsseEnvelope.Signature("rsa", new byte[256]));
    DsseVerification v = env.verify(twoOfThree());
    assertThat(v.passed()).isFalse();
    assertThat(v.signatures()).allMatch(c -> c.outcome() == Outcome.INVALID);
  }

  @Test
  void thresholdMustBeBetweenOneAndTheNumberOfKeys() {
    List<DsseVerificationKey> keys = twoOfThree().keys();
    assertThatThrownBy(() -> DsseThreshold.of(0, keys)).isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> DsseThreshold.of(4, keys)).isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> DsseThreshold.of(1, List.of())).isInstanceOf(PolicyException.class);
  }

  @Test
  void parsesAndVerifiesEnvelopeJson() throws Exception {
    String json =
        "{\"payloadType\":\""
            + TYPE
            + "\",\"payload\":\""
            + Base64.getEncoder().encodeToString(PAYLOAD)
            + "\",\"signatures\":[{\"keyid\":\"ed25519\",\"sig\":\""
            + Base64.getEncoder().encodeToString(sign(ed25519, PAYLOAD))
            + "\"},{\"sig\":\""
            + Base64.getEncoder().encodeToString(sign(rsa, PAYLOAD))
            + "\"}]}";
    DsseVerification v = twoOfThree().verify(json.getBytes(StandardCharsets.UTF_8));
    assertThat(v.passed()).isTrue();
  }

  @Test
  void malformedEnvelopeJsonIsEvidenceFormatException() {
    for (String bad :
        List.of(
            "{",
            "[]",
            "{\"payloadType\":\"x\",\"payload\":\"AA==\"}",
            "{\"payloadType\":\"x\",\"payload\":\"AA==\",\"signatures\":[{\"sig\":5}]}",
            "{\"payloadType\":\"x\",\"payload\":\"!!\",\"signatures\":[{\"sig\":\"AA==\"}]}")) {
      assertThatThrownBy(() -> twoOfThree().verify(bad.getBytes(StandardCharsets.UTF_8)))
          .as(bad)
          .isInstanceOf(EvidenceFormatException.class)
          .satisfies(
              e ->
                  assertThat(((EvidenceFormatException) e).reason())
                      .isEqualTo(ReasonCode.EVIDENCE_MALFORMED));
    }
  }

  @Test
  void manySignaturesByOneKeyNeverReachTheThreshold() throws Exception {
    List<DsseEnvelope.Signature> sigs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sigs.add(sig("p256", p256));
    }
    DsseVerification v = new DsseEnvelope(TYPE, PAYLOAD, sigs).verify(twoOfThree());
    assertThat(v.passed()).isFalse();
    assertThat(v.verifiedCount()).isEqualTo(1);
  }
}
