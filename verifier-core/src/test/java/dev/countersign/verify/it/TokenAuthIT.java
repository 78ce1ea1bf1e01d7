package dev.countersign.verify.it;

import static dev.countersign.verify.it.Fixtures.SIGNED_AT;
import static dev.countersign.verify.it.Fixtures.assertPass;
import static dev.countersign.verify.it.Fixtures.assertVerdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.registry.RegistryAuth;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import dev.countersign.verify.oci.DockerConfigCredentials;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryCredentials;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A registry behind the Docker token flow (distribution's {@code auth.token} and a token server):
 * the client answers the Bearer challenge with a token fetched using Basic credentials from a
 * Docker config or a pull secret.
 */
class TokenAuthIT extends RegistryTestBase {
  private static final String USER = "puller";
  private static final String PASSWORD = "s3cret-token-pass";
  private static final String REPO = "it/token";

  @Override
  RegistryProcess startRegistry() {
    return RegistryProcess.start(RegistryAuth.token(Map.of(USER, PASSWORD)));
  }

  @BeforeAll
  void publish() {
    if (registry == null) {
      return;
    }
    Image image = RandomImages.create().image(Platform.LINUX_AMD64);
    registry.client().push(REPO, image.content("v1"));
    registry
        .client()
        .push(
            REPO,
            CosignManifests.signatures(
                image.digest(),
                List.of(Fixtures.cosignRelease().sign(ref(REPO), image.digest(), SIGNED_AT))));
  }

  private Verdict verifyWith(RegistryCredentials credentials, RoundTrips trips) {
    OciRegistry client =
        OciRegistry.http(
            Fixtures.config(registry.hostPort()).credentials(credentials).listener(trips).build());
    return Fixtures.verify(Fixtures.verifier(client), ref(REPO) + ":v1", Fixtures.release());
  }

  @Test
  void aTokenIsFetchedWithCredentialsFromADockerConfig() {
    RoundTrips trips = new RoundTrips();
    int issued = registry.tokenServer().orElseThrow().tokensIssued();
    String config = Credentials.dockerConfig(registry.hostPort(), USER, PASSWORD);
    assertPass(
        verifyWith(
            DockerConfigCredentials.fromJson(config.getBytes(StandardCharsets.UTF_8)), trips));
    // One challenge, one token for the repository's pull scope, reused for every later request.
    assertThat(trips.count("token")).as(trips.trips().toString()).isEqualTo(1);
    assertThat(trips.trips().stream().filter(t -> t.status() == 401).count()).isEqualTo(1);
    assertThat(registry.tokenServer().orElseThrow().tokensIssued()).isEqualTo(issued + 1);
  }

  @Test
  void aTokenIsFetchedWithCredentialsFromAPullSecret() {
    assertPass(
        verifyWith(
            DockerConfigCredentials.fromPullSecret(
                Credentials.pullSecretData(registry.hostPort(), USER, PASSWORD)),
            new RoundTrips()));
  }

  @Test
  void aWrongPasswordIsAnAuthenticationError() {
    String config = Credentials.dockerConfig(registry.hostPort(), USER, "not-the-password");
    assertVerdict(
        verifyWith(
            DockerConfigCredentials.fromJson(config.getBytes(StandardCharsets.UTF_8)),
            new RoundTrips()),
        Outcome.ERROR,
        ReasonCode.REGISTRY_AUTH);
  }

  @Test
  void anonymousPullsAreRefused() {
    assertVerdict(
        verifyWith(RegistryCredentials.anonymous(), new RoundTrips()),
        Outcome.ERROR,
        ReasonCode.REGISTRY_AUTH);
  }
}
