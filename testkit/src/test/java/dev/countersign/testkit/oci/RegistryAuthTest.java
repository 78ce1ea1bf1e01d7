package dev.countersign.testkit.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.oci.registry.Challenge;
import dev.countersign.testkit.oci.registry.RegistryAuth;
import dev.countersign.testkit.oci.registry.RegistryClient;
import dev.countersign.testkit.oci.registry.RegistryException;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import dev.countersign.testkit.oci.registry.TokenServer;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** htpasswd and token modes refuse anonymous and wrong credentials and accept the right ones. */
class RegistryAuthTest {
  private static final Map<String, String> USERS = Map.of("alice", "correct horse");

  @Test
  void htpasswdModeChallengesWithBasic() throws Exception {
    try (RegistryProcess registry = RegistryProcess.start(RegistryAuth.htpasswd(USERS))) {
      var anonymous = PlainHttp.get(registry.baseUri(), "/v2/", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(
              Challenge.parse(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow())
                  .scheme())
          .isEqualTo("basic");
      assertThat(
              RegistryClient.withCredentials(registry.baseUri(), "alice", "wrong").ping().status())
          .isEqualTo(401);

      RegistryClient alice = registry.client();
      assertThat(alice.ping().status()).isEqualTo(200);
      Image image = RandomImages.create().image(Platform.LINUX_AMD64);
      alice.push("private/app", image.content("v1"));
      assertThat(alice.getManifest("private/app", "v1").body())
          .isEqualTo(image.manifest().content());
      assertThat(PlainHttp.manifest(registry.baseUri(), "private/app", "v1").statusCode())
          .isEqualTo(401);
      Assertions.assertThatThrownBy(
              () -> registry.anonymousClient().push("private/app", image.content("v2")))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("401");
    }
  }

  @ParameterizedTest
  @EnumSource(TokenServer.KeyReference.class)
  void tokenModeRunsTheDockerTokenFlow(TokenServer.KeyReference reference) throws Exception {
    TokenServer.Builder tokens =
        TokenServer.builder().user("alice", "correct horse").keyReference(reference);
    try (RegistryProcess registry = RegistryProcess.start(RegistryAuth.token(tokens))) {
      TokenServer server = registry.tokenServer().orElseThrow();
      var anonymous = PlainHttp.get(registry.baseUri(), "/v2/", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      Challenge challenge =
          Challenge.parse(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
      assertThat(challenge.scheme()).isEqualTo("bearer");
      assertThat(challenge.parameter("realm")).isEqualTo(server.realm().toString());
      assertThat(challenge.parameter("service")).isEqualTo(server.service());

      assertThat(
              RegistryClient.withCredentials(registry.baseUri(), "alice", "wrong").ping().status())
          .isEqualTo(401);
      assertThat(server.requestsRefused()).isPositive();

      RegistryClient alice = registry.client();
      Image image = RandomImages.create().image(Platform.LINUX_AMD64);
      alice.push("team/app", image.content("v1"));
      assertThat(alice.getManifest("team/app", "v1").body()).isEqualTo(image.manifest().content());
      assertThat(server.tokensIssued()).isPositive();
      assertThat(PlainHttp.manifest(registry.baseUri(), "team/app", "v1").statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void rsaTokensAndPullOnlyUsers() {
    TokenServer.Builder tokens =
        TokenServer.builder()
            .keyAlgorithm(KeyAlgorithm.RSA_2048)
            .user("ci", "push-secret")
            .user("reader", "pull-secret", Set.of("pull"));
    try (RegistryProcess registry = RegistryProcess.start(RegistryAuth.token(tokens))) {
      Image image = RandomImages.create().image(Platform.LINUX_AMD64);
      registry.client().push("team/app", image.content("v1"));
      RegistryClient reader =
          RegistryClient.withCredentials(registry.baseUri(), "reader", "pull-secret");
      assertThat(reader.getManifest("team/app", "v1").status()).isEqualTo(200);
      Assertions.assertThatThrownBy(() -> reader.push("team/app", image.content("v2")))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("401");
    }
  }
}
