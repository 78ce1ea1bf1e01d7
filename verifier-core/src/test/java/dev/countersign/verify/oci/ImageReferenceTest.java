package dev.countersign.verify.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.verify.Digest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Image references as Kubernetes pod specs and registries write them (Docker conventions). */
class ImageReferenceTest {
  private static final String HEX = "a".repeat(64);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "nginx,                                   docker.io, library/nginx,        latest",
    "nginx:1.25,                              docker.io, library/nginx,        1.25",
    "bitnami/redis:7,                         docker.io, bitnami/redis,        7",
    "docker.io/nginx,                         docker.io, library/nginx,        latest",
    "index.docker.io/library/nginx:stable,    docker.io, library/nginx,        stable",
    "registry-1.docker.io/acme/app:v1,        docker.io, acme/app,             v1",
    "localhost/app:dev,                       localhost, app,                  dev",
    "localhost:5000/team/app:dev,             localhost:5000, team/app,        dev",
    "127.0.0.1:5000/app,                      127.0.0.1:5000, app,             latest",
    "Registry.Example.COM/app:1,              registry.example.com, app,       1",
    "ghcr.io/acme/deep/path/app:sha-1a2b,     ghcr.io, acme/deep/path/app,     sha-1a2b",
    "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/prod/api:2025.08.1, "
        + "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com, prod/api, 2025.08.1",
    "acme/my_app__x-y.z:Tag_1.0-rc,           docker.io, acme/my_app__x-y.z,   Tag_1.0-rc",
  })
  void namesFollowDockerConventions(String text, String registry, String repository, String tag) {
    ImageReference r = ImageReference.parse(text);
    assertThat(r.registry()).isEqualTo(registry);
    assertThat(r.repository()).isEqualTo(repository);
    assertThat(r.tag()).contains(tag);
    assertThat(r.digest()).isEmpty();
    assertThat(r.isPinned()).isFalse();
    // The canonical form parses back to the same reference.
    assertThat(ImageReference.parse(r.toString())).isEqualTo(r);
  }

  @Test
  void aDigestPinsTheReferenceAndKeepsAnyTag() {
    ImageReference byDigest = ImageReference.parse("nginx@sha256:" + HEX);
    assertThat(byDigest.isPinned()).isTrue();
    assertThat(byDigest.tag()).isEmpty();
    assertThat(byDigest.digest()).contains(Digest.parse("sha256:" + HEX));
    assertThat(byDigest.toString()).isEqualTo("docker.io/library/nginx@sha256:" + HEX);

    ImageReference both = ImageReference.parse("localhost:5000/app:1.2@sha256:" + HEX);
    assertThat(both.registry()).isEqualTo("localhost:5000");
    assertThat(both.tag()).contains("1.2");
    assertThat(both.digest()).isPresent();
    assertThat(both.atDigest(both.digest().get()).tag()).isEmpty();
    assertThat(both.atTag("2").digest()).isEmpty();
  }

  @Test
  void anIpv6RegistryIsAHost() {
    ImageReference r = ImageReference.parse("[::1]:5000/app:1");
    assertThat(r.registry()).isEqualTo("[::1]:5000");
    assertThat(r.repository()).isEqualTo("app");
  }

  @Test
  void aResolvedTagKeepsTheTagForReports() {
    Digest d = Digest.parse("sha256:" + HEX);
    ImageReference r = ImageReference.parse("ghcr.io/acme/app:v1").resolvedTo(d);
    assertThat(r.tag()).contains("v1");
    assertThat(r.digest()).contains(d);
    assertThat(r.name()).isEqualTo("ghcr.io/acme/app");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(
      strings = {
        "",
        "   ",
        "Nginx",
        "acme/App:1",
        "nginx:",
        "nginx:-bad",
        "nginx@",
        "nginx@sha256:abc",
        "nginx@md5:a",
        "acme//app",
        "acme/app/",
        "/acme/app",
        "acme/-app",
        "acme/app..x",
        "exa mple.com/app",
        "example.com:port/app",
        "example.com/app:ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt",
      })
  void malformedReferencesAreRefusedWithAReason(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("null");
  }

  @Test
  void anOversizedReferenceIsRefusedBeforeParsing() {
    assertThatThrownBy(() -> ImageReference.parse("a/" + "b".repeat(5000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("oversized");
    assertThatThrownBy(() -> ImageReference.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRecordValidatesWhatItIsGiven() {
    assertThatThrownBy(
            () -> new ImageReference("docker.io", "Bad", Optional.of("1"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("repository");
    assertThatThrownBy(
            () -> new ImageReference("bad host", "app", Optional.of("1"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registry");
  }
}
