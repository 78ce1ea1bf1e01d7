package dev.countersign.verify.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.verify.internal.json.JsonFormatException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Headers, token responses, registry names and manifest shapes. */
class RegistryParsingTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void retryAfterSecondsAndHttpDates() {
    assertThat(RetryAfter.parse("7", NOW)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("Tue, 01 Jan 2030 00:00:30 GMT", NOW))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Mon, 31 Dec 2029 23:00:00 GMT", NOW)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-1", NOW)).isEmpty();
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
  }

  @Test
  void backoffGrowsWithJitterAndIsCapped() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
    for (int i = 0; i < 50; i++) {
      assertThat(b.delay(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(b.delay(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
      assertThat(b.delay(30)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    }
  }

  @Test
  void linkHeaderNextPage() {
    URI base = URI.create("https://r.example/v2/a/referrers/sha256:00");
    assertThat(
            LinkHeader.next(List.of("</v2/a/referrers/sha256:00?n=2&last=x>; rel=\"next\""), base))
        .contains(URI.create("https://r.example/v2/a/referrers/sha256:00?n=2&last=x"));
    assertThat(LinkHeader.next(List.of("<https://r.example/p>; rel=prev"), base)).isEmpty();
    assertThat(LinkHeader.next(List.of(), base)).isEmpty();
  }

  @Test
  void tokenResponses() throws Exception {
    TokenResponse t = TokenResponse.parse(bytes("{\"token\":\"abc\",\"expires_in\":300}"));
    assertThat(t).isEqualTo(new TokenResponse("abc", Duration.ofSeconds(300)));
    assertThat(TokenResponse.parse(bytes("{\"access_token\":\"xyz\"}")).lifetime())
        .isEqualTo(Duration.ofSeconds(60));
    assertThatThrownBy(() -> TokenResponse.parse(bytes("{\"expires_in\":3}")))
        .isInstanceOf(JsonFormatException.class);
    assertThatThrownBy(() -> TokenResponse.parse(bytes("{\"token\":\"a\\r\\nX-Evil: 1\"}")))
        .isInstanceOf(JsonFormatException.class);
    assertThatThrownBy(() -> TokenResponse.parse(bytes("{\"token\":\"a\",\"token\":\"b\"}")))
        .isInstanceOf(JsonFormatException.class);
  }

  @Test
  void registryNames() {
    assertThat(RegistryHosts.normalize("https://index.docker.io/v1/")).isEqualTo("docker.io");
    assertThat(RegistryHosts.normalize("registry-1.docker.io")).isEqualTo("docker.io");
    assertThat(RegistryHosts.normalize("http://LOCALHOST:5000/v2/")).isEqualTo("localhost:5000");
    assertThat(RegistryHosts.endpoint("docker.io", false))
        .isEqualTo(URI.create("https://registry-1.docker.io"));
    assertThat(RegistryHosts.endpoint("127.0.0.1:5000", true))
        .isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(
            RegistryHosts.sameOrigin(
                URI.create("https://a.example/x"), URI.create("https://a.example:443/y")))
        .isTrue();
    assertThat(
            RegistryHosts.sameOrigin(
                URI.create("https://a.example/x"), URI.create("https://b.example/x")))
        .isFalse();
    assertThat(
            RegistryHosts.sameOrigin(
                URI.create("https://a.example/x"), URI.create("http://a.example/x")))
        .isFalse();
  }

  @Test
  void manifestShapes() throws Exception {
    String config = "{\"mediaType\":\"c\",\"digest\":\"sha256:" + "0".repeat(64) + "\",\"size\":1}";
    ManifestDocument m =
        ManifestDocument.parse(
            bytes(
                "{\"schemaVersion\":2,\"config\":"
                    + config
                    + ",\"layers\":[],\"artifactType\":\"t\",\"subject\":"
                    + config
                    + "}"),
            null);
    assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(m.effectiveArtifactType()).contains("t");
    assertThat(m.subject()).isPresent();
    ManifestDocument noType =
        ManifestDocument.parse(
            bytes("{\"schemaVersion\":2,\"config\":" + config + ",\"layers\":[]}"),
            MediaTypes.DOCKER_MANIFEST);
    assertThat(noType.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(noType.effectiveArtifactType()).isEqualTo(Optional.of("c"));

    for (String bad :
        new String[] {
          "[]",
          "{\"schemaVersion\":1,\"config\":" + config + ",\"layers\":[]}",
          "{\"schemaVersion\":2,\"mediaType\":\"text/plain\",\"config\":"
              + config
              + ",\"layers\":[]}",
          "{\"schemaVersion\":2,\"config\":" + config + "}",
          "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\"}",
          "{\"schemaVersion\":2,\"config\":"
              + config.replace("sha256:", "md5:")
              + ",\"layers\":[]}",
          "{\"schemaVersion\":2,\"config\":"
              + config.replace("\"size\":1", "\"size\":-1")
              + ",\"layers\":[]}",
          "{\"schemaVersion\":2,\"config\":" + config + ",\"layers\":[],\"annotations\":{\"a\":1}}",
          "{\"schemaVersion\":2,\"manifests\":[],\"layers\":[]}",
          "{\"schemaVersion\":2,\"schemaVersion\":2,\"manifests\":[]}"
        }) {
      assertThatThrownBy(() -> ManifestDocument.parse(bytes(bad), null))
          .as(bad)
          .isInstanceOf(JsonFormatException.class);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
