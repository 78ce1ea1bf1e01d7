package dev.countersign.testkit.note;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint bodies, signature lines and key IDs, checked against checkpoints that the real Rekor
 * v1 and Rekor v2 logs signed: rebuilding their bodies must reproduce the bytes their keys signed.
 */
class SignedNoteTest {
  private static final String REKOR_V1_KEY =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE2G2Y+2tabdTV5BcGiBIx0a9fAFwrkBbmLSGtks4L3qX6yYY0zufBnhC8"
          + "Ur/iy55GhWP/9A/bY2LhC30M9+RYtw==";
  private static final String REKOR_V2_STAGING_KEY =
      "MCowBQYDK2VwAyEAPn+AREHoBaZ7wgS1zBqpxmLSGnyhxXj4lFxSdWVB8o8=";

  @Test
  void bodyIsOriginSizeAndBase64RootEachOnItsOwnLine() {
    Bytes root = Bytes.fromHex("00".repeat(32));
    assertThat(Checkpoint.of("log.test", 42, root).body())
        .isEqualTo("log.test\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    assertThat(new Checkpoint("log.test", 1, root, List.of("Timestamp: 5")).body())
        .endsWith("=\nTimestamp: 5\n");
  }

  @Test
  void reproducesTheBodyPublicGoodRekorV1Signed() throws Exception {
    String body =
        Checkpoint.of(
                "rekor.sigstore.dev - 2605736670972794746",
                75408393,
                Bytes.fromBase64("Fnnj13Uu1jdksPc4HZLapKX329dVlD5+MGNsiqBq1XM="))
            .body();
    Bytes line =
        Bytes.fromBase64(
            "wNI9ajBFAiBTyiBM9WtyOTgohje6QZ5rFGJUdMq7Wk3A6oThE98SUgIhAMvxDwa7FyqRqg+YV3rdPPrfS23w19iK"
                + "+piMSGVOmP5w");
    assertThat(line.slice(0, 4).hex()).isEqualTo("c0d23d6a");
    assertThat(verify("EC", "SHA256withECDSA", REKOR_V1_KEY, body, line.slice(4, line.length())))
        .isTrue();
  }

  @Test
  void reproducesTheBodyAndKeyIdOfAStagingRekorV2Checkpoint() throws Exception {
    String origin = "log2025-alpha1.rekor.sigstage.dev";
    String body =
        Checkpoint.of(origin, 736, Bytes.fromBase64("rs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI="))
            .body();
    Bytes line =
        Bytes.fromBase64(
            "8w1amdbj1mjNN674dHAkD92+QZoEgBC7o0mXYSTRluDjQrOPjrps3zQB9ut+ShLepyZPsWBDi5IB3yXyjgjQT6OG"
                + "9A8=");
    Bytes keyId =
        NoteKeyIds.keyId(origin, NoteKeyIds.TYPE_ED25519, rawEd25519(REKOR_V2_STAGING_KEY));
    assertThat(keyId.base64()).isEqualTo("8w1amZ2S5mJIQkQmPxdMuOrL/oJkvFg9MnQXmeOCXck=");
    assertThat(line.slice(0, 4)).isEqualTo(keyId.slice(0, 4));
    assertThat(verify("Ed25519", "Ed25519", REKOR_V2_STAGING_KEY, body, line.slice(4, 68)))
        .isTrue();
  }

  @Test
  void keyIdOfThePublicGoodRekorV2LogMatchesItsTrustRootEntry() {
    Bytes keyId =
        NoteKeyIds.keyId(
            "log2025-1.rekor.sigstore.dev",
            NoteKeyIds.TYPE_ED25519,
            rawEd25519("MCowBQYDK2VwAyEAt8rlp1knGwjfbcXAYPYAkn0XiLz1x8O4t0YkEhie244="));
    assertThat(keyId.base64()).isEqualTo("zxGZFVvd0FEmjR8WrFwMdcAJ9vtaY/QXf44Y1wUeP6A=");
  }

  @Test
  void envelopeHasABlankLineThenEmDashSignatureLinesInSignerOrder() throws Exception {
    TestKeyPair logKey = TestKeyPair.generate(KeyAlgorithm.ED25519);
    TestKeyPair witnessKey = TestKeyPair.generate(KeyAlgorithm.ED25519);
    Ed25519NoteSigner log = new Ed25519NoteSigner("log.test", logKey);
    CosignatureV1Signer witness =
        new CosignatureV1Signer("witness.test", witnessKey, Instant.ofEpochSecond(1700000000));
    String body = Checkpoint.of("log.test", 3, Bytes.fromHex("11".repeat(32))).body();

    String envelope = SignedNote.sign(body, List.of(witness, log)).envelope();

    String[] parts = envelope.split("\n\n", 2);
    assertThat(parts[0] + "\n").isEqualTo(body);
    String[] lines = parts[1].split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("\u2014 witness.test ");
    assertThat(lines[1]).startsWith("\u2014 log.test ");
    assertThat(envelope).endsWith("\n");

    Bytes logSig = Bytes.fromBase64(lines[1].substring(lines[1].lastIndexOf(' ') + 1));
    assertThat(logSig.slice(0, 4)).isEqualTo(log.keyId().slice(0, 4));
    assertThat(logKey.verify(bytes(body), logSig.slice(4, 68).toByteArray())).isTrue();

    Bytes witnessSig = Bytes.fromBase64(lines[0].substring(lines[0].lastIndexOf(' ') + 1));
    assertThat(witnessSig.length()).isEqualTo(4 + 8 + 64);
    assertThat(witnessSig.slice(4, 12).hex()).isEqualTo("000000006553f100");
    String cosigned = "cosignature/v1\ntime 1700000000\n" + body;
    assertThat(witnessKey.verify(bytes(cosigned), witnessSig.slice(12, 76).toByteArray())).isTrue();
    assertThat(witness.keyId())
        .isNotEqualTo(
            NoteKeyIds.keyId(
                "witness.test", NoteKeyIds.TYPE_ED25519, witnessKey.rawEd25519PublicKey()));
  }

  @Test
  void rekorV1HintIsTheStartOfTheLogId() {
    TestKeyPair key = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);
    RekorV1NoteSigner signer = new RekorV1NoteSigner("rekor.test", key);
    NoteSignature signature = signer.signatureOver("rekor.test - 1\n0\nx\n");
    assertThat(signature.line()).startsWith("\u2014 rekor.test ");
    assertThat(key.verify(bytes("rekor.test - 1\n0\nx\n"), signature.signature().toByteArray()))
        .isTrue();
  }

  private static boolean verify(
      String keyAlgorithm, String signatureAlgorithm, String spki, String body, Bytes signature)
      throws Exception {
    PublicKey key =
        KeyFactory.getInstance(keyAlgorithm)
            .generatePublic(new X509EncodedKeySpec(Bytes.fromBase64(spki).toByteArray()));
    Signature verifier = Signature.getInstance(signatureAlgorithm);
    verifier.initVerify(key);
    verifier.update(bytes(body));
    return verifier.verify(signature.toByteArray());
  }

  private static byte[] rawEd25519(String spki) {
    Bytes der = Bytes.fromBase64(spki);
    return der.slice(der.length() - 32, der.length()).toByteArray();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
