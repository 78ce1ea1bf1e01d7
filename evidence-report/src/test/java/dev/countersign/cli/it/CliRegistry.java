package dev.countersign.cli.it;

import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.registry.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A private Sigstore deployment for the CLI, which verifies against the wall clock: everything is
 * valid from two days ago and signatures are made an hour ago. Its trusted root is written to a
 * file, as a user passes it with {@code --trusted-root}.
 */
final class CliRegistry {
  static final String ISSUER = "https://token.actions.githubusercontent.com";
  static final String IDENTITY =
      "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0.0";
  static final String OTHER_IDENTITY =
      "https://github.com/evil/app/.github/workflows/release.yml@refs/tags/v1.0.0";

  static final Instant SIGNED_AT = Instant.now().minus(Duration.ofHours(1));
  static final TestSigstore SIGSTORE = TestSigstore.create(Instant.now().minus(Duration.ofDays(2)));

  private CliRegistry() {}

  static CosignSigner release() {
    return CosignSigner.keyless(SIGSTORE, SIGSTORE.uriIdentity(IDENTITY, ISSUER));
  }

  static CosignSigner other() {
    return CosignSigner.keyless(SIGSTORE, SIGSTORE.uriIdentity(OTHER_IDENTITY, ISSUER));
  }

  /** Writes the deployment's trusted root as {@code private.json} in {@code dir}. */
  static Path trustedRoot(Path dir) {
    try {
      return Files.writeString(
          dir.resolve("private.json"), SIGSTORE.trustedRootJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pushes a fresh image under tag v1 signed by {@code signers} (none: unsigned). */
  static Image publish(
      RegistryClient client, String hostPort, String repo, List<CosignSigner> signers) {
    Image image = RandomImages.create().image(Platform.LINUX_AMD64);
    client.push(repo, image.content("v1"));
    if (!signers.isEmpty()) {
      client.push(
          repo,
          CosignManifests.signatures(
              image.digest(),
              signers.stream()
                  .map(s -> s.sign(hostPort + "/" + repo, image.digest(), SIGNED_AT))
                  .toList()));
    }
    return image;
  }
}
