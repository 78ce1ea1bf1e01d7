package dev.countersign.testkit.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Generated images are well-formed, reproducible under a seed, and distinct without one. */
class RandomImagesTest {

  @Test
  void imageIsConsistentAndReproducible() throws Exception {
    Image image = RandomImages.seeded(7).image(Platform.LINUX_ARM64, 2, ManifestFormat.OCI);
    Image again = RandomImages.seeded(7).image(Platform.LINUX_ARM64, 2, ManifestFormat.OCI);
    assertThat(again.digest()).isEqualTo(image.digest());
    assertThat(RandomImages.create().image(Platform.LINUX_ARM64).digest())
        .isNotEqualTo(image.digest());

    JsonNode manifest = image.manifest().json();
    assertThat(manifest.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(manifest.path("config").path("digest").asText())
        .isEqualTo(image.config().digest().toString());
    JsonNode config = OciJson.parse(image.config().content());
    assertThat(config.path("architecture").asText()).isEqualTo("arm64");
    assertThat(config.path("variant").asText()).isEqualTo("v8");
    for (int i = 0; i < 2; i++) {
      byte[] layer = image.layers().get(i).content().toByteArray();
      assertThat(manifest.at("/layers/" + i + "/digest").asText())
          .isEqualTo(Digest.sha256(layer).toString());
      byte[] tar = new GZIPInputStream(new ByteArrayInputStream(layer)).readAllBytes();
      assertThat(tar.length % 512).isZero();
      assertThat(new String(tar, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
      assertThat(config.at("/rootfs/diff_ids/" + i).asText())
          .isEqualTo(Digest.sha256(tar).toString());
    }
  }

  @Test
  void dockerMultiArchIsAManifestListWithPlatforms() {
    MultiArchImage image =
        RandomImages.create()
            .multiArch(ManifestFormat.DOCKER_V2, Platform.LINUX_AMD64, Platform.LINUX_ARM_V7);
    JsonNode index = image.index().json();
    assertThat(index.path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(index.at("/manifests/1/platform/variant").asText()).isEqualTo("v7");
    assertThat(index.at("/manifests/0/digest").asText())
        .isEqualTo(image.image(Platform.LINUX_AMD64).digest().toString());
    assertThat(image.image(Platform.LINUX_AMD64).manifest().mediaType())
        .isEqualTo(MediaTypes.DOCKER_MANIFEST);
    OciContent content = image.content("latest");
    assertThat(content.manifests().get(content.manifests().size() - 1).tag()).isEqualTo("latest");
  }
}
