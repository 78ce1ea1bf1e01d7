package dev.countersign.verify.internal.tuf;

import static dev.countersign.testkit.tuf.TufRepositoryWriter.ROOT;
import static dev.countersign.testkit.tuf.TufRepositoryWriter.TIMESTAMP;
import static dev.countersign.verify.internal.tuf.TufMirrors.CONTENT;
import static dev.countersign.verify.internal.tuf.TufMirrors.NOW;
import static dev.countersign.verify.internal.tuf.TufMirrors.failure;
import static dev.countersign.verify.internal.tuf.TufMirrors.load;
import static dev.countersign.verify.internal.tuf.TufMirrors.writer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.tuf.TufKeyType;
import dev.countersign.testkit.tuf.TufPublicKeyFormat;
import dev.countersign.testkit.tuf.TufRepositoryWriter;
import dev.countersign.testkit.tuf.TufRoleKeys;
import dev.countersign.testkit.tuf.TufSigningKey;
import dev.countersign.verify.trust.TufMirror;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TUF 5.3: root rotation from the caller's trusted root, and root signature thresholds. */
class TufRootRotationTest {
  @TempDir Path dir;

  private static TufSigningKey key() {
    return TufSigningKey.generate(TufKeyType.ECDSA_P256);
  }

  @Test
  void followsRotationsFromOneToTwoToThreeWithNewKeys() {
    TufRepositoryWriter repo = writer(dir);
    repo.writeRoot();
    repo.roleKeys(ROOT, TufRoleKeys.of(2, key(), key(), key())).writeRoot();
    repo.roleKeys(ROOT, TufRoleKeys.of(1, key()))
        .roleKeys(TIMESTAMP, TufRoleKeys.single(TufKeyType.ED25519))
        .writeRoot();

    assertThat(load(repo.publish())).isEqualTo(CONTENT);
    assertThat(repo.version(ROOT)).isEqualTo(3);
  }

  @Test
  void startsFromANewerTrustedRootAndIgnoresOlderRootFiles() {
    TufRepositoryWriter repo = writer(dir);
    repo.writeRoot();
    repo.roleKeys(ROOT, TufRoleKeys.of(1, key())).writeRoot();
    repo.publish();
    TufMirror fromTwo =
        new TufMirror(
            repo.repository(),
            repo.rootFile(2),
            TufMirrors.TARGET,
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(TufMirrorLoader.loadTarget(fromTwo)).isEqualTo(CONTENT);
  }

  @Test
  void rejectsRotationSignedOnlyByTheNewKeys() {
    TufRepositoryWriter repo = writer(dir);
    repo.writeRoot();
    TufSigningKey newKey = key();
    repo.roleKeys(ROOT, TufRoleKeys.of(1, newKey)).signWith(ROOT, newKey).writeRoot();
    repo.publish();

    failure(repo)
        .hasMessageContaining("2.root.json")
        .hasMessageContaining("valid signatures from 0 of the 1 keys required by the root role")
        .hasMessageContaining("of root version 1");
  }

  @Test
  void rejectsRotationSignedOnlyByTheOldKeys() {
    TufRepositoryWriter repo = writer(dir);
    repo.writeRoot();
    TufSigningKey oldKey = repo.roleKeys(ROOT).keys().get(0);
    repo.roleKeys(ROOT, TufRoleKeys.of(1, key())).signWith(ROOT, oldKey).writeRoot();
    repo.publish();

    failure(repo)
        .hasMessageContaining("2.root.json")
        .hasMessageContaining("required by the root role of its own root keys");
  }

  @Test
  void rejectsRotationBelowTheOldThreshold() {
    TufSigningKey a = key();
    TufSigningKey b = key();
    TufRepositoryWriter repo = writer(dir).roleKeys(ROOT, TufRoleKeys.of(2, a, b));
    repo.writeRoot();
    TufSigningKey c = key();
    repo.roleKeys(ROOT, TufRoleKeys.of(1, c)).signWith(ROOT, a, c).writeRoot();
    repo.publish();

    failure(repo).hasMessageContaining("valid signatures from 1 of the 2 keys");
  }

  @Test
  void rejectsAVersionThatDoesNotFollowTheTrustedOne() {
    TufRepositoryWriter repo = writer(dir);
    repo.writeRoot();
    repo.editSigned(ROOT, signed -> signed.put("version", 3)).writeRoot();
    repo.publish();

    failure(repo)
        .hasMessageContaining("2.root.json")
        .hasMessageContaining("root version rollback or mismatch")
        .hasMessageContaining("expected version 2 after trusted root version 1")
        .hasMessageContaining("has version 3");
  }

  @Test
  void rejectsAnOlderRootReplayedUnderTheNextFileName() throws Exception {
    TufRepositoryWriter repo = writer(dir);
    repo.writeRoot();
    repo.writeRoot();
    repo.publish();
    Files.copy(repo.rootFile(2), repo.rootFile(3));

    failure(repo).hasMessageContaining("3.root.json").hasMessageContaining("has version 2");
  }

  @Test
  void acceptsExpiredIntermediateRoots() {
    TufRepositoryWriter repo = writer(dir);
    repo.expires(ROOT, NOW.minusSeconds(3600)).writeRoot();
    repo.writeRoot();
    repo.expires(ROOT, NOW.plusSeconds(3600)).writeRoot();

    assertThat(load(repo.publish())).isEqualTo(CONTENT);
  }

  @Test
  void rejectsAnExpiredFinalRoot() {
    TufRepositoryWriter repo = writer(dir);
    repo.writeRoot();
    repo.expires(ROOT, NOW.minusSeconds(1)).writeRoot();
    repo.publish();

    failure(repo)
        .hasMessageContaining("2.root.json")
        .hasMessageContaining("root metadata version 2 expired at " + NOW.minusSeconds(1));
  }

  @Test
  void rejectsMetadataSignedByAKeyRotatedOut() {
    TufRepositoryWriter repo = writer(dir);
    repo.writeRoot();
    TufSigningKey oldTimestampKey = repo.roleKeys(TIMESTAMP).keys().get(0);
    repo.roleKeys(TIMESTAMP, TufRoleKeys.single(TufKeyType.ECDSA_P256)).writeRoot();
    repo.signWith(TIMESTAMP, oldTimestampKey).publish();

    failure(repo)
        .hasMessageContaining("timestamp.json")
        .hasMessageContaining("required by the timestamp role of root version 2");
  }

  @Test
  void rejectsATrustedRootWhoseSelfSignatureIsBroken() {
    TufRepositoryWriter repo = writer(dir).signWith(ROOT, key()).publish();

    failure(repo).hasMessageContaining("1.root.json").hasMessageContaining("its own root keys");
  }

  @Test
  void rejectsATrustedRootThatIsNotRootMetadata() {
    TufRepositoryWriter repo = writer(dir).publish();
    TufMirror mirror =
        new TufMirror(
            repo.repository(),
            repo.metadataFile(TIMESTAMP),
            TufMirrors.TARGET,
            Clock.fixed(NOW, ZoneOffset.UTC));

    failure(mirror).hasMessageContaining("expected TUF root metadata but _type is 'timestamp'");
  }

  @Test
  void countsAKeyOnceHoweverOftenItSigned() {
    TufSigningKey a = key();
    TufRepositoryWriter repo =
        writer(dir).roleKeys(ROOT, TufRoleKeys.of(2, a, key())).signWith(ROOT, a, a).publish();

    failure(repo).hasMessageContaining("valid signatures from 1 of the 2 keys");
  }

  @Test
  void countsAKeyIdListedTwiceInARoleOnce() {
    TufSigningKey a = key();
    TufRepositoryWriter repo =
        writer(dir)
            .roleKeys(ROOT, TufRoleKeys.of(1, a))
            .editSigned(
                ROOT,
                signed -> {
                  ObjectNode role = (ObjectNode) signed.get("roles").get("root");
                  role.withArray("keyids").add(a.keyId());
                  role.put("threshold", 2);
                })
            .publish();

    failure(repo).hasMessageContaining("valid signatures from 1 of the 2 keys");
  }

  @Test
  void countsOneKeyUnderTwoKeyIdsOnce() {
    TufSigningKey pem = key();
    TufSigningKey sameKeyAsHex = pem.withPublicFormat(TufPublicKeyFormat.HEX_DER);
    TufRepositoryWriter repo =
        writer(dir).roleKeys(ROOT, TufRoleKeys.of(2, pem, sameKeyAsHex)).publish();

    assertThat(pem.keyId()).isNotEqualTo(sameKeyAsHex.keyId());
    failure(repo).hasMessageContaining("valid signatures from 1 of the 2 keys");
  }

  @Test
  void ignoresSignaturesFromKeysOutsideTheRole() {
    TufSigningKey stranger = key();
    TufRepositoryWriter repo = writer(dir);
    TufSigningKey timestampKey = repo.roleKeys(TIMESTAMP).keys().get(0);
    repo.signWith(TIMESTAMP, stranger, timestampKey).publish();
    assertThat(load(repo)).isEqualTo(CONTENT);

    repo.signWith(TIMESTAMP, stranger).publish();
    failure(repo).hasMessageContaining("1 keys listed, 1 did not sign");
  }
}
