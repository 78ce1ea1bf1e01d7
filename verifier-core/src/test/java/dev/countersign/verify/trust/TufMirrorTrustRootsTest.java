package dev.countersign.verify.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.tuf.TufRepositoryWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: a trusted_root.json served by a verified TUF mirror becomes a usable trust root. */
class TufMirrorTrustRootsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path dir;
  private byte[] trustedRootJson;

  @BeforeEach
  void chooseTarget() throws Exception {
    String corpus = System.getProperty("countersign.corpus");
    Path publicGood =
        corpus == null
            ? null
            : Path.of(corpus, "trust-roots", "public-good-trusted_root.root-signing.json");
    trustedRootJson =
        publicGood != null && Files.isRegularFile(publicGood)
            ? Files.readAllBytes(publicGood)
            : minimalTrustedRoot();
  }

  private TufRepositoryWriter publishedMirror() {
    return TufRepositoryWriter.create(dir.resolve("mirror"), NOW)
        .target(TufMirror.TRUSTED_ROOT_TARGET, trustedRootJson)
        .publish();
  }

  private static TufMirror mirror(TufRepositoryWriter repo) {
    return TufMirror.of(repo.repository(), repo.rootFile(1))
        .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void loadsTheTrustedRootTargetOfAVerifiedMirror() {
    TufRepositoryWriter repo = publishedMirror();

    TrustRoot root = TrustRoots.fromTufMirror("mirrored", mirror(repo));

    assertThat(root.name()).isEqualTo("mirrored");
    assertThat(root.services()).isNotEmpty();
    assertThat(root.source()).startsWith("tuf:" + repo.repository()).endsWith("#trusted_root.json");
    assertThat(root.revision()).startsWith("sha256:");
  }

  @Test
  void rejectsATamperedTrustedRootTarget() throws Exception {
    TufRepositoryWriter repo = publishedMirror();
    String tampered =
        new String(trustedRootJson, StandardCharsets.UTF_8).replaceFirst("\"", "\"x-");
    for (Path file : repo.targetFiles(TufMirror.TRUSTED_ROOT_TARGET)) {
      Files.writeString(file, tampered);
    }

    assertThatThrownBy(() -> TrustRoots.fromTufMirror("mirrored", mirror(repo)))
        .isInstanceOf(TrustRootException.class)
        .hasMessageContaining("mismatch");
  }

  @Test
  void rejectsAnExpiredMirrorBeforeParsingItsTarget() {
    TufRepositoryWriter repo = publishedMirror();
    TufMirror later = mirror(repo).withClock(Clock.fixed(NOW.plusSeconds(86_400), ZoneOffset.UTC));

    assertThatThrownBy(() -> TrustRoots.fromTufMirror("mirrored", later))
        .isInstanceOf(TrustRootException.class)
        .hasMessageContaining("timestamp metadata version 1 expired");
  }

  /** A trusted_root.json with one transparency log, for runs without the shared corpus. */
  private static byte[] minimalTrustedRoot() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    byte[] spki = generator.generateKeyPair().getPublic().getEncoded();
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("mediaType", "application/vnd.dev.sigstore.trustedroot+json;version=0.1");
    ObjectNode tlog = root.putArray("tlogs").addObject();
    tlog.put("baseUrl", "https://rekor.example.test");
    tlog.put("hashAlgorithm", "SHA2_256");
    ObjectNode key = tlog.putObject("publicKey");
    key.put("rawBytes", Base64.getEncoder().encodeToString(spki));
    key.put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
    key.putObject("validFor").put("start", "2025-01-01T00:00:00Z");
    tlog.putObject("logId")
        .put(
            "keyId",
            Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki)));
    return mapper.writeValueAsBytes(root);
  }
}
