package dev.countersign.verify.internal.tuf;

import static dev.countersign.verify.internal.tuf.TufMirrors.CONTENT;
import static dev.countersign.verify.internal.tuf.TufMirrors.TARGET;
import static dev.countersign.verify.internal.tuf.TufMirrors.load;
import static dev.countersign.verify.internal.tuf.TufMirrors.writer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.tuf.TufKeyType;
import dev.countersign.testkit.tuf.TufPublicKeyFormat;
import dev.countersign.testkit.tuf.TufRepositoryWriter;
import dev.countersign.testkit.tuf.TufRoleKeys;
import dev.countersign.testkit.tuf.TufSigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Repositories that must load: every layout, scheme and key encoding this client supports. */
class TufMirrorLoaderTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "consistent_snapshot={0}, metadata/ subdirectory={1}")
  @CsvSource({"true,true", "true,false", "false,true", "false,false"})
  void loadsTheTargetFromEveryLayout(boolean consistent, boolean subdirectory) throws Exception {
    TufRepositoryWriter repo =
        writer(dir).consistentSnapshot(consistent).metadataSubdirectory(subdirectory).publish();

    assertThat(load(repo)).isEqualTo(CONTENT);
    assertThat(Files.isDirectory(repo.repository().resolve("metadata"))).isEqualTo(subdirectory);
    assertThat(repo.metadataFile(TufRepositoryWriter.SNAPSHOT).getFileName().toString())
        .isEqualTo(consistent ? "1.snapshot.json" : "snapshot.json");
  }

  @Test
  void loadsTheNewestPublicationWhenTheMirrorHoldsSeveral() {
    TufRepositoryWriter repo = writer(dir).publish();
    byte[] second = "second".getBytes(StandardCharsets.UTF_8);
    repo.target(TARGET, second).publish();

    assertThat(load(repo)).isEqualTo(second);
    assertThat(repo.version(TufRepositoryWriter.TARGETS)).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(TufKeyType.class)
  void verifiesEverySupportedSchemeForEveryRole(TufKeyType type) {
    TufRepositoryWriter repo = writer(dir);
    for (String role :
        new String[] {
          TufRepositoryWriter.ROOT,
          TufRepositoryWriter.TIMESTAMP,
          TufRepositoryWriter.SNAPSHOT,
          TufRepositoryWriter.TARGETS
        }) {
      repo.roleKeys(role, TufRoleKeys.single(type));
    }

    assertThat(load(repo.publish())).isEqualTo(CONTENT);
  }

  @Test
  void mixesSchemesAndThresholdsAcrossRoles() {
    TufRepositoryWriter repo =
        writer(dir)
            .roleKeys(
                TufRepositoryWriter.ROOT,
                TufRoleKeys.of(
                    2,
                    TufSigningKey.generate(TufKeyType.ED25519),
                    TufSigningKey.generate(TufKeyType.ECDSA_P384),
                    TufSigningKey.generate(TufKeyType.ECDSA_P256)))
            .roleKeys(TufRepositoryWriter.SNAPSHOT, TufRoleKeys.single(TufKeyType.RSA_PSS_SHA256))
            .roleKeys(TufRepositoryWriter.TIMESTAMP, TufRoleKeys.single(TufKeyType.ED25519));

    assertThat(load(repo.publish())).isEqualTo(CONTENT);
  }

  @ParameterizedTest
  @EnumSource(TufPublicKeyFormat.class)
  void acceptsEveryPublicKeyEncodingSigstoreRootsHaveUsed(TufPublicKeyFormat format) {
    TufSigningKey key = TufSigningKey.generate(TufKeyType.ECDSA_P256).withPublicFormat(format);
    TufRepositoryWriter repo = writer(dir);
    repo.roleKeys(TufRepositoryWriter.ROOT, TufRoleKeys.of(1, key))
        .roleKeys(TufRepositoryWriter.TARGETS, TufRoleKeys.of(1, key));

    assertThat(load(repo.publish())).isEqualTo(CONTENT);
  }

  @Test
  void acceptsEd25519KeysWrittenAsPemOrDer() {
    TufRepositoryWriter repo = writer(dir);
    repo.roleKeys(
        TufRepositoryWriter.ROOT,
        TufRoleKeys.of(
            2,
            TufSigningKey.generate(TufKeyType.ED25519).withPublicFormat(TufPublicKeyFormat.PEM),
            TufSigningKey.generate(TufKeyType.ED25519)
                .withPublicFormat(TufPublicKeyFormat.HEX_DER)));

    assertThat(load(repo.publish())).isEqualTo(CONTENT);
  }

  @Test
  void triesEveryHashPrefixedCopyOfTheTarget() throws Exception {
    TufRepositoryWriter repo = writer(dir).publish();
    Path sha256Copy = repo.targetFiles(TARGET).get(0);
    Files.delete(sha256Copy);

    assertThat(load(repo)).isEqualTo(CONTENT);
  }

  @Test
  void loadsMetadataThatListsNoLengthOrHashes() {
    TufRepositoryWriter repo = writer(dir).metaLengthAndHashes(false).publish();

    assertThat(load(repo)).isEqualTo(CONTENT);
  }

  @Test
  void loadsTargetsInSubdirectories() {
    TufRepositoryWriter repo = writer(dir).target("nested/dir/file.json", CONTENT).publish();

    assertThat(TufMirrorLoader.loadTarget(TufMirrors.mirror(repo, "nested/dir/file.json")))
        .isEqualTo(CONTENT);
    assertThat(repo.targetFiles("nested/dir/file.json").get(0).getParent())
        .isEqualTo(repo.targetsDirectory().resolve("nested/dir"));
  }

  @Test
  void verifiesSignaturesOverCanonicalFormOfUnusualContent() {
    TufRepositoryWriter repo =
        writer(dir)
            .editSigned(
                TufRepositoryWriter.TARGETS,
                signed ->
                    signed
                        .putObject("custom")
                        .put("quote\"and\\backslash", "tab\there\nnewline \u0001 control")
                        .put("\uD83D\uDE00 emoji key", "caf\u00e9 \u4e2d\u6587")
                        .put("\uFFFF bmp max", -12345678901234L)
                        .put("A upper", true)
                        .putNull("a lower"))
            .publish();

    assertThat(load(repo)).isEqualTo(CONTENT);
  }
}
