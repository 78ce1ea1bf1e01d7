package dev.countersign.report.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.example.ExampleEstate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 4: changing, deleting or adding any file of a packet makes {@code packet verify} fail
 * and name the file. Every file of a real packet is changed, then deleted, and a file is added
 * beside it, one at a time.
 */
class PacketTamperTest {
  @TempDir static Path tmp;
  static Path packet;
  static KeyPair key;
  static List<String> files;

  @BeforeAll
  static void build() throws IOException {
    Path estate = tmp.resolve("estate");
    ExampleEstate.extract(estate);
    packet = tmp.resolve("packet");
    key = DecisionLogKeys.generateEd25519();
    PacketBuilder.build(
        ExampleEstate.settings(estate, packet).signingKey(key.getPrivate()).build(), Progress.NONE);
    files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(packet)) {
      s.filter(Files::isRegularFile)
          .forEach(p -> files.add(packet.relativize(p).toString().replace('\\', '/')));
    }
    files.sort(null);
  }

  static PacketVerification verify() throws IOException {
    return PacketVerifier.verify(packet, Optional.of(key.getPublic()));
  }

  static Set<String> named(PacketVerification v) {
    Set<String> out = new HashSet<>();
    v.findings().forEach(f -> out.add(f.path()));
    return out;
  }

  @Test
  void anIntactPacketVerifiesWithTheSigningKey() throws IOException {
    PacketVerification v = verify();
    assertThat(v.findings()).isEmpty();
    assertThat(v.valid()).isTrue();
    assertThat(v.keyFromPacket()).isFalse();
    assertThat(v.filesChecked()).isEqualTo(files.size());
    assertThat(files)
        .contains(
            "manifest.json",
            "manifest.sig",
            "manifest.pub",
            "CMMCAssessmentArtifacts.log",
            "CMMCAssessmentLogHash.log",
            "report.html",
            "oscal/assessment-results.json")
        .hasSizeGreaterThan(200);
  }

  @Test
  void everyChangedFileIsNamed() throws IOException {
    for (String f : files) {
      Path p = packet.resolve(f);
      byte[] original = Files.readAllBytes(p);
      byte[] changed = original.clone();
      if (changed.length == 0) {
        changed = new byte[] {'x'};
      } else {
        changed[changed.length / 2] ^= 0x01;
      }
      Files.write(p, changed);
      try {
        PacketVerification v = verify();
        assertThat(v.valid()).as("changed %s", f).isFalse();
        assertThat(named(v)).as("changed %s: %s", f, v.findings()).contains(f);
      } finally {
        Files.write(p, original);
      }
    }
    assertThat(verify().valid()).isTrue();
  }

  @Test
  void everyDeletedFileIsNamed() throws IOException {
    for (String f : files) {
      Path p = packet.resolve(f);
      byte[] original = Files.readAllBytes(p);
      Files.delete(p);
      try {
        PacketVerification v = verify();
        assertThat(v.valid()).as("deleted %s", f).isFalse();
        assertThat(v.findings())
            .as("deleted %s: %s", f, v.findings())
            .anyMatch(x -> x.path().equals(f) && x.kind() == FileFinding.Kind.REMOVED);
      } finally {
        Files.write(p, original);
      }
    }
    assertThat(verify().valid()).isTrue();
  }

  @Test
  void aFileAddedInAnyFolderIsNamed() throws IOException {
    Set<String> folders = new HashSet<>();
    folders.add("");
    for (String f : files) {
      int slash = f.lastIndexOf('/');
      folders.add(slash < 0 ? "" : f.substring(0, slash + 1));
    }
    for (String folder : folders) {
      String added = folder + "notes.txt";
      Path p = packet.resolve(added);
      Files.writeString(p, "added after signing\n");
      try {
        PacketVerification v = verify();
        assertThat(v.valid()).as("added %s", added).isFalse();
        assertThat(v.findings())
            .as("added %s", added)
            .anyMatch(x -> x.path().equals(added) && x.kind() == FileFinding.Kind.ADDED);
      } finally {
        Files.delete(p);
      }
    }
    assertThat(verify().valid()).isTrue();
  }

  @Test
  void anotherKeyDoesNotVerifyIt() throws IOException {
    PacketVerification v =
        PacketVerifier.verify(packet, Optional.of(DecisionLogKeys.generateEd25519().getPublic()));
    assertThat(v.valid()).isFalse();
    assertThat(v.findings())
        .anyMatch(
            f -> f.kind() == FileFinding.Kind.SIGNATURE_INVALID && f.path().equals("manifest.sig"));
  }

  @Test
  void aManifestSignedAgainWithAnotherKeyIsCaughtByThePinnedKey() throws IOException {
    // Swapping in a new key pair (manifest.pub and manifest.sig) passes the packet's own key only.
    Path pub = packet.resolve("manifest.pub");
    Path sig = packet.resolve("manifest.sig");
    byte[] pubBytes = Files.readAllBytes(pub);
    byte[] sigBytes = Files.readAllBytes(sig);
    try {
      KeyPair other = DecisionLogKeys.generateEd25519();
      Files.writeString(pub, DecisionLogKeys.toPem(other.getPublic()));
      PacketVerification pinned = verify();
      assertThat(pinned.valid()).isFalse();
      assertThat(named(pinned)).contains("manifest.pub");
    } finally {
      Files.write(pub, pubBytes);
      Files.write(sig, sigBytes);
    }
  }
}
