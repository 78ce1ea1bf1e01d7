package dev.countersign.verify.it;

import static dev.countersign.verify.it.Fixtures.SIGNED_AT;
import static dev.countersign.verify.it.Fixtures.assertPass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.registry.RegistryAuth;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.it.RoundTrips.Trip;
import dev.countersign.verify.oci.DockerConfigCredentials;
import dev.countersign.verify.oci.OciRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, acceptance 4: once the client is warm (its bearer token cached), verifying a classic
 * signed image takes at most three registry round trips: the image manifest, the {@code .sig}
 * manifest and the signature payload. Counted with {@code RegistryConfig.listener}, which sees
 * every HTTP exchange (token requests and refused attempts included); deterministic, not a timing
 * test.
 */
class RoundTripsIT extends RegistryTestBase {
  private static final String USER = "puller";
  private static final String PASSWORD = "round-trip-pass";

  private final RandomImages images = RandomImages.create();
  private RoundTrips trips;
  private Verifier verifier;

  @Override
  RegistryProcess startRegistry() {
    return RegistryProcess.start(RegistryAuth.token(Map.of(USER, PASSWORD)));
  }

  @BeforeEach
  void newClient() {
    trips = new RoundTrips();
    String config = Credentials.dockerConfig(registry.hostPort(), USER, PASSWORD);
    verifier =
        Fixtures.verifier(
            OciRegistry.http(
                Fixtures.config(registry.hostPort())
                    .credentials(
                        DockerConfigCredentials.fromJson(config.getBytes(StandardCharsets.UTF_8)))
                    .listener(trips)
                    .build()));
  }

  /** Pushes a classic-signed image under tag v1; returns it. */
  private Image signedImage(String repo) {
    Image image = images.image(Platform.LINUX_AMD64);
    registry.client().push(repo, image.content("v1"));
    registry
        .client()
        .push(
            repo,
            CosignManifests.signatures(
                image.digest(),
                List.of(Fixtures.cosignRelease().sign(ref(repo), image.digest(), SIGNED_AT))));
    return image;
  }

  private List<Trip> verifyCounting(String reference) {
    trips.reset();
    assertPass(Fixtures.verify(verifier, reference, Fixtures.release()));
    return trips.trips();
  }

  private static List<String> shape(List<Trip> trips) {
    return trips.stream().map(Trip::toString).toList();
  }

  @Test
  void aWarmClientVerifiesAClassicSignedTagInThreeRoundTrips() {
    String repo = Fixtures.repository("round-trips");
    signedImage(repo);
    List<Trip> cold = verifyCounting(ref(repo) + ":v1");
    // Cold: the challenge, the token, then the three requests.
    assertThat(shape(cold))
        .containsExactly(
            "GET manifest 401",
            "GET token 200",
            "GET manifest 200",
            "GET manifest 200",
            "GET blob 200");
    List<Trip> warm = verifyCounting(ref(repo) + ":v1");
    assertThat(shape(warm))
        .as("warm round trips")
        .containsExactly("GET manifest 200", "GET manifest 200", "GET blob 200");
  }

  @Test
  void aWarmClientVerifiesAPinnedDigestInThreeRoundTrips() {
    String repo = Fixtures.repository("round-trips-digest");
    Image image = signedImage(repo);
    verifyCounting(ref(repo) + ":v1");
    assertThat(verifyCounting(ref(repo) + "@" + image.digest())).hasSizeLessThanOrEqualTo(3);
    // Another image of the same repository: the cached token covers it too.
    Image second = signedImage(repo);
    assertThat(shape(verifyCounting(ref(repo) + "@" + second.digest())))
        .containsExactly("GET manifest 200", "GET manifest 200", "GET blob 200");
  }

  @Test
  void aNewRepositoryCostsOneTokenButNoChallenge() {
    String first = Fixtures.repository("round-trips-a");
    String second = Fixtures.repository("round-trips-b");
    signedImage(first);
    signedImage(second);
    verifyCounting(ref(first) + ":v1");
    // The registry's challenge is remembered: the token for the new scope is fetched up front.
    assertThat(shape(verifyCounting(ref(second) + ":v1")))
        .containsExactly("GET token 200", "GET manifest 200", "GET manifest 200", "GET blob 200");
  }
}
