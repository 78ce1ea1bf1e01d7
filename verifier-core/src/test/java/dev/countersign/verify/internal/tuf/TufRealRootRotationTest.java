package dev.countersign.verify.internal.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.verify.trust.TrustRootException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Sigstore TUF roots from the shared corpus (read in place, never copied into the project):
 * the root-verification code must accept the public-good v15 to v16 rotation exactly as published.
 */
class TufRealRootRotationTest {
  private static final String V15 = "public-good-tuf-root.root-signing.json";
  private static final String V16 = "public-good-tuf-root-v16.npm-sigstore-tuf-5.0.1.json";
  private static final String V10 = "public-good-tuf-root.sigstore-java-2.0.0-jar.json";
  private static final String STAGING_V14 = "staging-tuf-root.root-signing-staging.json";

  private Path roots;

  @BeforeEach
  void locateCorpus() {
    String corpus = System.getProperty("countersign.corpus");
    Path dir = corpus == null ? null : Path.of(corpus, "trust-roots");
    assumeTrue(
        dir != null
            && Files.isRegularFile(dir.resolve(V15))
            && Files.isRegularFile(dir.resolve(V16)),
        () ->
            "Sigstore TUF roots not found under system property countersign.corpus="
                + corpus
                + " (expected trust-roots/"
                + V15
                + "); skipping the real-data root rotation test");
    roots = dir;
  }

  private RootMetadata root(String file) throws IOException {
    return RootMetadata.parse(Files.readAllBytes(roots.resolve(file)), file);
  }

  @Test
  void publicGoodV15IsSignedByThresholdOfItsOwnRootKeys() throws IOException {
    RootMetadata v15 = RootChain.trusted(Files.readAllBytes(roots.resolve(V15)), V15);

    assertThat(v15.version()).isEqualTo(15);
    assertThat(v15.consistentSnapshot()).isTrue();
    assertThat(v15.role(RootMetadata.ROOT).threshold()).isEqualTo(3);
    assertThat(v15.role(RootMetadata.ROOT).keyIds()).hasSize(5);
  }

  @Test
  void publicGoodV16RotatesFromV15() throws IOException {
    RootMetadata v16 =
        RootChain.rotate(root(V15), Files.readAllBytes(roots.resolve(V16)), "16.root.json");

    assertThat(v16.version()).isEqualTo(16);
    assertThat(v16.metadata().expires()).isEqualTo(Instant.parse("2027-04-22T19:27:31Z"));
  }

  @Test
  void publicGoodV16IsReachedThroughAMirrorDirectory(@TempDir Path mirror) throws IOException {
    Files.copy(roots.resolve(V16), mirror.resolve("16.root.json"));
    MirrorFiles files = MirrorFiles.open(mirror);

    RootMetadata newest = RootChain.update(root(V15), files, Instant.parse("2026-12-01T00:00:00Z"));

    assertThat(newest.version()).isEqualTo(16);
  }

  @Test
  void publicGoodV16SignaturesDoNotCoverAnyOtherContent() throws IOException {
    String tampered =
        Files.readString(roots.resolve(V16))
            .replace(
                "\"expires\": \"2027-04-22T19:27:31Z\"", "\"expires\": \"2037-04-22T19:27:31Z\"");
    assertThat(tampered).contains("2037-04-22");

    assertThatThrownBy(
            () -> RootChain.rotate(root(V15), tampered.getBytes(), "tampered 16.root.json"))
        .isInstanceOf(TrustRootException.class)
        .hasMessageContaining("valid signatures from 0 of the 3 keys");
  }

  @Test
  void sigstoreJavaV10CannotJumpStraightToV15() throws IOException {
    // v15 is signed by four keys that v10's root role also lists (threshold 3), so the signature
    // checks pass; the rotation is still refused because TUF only accepts version N+1.
    assumeTrue(Files.isRegularFile(roots.resolve(V10)), "sigstore-java v10 root not in corpus");

    assertThatThrownBy(
            () -> RootChain.rotate(root(V10), Files.readAllBytes(roots.resolve(V15)), V15))
        .isInstanceOf(TrustRootException.class)
        .hasMessageContaining("expected version 11 after trusted root version 10")
        .hasMessageContaining("has version 15");
  }

  @Test
  void stagingV14VerifiesDespiteEmptySignaturePlaceholders() throws IOException {
    assumeTrue(Files.isRegularFile(roots.resolve(STAGING_V14)), "staging root not in corpus");

    RootMetadata staging =
        RootChain.trusted(Files.readAllBytes(roots.resolve(STAGING_V14)), STAGING_V14);

    assertThat(staging.version()).isEqualTo(14);
    assertThat(staging.metadata().signatures()).anyMatch(s -> s.sig().isEmpty());
  }
}
