package dev.countersign.verify.internal.tuf;

import static dev.countersign.testkit.tuf.TufRepositoryWriter.ROOT;
import static dev.countersign.testkit.tuf.TufRepositoryWriter.SNAPSHOT;
import static dev.countersign.testkit.tuf.TufRepositoryWriter.TARGETS;
import static dev.countersign.testkit.tuf.TufRepositoryWriter.TIMESTAMP;
import static dev.countersign.verify.internal.tuf.TufMirrors.NOW;
import static dev.countersign.verify.internal.tuf.TufMirrors.failure;
import static dev.countersign.verify.internal.tuf.TufMirrors.reserialize;
import static dev.countersign.verify.internal.tuf.TufMirrors.write;
import static dev.countersign.verify.internal.tuf.TufMirrors.writer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.tuf.TufKeyType;
import dev.countersign.testkit.tuf.TufRepositoryWriter;
import dev.countersign.testkit.tuf.TufRoleKeys;
import dev.countersign.testkit.tuf.TufSigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamp, snapshot and targets metadata that must be refused, each with a precise message. */
class TufMetadataFailureTest {
  @TempDir Path dir;

  @Test
  void rejectsTargetsBelowTheirThreshold() {
    TufSigningKey a = TufSigningKey.generate(TufKeyType.ECDSA_P256);
    TufSigningKey b = TufSigningKey.generate(TufKeyType.ED25519);
    TufRepositoryWriter repo =
        writer(dir).roleKeys(TARGETS, TufRoleKeys.of(2, a, b)).signWith(TARGETS, a).publish();

    failure(repo)
        .hasMessageContaining("1.targets.json")
        .hasMessageContaining("targets metadata version 1 has valid signatures from 1 of the 2")
        .hasMessageContaining("targets role of root version 1");
  }

  @Test
  void reportsWhySignaturesDidNotCount() throws Exception {
    TufRepositoryWriter repo = writer(dir).publish();
    Path timestamp = repo.metadataFile(TIMESTAMP);
    String keyId = repo.roleKeys(TIMESTAMP).keys().get(0).keyId();
    String text = Files.readString(timestamp);
    write(
        timestamp, text.replaceFirst("\"sig\" : \"[0-9a-f]+\"", "\"sig\" : \"3006020101020101\""));

    failure(repo)
        .hasMessageContaining("key " + keyId.substring(0, 12))
        .hasMessageContaining("signature does not verify (ecdsa-sha2-nistp256)");
  }

  @Test
  void rejectsSignaturesWhenTheSignedContentChanged() throws Exception {
    TufRepositoryWriter repo = writer(dir).metaLengthAndHashes(false).publish();
    Path timestamp = repo.metadataFile(TIMESTAMP);
    write(timestamp, Files.readString(timestamp).replace("\"version\" : 1", "\"version\" : 9"));

    failure(repo).hasMessageContaining("timestamp metadata version 9 has valid signatures from 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {TIMESTAMP, SNAPSHOT, TARGETS})
  void rejectsExpiredMetadata(String role) {
    TufRepositoryWriter repo = writer(dir).expires(role, NOW.minusSeconds(60)).publish();

    failure(repo)
        .hasMessageContaining(repo.metadataFile(role).toString())
        .hasMessageContaining(role + " metadata version 1 expired at " + NOW.minusSeconds(60))
        .hasMessageContaining("checked at " + NOW);
  }

  @Test
  void treatsExpiryAtTheCheckTimeAsExpired() {
    TufRepositoryWriter repo = writer(dir).expires(TIMESTAMP, NOW).publish();

    failure(repo).hasMessageContaining("expired at " + NOW);
  }

  @Test
  void rejectsAnExpiredRootWithoutRotation() {
    TufRepositoryWriter repo = writer(dir).expires(ROOT, NOW.minusSeconds(1)).publish();

    failure(repo).hasMessageContaining("1.root.json").hasMessageContaining("expired at");
  }

  @Test
  void rejectsASnapshotWhoseVersionIsNotTheOneTheTimestampLists() {
    TufRepositoryWriter repo =
        writer(dir).editSigned(SNAPSHOT, signed -> signed.put("version", 7)).publish();

    failure(repo)
        .hasMessageContaining("1.snapshot.json: snapshot version mismatch")
        .hasMessageContaining("lists snapshot.json version 1 but the file has version 7");
  }

  @Test
  void rejectsTargetsWhoseVersionIsNotTheOneTheSnapshotLists() {
    TufRepositoryWriter repo =
        writer(dir).editSigned(TARGETS, signed -> signed.put("version", 2)).publish();

    failure(repo)
        .hasMessageContaining("targets version mismatch")
        .hasMessageContaining("lists targets.json version 1 but the file has version 2");
  }

  @Test
  void rejectsARolledBackSnapshotByLengthOrHash() throws Exception {
    TufRepositoryWriter repo = writer(dir).consistentSnapshot(false).publish();
    byte[] firstSnapshot = Files.readAllBytes(repo.metadataFile(SNAPSHOT));
    repo.publish();
    Files.write(repo.metadataFile(SNAPSHOT), firstSnapshot);

    // DER-encoded ECDSA signatures vary in length, so either check may be the one that fires.
    failure(repo).hasMessageMatching("(?s).*snapshot\\.json: (length|sha256 hash) mismatch.*");
  }

  @Test
  void rejectsARolledBackSnapshotByVersionWhenNoHashesAreListed() throws Exception {
    TufRepositoryWriter repo =
        writer(dir).consistentSnapshot(false).metaLengthAndHashes(false).publish();
    byte[] firstSnapshot = Files.readAllBytes(repo.metadataFile(SNAPSHOT));
    repo.publish();
    Files.write(repo.metadataFile(SNAPSHOT), firstSnapshot);

    failure(repo)
        .hasMessageContaining("snapshot version mismatch")
        .hasMessageContaining("version 2 but the file has version 1");
  }

  @Test
  void rejectsASnapshotOfAnotherLengthThanListed() {
    TufRepositoryWriter repo = writer(dir).publish();
    Path snapshot = repo.metadataFile(SNAPSHOT);
    reserialize(snapshot);

    failure(repo)
        .hasMessageContaining(snapshot.toString())
        .hasMessageContaining("length mismatch: " + repo.metadataFile(TIMESTAMP))
        .hasMessageContaining("but the file has");
  }

  @Test
  void rejectsASnapshotThatDiffersFromTheListedHash() {
    TufRepositoryWriter repo =
        writer(dir).editSigned(TIMESTAMP, signed -> corruptFirstHash(signed, "snapshot.json"));
    repo.publish();

    failure(repo)
        .hasMessageContaining("1.snapshot.json: sha256 hash mismatch")
        .hasMessageContaining("timestamp.json lists " + "00".repeat(32));
  }

  @Test
  void rejectsTargetsMetadataThatDiffersFromTheListedHash() {
    TufRepositoryWriter repo =
        writer(dir).editSigned(SNAPSHOT, signed -> corruptFirstHash(signed, "targets.json"));
    repo.publish();

    failure(repo)
        .hasMessageContaining("1.targets.json: sha256 hash mismatch")
        .hasMessageContaining("1.snapshot.json lists 00");
  }

  @Test
  void rejectsMissingMetadataFiles() throws Exception {
    TufRepositoryWriter repo = writer(dir).publish();
    Files.delete(repo.metadataFile(SNAPSHOT));

    failure(repo).hasMessageContaining("1.snapshot.json: missing snapshot metadata");

    Files.delete(repo.metadataFile(TIMESTAMP));
    failure(repo).hasMessageContaining("timestamp.json: missing timestamp metadata");
  }

  @Test
  void rejectsAMissingMirrorDirectory() {
    TufRepositoryWriter repo = writer(dir);

    failure(repo).hasMessageContaining("is not a directory");
  }

  @Test
  void rejectsMalformedJson() {
    TufRepositoryWriter repo = writer(dir).publish();
    write(repo.metadataFile(TIMESTAMP), "{\"signed\": {");

    failure(repo)
        .hasMessageContaining("timestamp.json: malformed TUF timestamp metadata")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void rejectsDuplicateJsonKeys() {
    TufRepositoryWriter repo = writer(dir).publish();
    write(repo.metadataFile(TIMESTAMP), "{\"signed\": {}, \"signed\": {}, \"signatures\": []}");

    failure(repo).hasMessageContaining("malformed TUF timestamp metadata");
  }

  @Test
  void rejectsAMissingRequiredField() {
    TufRepositoryWriter repo =
        writer(dir).editSigned(TIMESTAMP, s -> s.remove("expires")).publish();

    failure(repo).hasMessageContaining("signed.expires: required field is missing");
  }

  @Test
  void rejectsAVersionWrittenAsAString() {
    TufRepositoryWriter repo =
        writer(dir).editSigned(TARGETS, s -> s.put("version", "1")).publish();

    failure(repo).hasMessageContaining("signed.version: must be a JSON integer");
  }

  @Test
  void rejectsNonIntegerNumbersWhichCanonicalJsonCannotEncode() throws Exception {
    // The testkit, like securesystemslib, cannot sign a float: put one in after signing.
    TufRepositoryWriter repo =
        writer(dir).metaLengthAndHashes(false).editSigned(TARGETS, s -> s.put("custom", 15));
    repo.publish();
    Path targets = repo.metadataFile(TARGETS);
    write(targets, Files.readString(targets).replace("\"custom\" : 15", "\"custom\" : 1.5"));

    failure(repo).hasMessageContaining("canonical JSON allows only integers, found 1.5");
  }

  @Test
  void rejectsAnUnsupportedSpecVersion() {
    TufRepositoryWriter repo =
        writer(dir).editSigned(TIMESTAMP, s -> s.put("spec_version", "2.0.0")).publish();

    failure(repo).hasMessageContaining("unsupported spec_version '2.0.0'");
  }

  @Test
  void rejectsMetadataOfTheWrongType() throws Exception {
    TufRepositoryWriter repo = writer(dir).publish();
    Files.copy(
        repo.metadataFile(TARGETS),
        repo.metadataFile(TIMESTAMP),
        StandardCopyOption.REPLACE_EXISTING);

    failure(repo).hasMessageContaining("expected TUF timestamp metadata but _type is 'targets'");
  }

  @Test
  void refusesOversizedMetadataBeforeParsing() throws Exception {
    TufRepositoryWriter repo = writer(dir).publish();
    Files.write(
        repo.metadataFile(TIMESTAMP), new byte[(int) TufMirrorLoader.MAX_METADATA_BYTES + 1]);

    failure(repo)
        .hasMessageContaining("timestamp.json: timestamp metadata is larger than the 5242880-byte")
        .hasMessageContaining("refusing to parse it");
  }

  @Test
  void reportsAnUnknownSignatureScheme() {
    TufSigningKey odd =
        TufSigningKey.generate(TufKeyType.ECDSA_P256).withDeclaredScheme("ecdsa-sha2-nistp999");
    TufRepositoryWriter repo = writer(dir).roleKeys(TIMESTAMP, TufRoleKeys.of(1, odd)).publish();

    failure(repo)
        .hasMessageContaining("timestamp metadata version 1 has valid signatures from 0 of the 1")
        .hasMessageContaining("unsupported signature scheme 'ecdsa-sha2-nistp999'");
  }

  @Test
  void reportsAKeyWhoseCurveDoesNotMatchItsScheme() {
    TufSigningKey p384AsP256 =
        TufSigningKey.generate(TufKeyType.ECDSA_P384).withDeclaredScheme("ecdsa-sha2-nistp256");
    TufRepositoryWriter repo =
        writer(dir).roleKeys(TIMESTAMP, TufRoleKeys.of(1, p384AsP256)).publish();

    failure(repo).hasMessageContaining("public key does not decode: key is ECDSA_P384");
  }

  @Test
  void rejectsARootRoleNamingAnUndefinedKey() {
    TufRepositoryWriter repo =
        writer(dir)
            .editSigned(
                ROOT,
                s ->
                    ((ObjectNode) s.get("roles").get("targets"))
                        .withArray("keyids")
                        .add("ff".repeat(32)))
            .publish();

    failure(repo).hasMessageContaining("is not defined in signed.keys");
  }

  private static void corruptFirstHash(ObjectNode signed, String metaName) {
    ObjectNode hashes = (ObjectNode) signed.get("meta").get(metaName).get("hashes");
    hashes.put("sha256", "00".repeat(32));
  }
}
