package dev.countersign.verify.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.verify.oci.ImageReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which images a policy's glob covers. */
class ImageGlobTest {

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    // "**" is every image, wherever it is hosted.
    "**,                          ghcr.io/acme/app:1,                       true",
    "**,                          nginx,                                    true",
    "**,                          bitnami/redis,                            true",
    "**,                          localhost:5000/app,                       true",
    "**,                          123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/prod/api, true",
    "*/**,                        ghcr.io/acme/app,                         true",
    "**/app,                      registry.example.com/team/app,            true",
    "**/app,                      registry.example.com/team/api,            false",
    // Without a registry, a glob is a Docker Hub name, like an image reference.
    "nginx,                       nginx:1.25,                               true",
    "nginx,                       docker.io/library/nginx,                  true",
    "nginx,                       ghcr.io/library/nginx,                    false",
    "*,                           nginx,                                    true",
    "*,                           bitnami/redis,                            false",
    "acme/*,                      acme/app,                                 true",
    "acme/*,                      ghcr.io/acme/app,                         false",
    "index.docker.io/acme/*,      acme/app,                                 true",
    // With a registry: "*" stays inside one path segment, "**" does not.
    "registry.example.com/team/*, registry.example.com/team/app,            true",
    "registry.example.com/team/*, registry.example.com/team/sub/app,        false",
    "registry.example.com/**,     registry.example.com/team/sub/app,        true",
    "registry.example.com/**,     registry.example.com.evil.io/app,         false",
    "*.example.com/**,            registry.example.com/app,                 true",
    "ghcr.io/acme/service-?,      ghcr.io/acme/service-a,                   true",
    "ghcr.io/acme/service-?,      ghcr.io/acme/service-ab,                  false",
    "localhost:5000/*,            localhost:5000/app@sha256:"
        + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, true",
    // Everything else is literal: a dot is a dot.
    "ghcr.io/acme/app.v1,         ghcr.io/acme/appxv1,                      false",
  })
  void matches(String glob, String image, boolean expected) {
    assertThat(ImageGlob.of(glob).matches(ImageReference.parse(image))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "ghcr.io/acme/ app"})
  void blankOrSpacedGlobsAreRefused(String glob) {
    assertThatThrownBy(() -> ImageGlob.of(glob)).isInstanceOf(PolicyException.class);
  }
}
