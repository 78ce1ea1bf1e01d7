package dev.countersign.testkit.rekor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.testkit.bundle.TlogEntry;
import dev.countersign.testkit.bundle.TlogInclusionProof;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.HashAlgorithm;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.merkle.InclusionProof;
import dev.countersign.testkit.merkle.MerkleTree;
import dev.countersign.testkit.note.CosignatureV1Signer;
import dev.countersign.testkit.rekor.TransparencyLog.CosignaturePlacement;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Entries, promises, proofs and checkpoints of both log styles, checked from the outside. */
class TransparencyLogTest {
  private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");
  private static final RekorBody BODY =
      RekorBodies.hashedRekordV001(
          HashAlgorithm.SHA2_256,
          new byte[32],
          new byte[] {1, 2, 3},
          "-----BEGIN PUBLIC KEY-----\n");

  @Test
  void rekorV1EntryCarriesAVerifiablePromiseProofAndCheckpoint() {
    TestRekorV1Log log = TestRekorV1Log.create("rekor.test", 77);
    log.appendFiller(1234);
    TlogEntry entry = log.append(BODY, AT);

    assertThat(entry.logIndex()).isEqualTo(1234);
    assertThat(entry.logId())
        .isEqualTo(Bytes.of(HashAlgorithm.SHA2_256.digest(log.key().spki().toByteArray())));
    assertThat(entry.kind()).isEqualTo("hashedrekord");
    assertThat(entry.version()).isEqualTo("0.0.1");
    assertThat(entry.integratedTime()).isEqualTo(AT.getEpochSecond());
    assertThat(entry.canonicalizedBody()).isEqualTo(BODY.canonicalized());

    String promised =
        "{\"body\":\""
            + BODY.canonicalized().base64()
            + "\",\"integratedTime\":"
            + AT.getEpochSecond()
            + ",\"logID\":\""
            + entry.logId().hex()
            + "\",\"logIndex\":1234}";
    assertThat(log.key().verify(utf8(promised), entry.signedEntryTimestamp().toByteArray()))
        .isTrue();

    TlogInclusionProof proof = entry.inclusionProof();
    assertThat(proof.treeSize()).isEqualTo(1235);
    // The newest leaf of a tree has one sibling per complete subtree to its left.
    assertThat(proof.hashes()).hasSize(Long.bitCount(1234));
    assertProofAndCheckpoint(log, entry, "rekor.test - 77", "rekor.test");
  }

  @Test
  void proofsCanBeRecomputedAfterTheLogGrows() {
    TestRekorV1Log log = TestRekorV1Log.create("rekor.test", 1);
    TlogEntry first = log.append(BODY, AT);
    log.appendFiller(500);
    log.append(BODY, AT.plusSeconds(5));
    TlogEntry later = log.entry(first.logIndex());

    assertThat(later.inclusionProof().treeSize()).isEqualTo(502);
    assertThat(later.signedEntryTimestamp()).isNotNull();
    assertProofAndCheckpoint(log, later, "rekor.test - 1", "rekor.test");
    assertThat(log.inclusionProof(0, 1).hashes()).isEmpty();
    assertThatThrownBy(() -> log.entry(1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rekorV2EntryHasOnlyAProofAndAnEd25519Checkpoint() {
    TestRekorV2Log log = TestRekorV2Log.create("log2025-test.rekor.test");
    log.appendFiller(99);
    TlogEntry entry = log.append(BODY);

    assertThat(entry.integratedTime()).isNull();
    assertThat(entry.signedEntryTimestamp()).isNull();
    byte[] keyIdInput =
        concat(utf8("log2025-test.rekor.test\n"), new byte[] {1}, log.key().rawEd25519PublicKey());
    assertThat(entry.logId()).isEqualTo(Bytes.of(HashAlgorithm.SHA2_256.digest(keyIdInput)));
    assertThat(log.baseUrl()).isEqualTo("https://log2025-test.rekor.test");
    assertProofAndCheckpoint(log, entry, "log2025-test.rekor.test", "log2025-test.rekor.test");
  }

  @Test
  void witnessesCosignBeforeOrAfterTheLog() {
    TestRekorV2Log log = TestRekorV2Log.create("log.test");
    CosignatureV1Signer witness =
        new CosignatureV1Signer("w.test", TestKeyPair.generate(KeyAlgorithm.ED25519), AT);
    log.append(BODY);

    log.cosignWith(List.of(witness), CosignaturePlacement.BEFORE_LOG_SIGNATURE);
    assertThat(signerNames(log.checkpoint(1).envelope())).containsExactly("w.test", "log.test");
    log.cosignWith(List.of(witness), CosignaturePlacement.AFTER_LOG_SIGNATURE);
    assertThat(signerNames(log.checkpoint(1).envelope())).containsExactly("log.test", "w.test");
    log.cosignWith(List.of(), CosignaturePlacement.AFTER_LOG_SIGNATURE);
    assertThat(signerNames(log.checkpoint(1).envelope())).containsExactly("log.test");
  }

  private static void assertProofAndCheckpoint(
      TransparencyLog log, TlogEntry entry, String origin, String signerName) {
    TlogInclusionProof proof = entry.inclusionProof();
    Bytes leafHash = Bytes.of(MerkleTree.leafHash(entry.canonicalizedBody().toByteArray()));
    assertThat(
            InclusionProof.verify(
                proof.logIndex(), proof.treeSize(), leafHash, proof.hashes(), proof.rootHash()))
        .isTrue();

    String[] parts = proof.checkpoint().split("\n\n", 2);
    String body = parts[0] + "\n";
    assertThat(body)
        .isEqualTo(origin + "\n" + proof.treeSize() + "\n" + proof.rootHash().base64() + "\n");
    assertThat(parts[1]).startsWith("\u2014 " + signerName + " ").endsWith("\n");
    Bytes signature = Bytes.fromBase64(parts[1].substring(parts[1].lastIndexOf(' ') + 1).trim());
    assertThat(signature.slice(0, 4)).isEqualTo(entry.logId().slice(0, 4));
    Bytes raw = signature.slice(4, signature.length());
    assertThat(log.key().verify(utf8(body), raw.toByteArray())).isTrue();
  }

  private static List<String> signerNames(String envelope) {
    return envelope.split("\n\n", 2)[1].lines().map(line -> line.split(" ")[1]).toList();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    Bytes all = Bytes.empty();
    for (byte[] part : parts) {
      all = all.concat(Bytes.of(part));
    }
    return all.toByteArray();
  }
}
