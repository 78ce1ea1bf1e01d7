package dev.countersign.admission;

import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A private Sigstore deployment valid on the wall clock (the webhook verifies against it): its CA
 * and Rekor log sign real cosign signatures an hour old, and its trusted root is written where the
 * webhook reads trust roots from.
 */
public final class Signed {
  public static final String ISSUER = "https://token.actions.githubusercontent.com";
  public static final String IDENTITY =
      "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0.0";
  public static final String OTHER_IDENTITY =
      "https://github.com/evil/app/.github/workflows/release.yml@refs/tags/v1.0.0";
  public static final String IDENTITY_PATTERN =
      "^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v.*$";

  public static final Instant SIGNED_AT = Instant.now().minus(Duration.ofHours(1));
  public static final TestSigstore SIGSTORE =
      TestSigstore.create(Instant.now().minus(Duration.ofDays(2)));
  private static final RandomImages IMAGES = RandomImages.create();

  private Signed() {}

  public static CosignSigner release() {
    return CosignSigner.keyless(SIGSTORE, SIGSTORE.uriIdentity(IDENTITY, ISSUER));
  }

  public static CosignSigner other() {
    return CosignSigner.keyless(SIGSTORE, SIGSTORE.uriIdentity(OTHER_IDENTITY, ISSUER));
  }

  public static Image image() {
    return IMAGES.image(Platform.LINUX_AMD64);
  }

  /** An image under {@code tag}, signed by {@code signers} (none: unsigned). */
  public static OciContent content(
      Image image, String tag, String repo, List<CosignSigner> signers) {
    OciContent c = image.content(tag);
    if (!signers.isEmpty()) {
      c =
          c.plus(
              CosignManifests.signatures(
                  image.digest(),
                  signers.stream().map(s -> s.sign(repo, image.digest(), SIGNED_AT)).toList()));
    }
    return c;
  }

  /** Writes the deployment's trusted root as {@code <dir>/private.json}; returns {@code dir}. */
  public static Path trustRoots(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("private.json"), SIGSTORE.trustedRootJson(), StandardCharsets.UTF_8);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A keyless policy trusting the release workflow of acme/app, against the private root. */
  public static String policy(String name, String mode, String glob) {
    return policy(name, mode, glob, IDENTITY_PATTERN);
  }

  public static String policy(String name, String mode, String glob, String subjectRegExp) {
    return "apiVersion: policy.countersign.dev/v1alpha1\n"
        + "kind: ImagePolicy\n"
        + "metadata: {name: "
        + name
        + "}\n"
        + "spec:\n"
        + "  mode: "
        + mode
        + "\n"
        + "  images: [{glob: \""
        + glob
        + "\"}]\n"
        + "  trustRoot: private\n"
        + "  authorities:\n"
        + "    - name: release-ci\n"
        + "      keyless:\n"
        + "        identities:\n"
        + "          - issuer: "
        + ISSUER
        + "\n"
        + "            subjectRegExp: '"
        + subjectRegExp
        + "'\n";
  }

  /** Writes policy documents into {@code dir} as {@code policy-<i>.yaml}; returns {@code dir}. */
  public static Path policies(Path dir, String... documents) {
    try {
      Files.createDirectories(dir);
      for (int i = 0; i < documents.length; i++) {
        Files.writeString(dir.resolve("policy-" + i + ".yaml"), documents[i]);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
