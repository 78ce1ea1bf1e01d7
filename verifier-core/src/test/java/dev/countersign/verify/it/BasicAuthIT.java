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

/** A registry behind htpasswd (Basic) authentication, credentials from Docker config files. */
class BasicAuthIT extends RegistryTestBase {
  private static final String USER = "ci-reader";
  private static final String PASSWORD = "correct horse battery staple";
  private static final String REPO = "it/basic";

  @Override
  RegistryProcess startRegistry() {
    return RegistryProcess.start(RegistryAuth.htpasswd(Map.of(USER, PASSWORD)));
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

  private Verdict verifyWith(RegistryCredentials credentials) {
    OciRegistry client =
        OciRegistry.http(Fixtures.config(registry.hostPort()).credentials(credentials).build());
    return Fixtures.verify(Fixtures.verifier(client), ref(REPO) + ":v1", Fixtures.release());
  }

  @Test
  void credentialsFromADockerConfigJsonAreUsed() {
    String config = Credentials.dockerConfig(registry.hostPort(), USER, PASSWORD);
    assertPass(
        verifyWith(DockerConfigCredentials.fromJson(config.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void credentialsFromAPullSecretAreUsed() {
    assertPass(
        verifyWith(
            DockerConfigCredentials.fromPullSecret(
                Credentials.pullSecretData(registry.hostPort(), USER, PASSWORD))));
  }

  @Test
  void aWrongPasswordIsAnAuthenticationError() {
    String config = Credentials.dockerConfig(registry.hostPort(), USER, "wrong");
    Verdict v =
        verifyWith(DockerConfigCredentials.fromJson(config.getBytes(StandardCharsets.UTF_8)));
    assertVerdict(v, Outcome.ERROR, ReasonCode.REGISTRY_AUTH);
  }

  @Test
  void noCredentialsIsAnAuthenticationError() {
    assertVerdict(
        verifyWith(RegistryCredentials.anonymous()), Outcome.ERROR, ReasonCode.REGISTRY_AUTH);
    // Credentials for another registry are not sent here.
    String config = Credentials.dockerConfig("registry.example", USER, PASSWORD);
    assertVerdict(
        verifyWith(DockerConfigCredentials.fromJson(config.getBytes(StandardCharsets.UTF_8))),
        Outcome.ERROR,
        ReasonCode.REGISTRY_AUTH);
  }

  @Test
  void aWarmClientSendsBasicCredentialsWithoutWaitingForAChallenge() {
    RoundTrips trips = new RoundTrips();
    String config = Credentials.dockerConfig(registry.hostPort(), USER, PASSWORD);
    OciRegistry client =
        OciRegistry.http(
            Fixtures.config(registry.hostPort())
                .credentials(
                    DockerConfigCredentials.fromJson(config.getBytes(StandardCharsets.UTF_8)))
                .listener(trips)
                .build());
    var verifier = Fixtures.verifier(client);
    assertPass(Fixtures.verify(verifier, ref(REPO) + ":v1", Fixtures.release()));
    trips.reset();
    assertPass(Fixtures.verify(verifier, ref(REPO) + ":v1", Fixtures.release()));
    assertThat(trips.trips()).as(trips.trips().toString()).hasSizeLessThanOrEqualTo(3);
    assertThat(trips.trips()).noneMatch(t -> t.status() == 401);
  }
}
