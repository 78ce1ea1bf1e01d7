package dev.countersign.verify.internal.tuf;

import static dev.countersign.testkit.tuf.TufRepositoryWriter.TARGETS;
import static dev.countersign.verify.internal.tuf.TufMirrors.CONTENT;
import static dev.countersign.verify.internal.tuf.TufMirrors.TARGET;
import static dev.countersign.verify.internal.tuf.TufMirrors.failure;
import static dev.countersign.verify.internal.tuf.TufMirrors.mirror;
import static dev.countersign.verify.internal.tuf.TufMirrors.writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.tuf.TufRepositoryWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TUF 5.7: the target must be listed, present, within limits, and match length and hashes. */
class TufTargetFailureTest {
  @TempDir Path dir;

  @Test
  void rejectsATargetWithTheListedLengthButOtherBytes() throws Exception {
    TufRepositoryWriter repo = writer(dir).publish();
    byte[] tampered = CONTENT.clone();
    tampered[3] ^= 1;
    for (Path file : repo.targetFiles(TARGET)) {
      Files.write(file, tampered);
    }

    failure(repo)
        .hasMessageContaining(repo.targetFiles(TARGET).get(0).toString())
        .hasMessageContaining("sha256 hash mismatch")
        .hasMessageContaining("1.targets.json (targets metadata version 1) lists");
  }

  @Test
  void rejectsATargetOfAnotherLength() throws Exception {
    TufRepositoryWriter repo = writer(dir).consistentSnapshot(false).publish();
    Files.write(repo.targetFiles(TARGET).get(0), new byte[] {'\n'}, StandardOpenOption.APPEND);

    failure(repo)
        .hasMessageContaining("length mismatch")
        .hasMessageContaining(
            "lists " + CONTENT.length + " bytes but the file has " + (CONTENT.length + 1));
  }

  @Test
  void checksEveryListedHashNotJustTheOneInTheFileName() {
    TufRepositoryWriter repo =
        writer(dir)
            .editSigned(TARGETS, signed -> targetHashes(signed).put("sha512", "ab".repeat(64)));
    repo.publish();

    failure(repo).hasMessageContaining("sha512 hash mismatch");
  }

  @Test
  void rejectsAHashAlgorithmItCannotCompute() {
    TufRepositoryWriter repo =
        writer(dir)
            .editSigned(TARGETS, signed -> targetHashes(signed).put("md5", "00".repeat(16)))
            .consistentSnapshot(false);
    repo.publish();

    failure(repo).hasMessageContaining("lists a 'md5' hash, which this client cannot verify");
  }

  @Test
  void rejectsAMissingTargetFile() throws Exception {
    TufRepositoryWriter repo = writer(dir).publish();
    for (Path file : repo.targetFiles(TARGET)) {
      Files.delete(file);
    }

    failure(repo)
        .hasMessageContaining("missing TUF target file for 'trusted_root.json'")
        .hasMessageContaining(repo.targetFiles(TARGET).get(0).toString())
        .hasMessageContaining(repo.targetFiles(TARGET).get(1).toString());
  }

  @Test
  void rejectsATargetThatIsNotListed() {
    TufRepositoryWriter repo = writer(dir).publish();

    failure(mirror(repo, "signing_config.json"))
        .hasMessageContaining("target 'signing_config.json' is not listed in targets metadata");
  }

  @Test
  void saysDelegatedTargetsAreNotSupported() {
    ObjectNode delegations = new ObjectMapper().createObjectNode();
    delegations.putObject("keys");
    ObjectNode role = delegations.putArray("roles").addObject();
    role.put("name", "registry.npmjs.org");
    role.putArray("keyids");
    role.put("threshold", 1);
    role.put("terminating", true);
    role.putArray("paths").add("registry.npmjs.org/*");
    TufRepositoryWriter repo = writer(dir).delegations(delegations).publish();

    failure(mirror(repo, "registry.npmjs.org/keys.json"))
        .hasMessageContaining("is not listed in top-level targets metadata version 1")
        .hasMessageContaining("delegated targets are not supported");
  }

  @Test
  void refusesATargetListedAsLargerThanTheLimit() {
    TufRepositoryWriter repo =
        writer(dir)
            .editSigned(
                TARGETS,
                signed -> targetEntry(signed).put("length", TufMirrorLoader.MAX_TARGET_BYTES + 1));
    repo.publish();

    failure(repo).hasMessageContaining("more than the 4194304-byte limit");
  }

  @Test
  void refusesAnOversizedTargetFileBeforeReadingIt() throws Exception {
    TufRepositoryWriter repo = writer(dir).consistentSnapshot(false).publish();
    byte[] big = new byte[(int) TufMirrorLoader.MAX_TARGET_BYTES + 1];
    Arrays.fill(big, (byte) ' ');
    Files.write(repo.targetFiles(TARGET).get(0), big);

    failure(repo).hasMessageContaining("target file is larger than the 4194304-byte limit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../trusted_root.json", "/etc/passwd", "a//b", "./x", "a\\b", "", "c:x"})
  void refusesTargetNamesThatCouldLeaveTheTargetsDirectory(String name) {
    TufRepositoryWriter repo = writer(dir).publish();

    failure(mirror(repo, name)).hasMessageContaining("invalid TUF target name");
  }

  private static ObjectNode targetHashes(ObjectNode signed) {
    return (ObjectNode) targetEntry(signed).get("hashes");
  }

  private static ObjectNode targetEntry(ObjectNode signed) {
    return (ObjectNode) signed.get("targets").get(TARGET);
  }
}
