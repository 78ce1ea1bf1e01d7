package dev.countersign.testkit.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.cosign.CosignStatements;
import dev.countersign.testkit.oci.layout.OciLayout;
import dev.countersign.testkit.oci.referrers.BundleReferrers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image layouts hold an image with its signatures, attestations and referrers, and read back
 * exactly.
 */
class OciLayoutTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2025-06-01T12:00:00Z");
  private static final String ID =
      "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main";
  private static final String ISSUER = "https://token.actions.githubusercontent.com";

  @Test
  void writesAndReadsEvidenceLayout(@TempDir Path dir) throws Exception {
    TestSigstore sigstore = TestSigstore.create(T0);
    MultiArchImage image =
        RandomImages.seeded(3)
            .multiArch(ManifestFormat.OCI, Platform.LINUX_AMD64, Platform.LINUX_ARM64);
    CosignSigner signer = CosignSigner.keyless(sigstore, sigstore.uriIdentity(ID, ISSUER));
    String reference = "registry.countersign.test/acme/app";
    OciContent content =
        image
            .content("v1")
            .plus(
                CosignManifests.signatures(
                    image.digest(), List.of(signer.sign(reference, image.digest(), T1))))
            .plus(
                CosignManifests.attestations(
                    image.digest(),
                    List.of(
                        signer.attest(
                            CosignStatements.forImage(
                                reference,
                                image.digest(),
                                Predicates.CYCLONEDX,
                                Predicates.cycloneDx(List.of())),
                            T1))))
            .plus(
                BundleReferrers.of(
                    sigstore
                        .keyless(ID, ISSUER)
                        .signArtifact(image.index().content().toByteArray(), T1),
                    image.index().descriptor(),
                    T1,
                    BundleReferrers.Publisher.GITHUB))
            .withReferrersTagIndex(JsonStyle.JAVASCRIPT);

    OciLayout.write(dir, content);

    assertThat(Files.readString(dir.resolve("oci-layout")))
        .isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
    JsonNode index = Json.parse(Files.readAllBytes(dir.resolve("index.json")));
    assertThat(index.path("manifests"))
        .extracting(m -> m.at("/annotations/org.opencontainers.image.ref.name").asText())
        .containsExactly(
            "v1",
            image.digest().signatureTag(),
            image.digest().attestationTag(),
            "",
            image.digest().referrersTag());
    for (Blob blob : content.blobs()) {
      assertThat(Files.readAllBytes(dir.resolve("blobs/sha256/" + blob.digest().hex())))
          .isEqualTo(blob.content().toByteArray());
    }

    OciContent read = OciLayout.read(dir);
    // Same manifests under the same tags, same blobs: pushing the layout reproduces the content.
    assertThat(read.manifests()).containsExactlyInAnyOrderElementsOf(content.manifests());
    assertThat(read.tagged("v1")).hasValue(image.index());
    assertThat(read.blobs()).containsExactlyInAnyOrderElementsOf(content.blobs());

    // Writing more keeps what is there and replaces a reused name.
    Image other = RandomImages.create().image(Platform.LINUX_AMD64);
    OciLayout.write(dir, other.content("v1"));
    JsonNode updated = Json.parse(Files.readAllBytes(dir.resolve("index.json")));
    assertThat(updated.path("manifests")).hasSize(5);
    assertThat(OciLayout.read(dir).tagged("v1")).hasValue(other.manifest());
  }
}
