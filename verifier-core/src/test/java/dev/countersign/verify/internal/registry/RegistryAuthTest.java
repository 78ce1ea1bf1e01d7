package dev.countersign.verify.internal.registry;

import static dev.countersign.verify.internal.registry.RegistryFixtures.REPO;
import static dev.countersign.verify.internal.registry.RegistryFixtures.failsWithin;
import static dev.countersign.verify.internal.registry.RegistryFixtures.fast;
import static dev.countersign.verify.internal.registry.RegistryFixtures.imageManifest;
import static dev.countersign.verify.internal.registry.RegistryFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.verify.oci.Descriptor;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryCredential;
import dev.countersign.verify.oci.RegistryCredentials;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.RegistryException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryAuthTest {
  private static final Duration QUICK = Duration.ofSeconds(2);
  private static final RegistryCredentials ALICE =
      r ->
          Optional.of(
              new RegistryCredential.Basic(
                  FakeRegistry.USER, FakeRegistry.PASSWORD, Optional.empty()));

  private FakeRegistry registry;
  private Descriptor layer;
  private final List<String> trips = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    registry = FakeRegistry.http();
    Descriptor config =
        registry.putBlob(
            "{}".getBytes(StandardCharsets.UTF_8), "application/vnd.oci.image.config.v1+json");
    layer = registry.putBlob("layer".getBytes(StandardCharsets.UTF_8), "application/x-test");
    byte[] manifest = imageManifest(config, Optional.empty(), Map.of(), layer);
    registry.putManifest(REPO, "v1", manifest, MediaTypes.OCI_MANIFEST);
    registry.putManifest("other/repo", "v1", manifest, MediaTypes.OCI_MANIFEST);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private OciRegistry client(RegistryCredentials credentials) {
    return client(credentials, new MutableClock(Instant.parse("2030-01-01T00:00:00Z")));
  }

  private OciRegistry client(RegistryCredentials credentials, MutableClock clock) {
    return OciRegistry.http(
        fast(registry)
            .credentials(credentials)
            .clock(clock)
            .listener((r, op, method, status, elapsed) -> trips.add(op + " " + status))
            .build());
  }

  @Test
  void basicAuthAnswersTheChallengeThenGoesStraightIn() throws Exception {
    registry.auth = FakeRegistry.Auth.BASIC;
    OciRegistry client = client(ALICE);
    client.manifest(ref(registry, "v1"));
    assertThat(trips).containsExactly("manifest 401", "manifest 200");
    trips.clear();
    client.blob(ref(registry, "v1"), layer);
    assertThat(trips).containsExactly("blob 200");
    assertThat(registry.registryRequests().get(2).authorization())
        .isEqualTo(FakeRegistry.basicHeader());
  }

  @Test
  void bearerTokenWithBasicCredentialsForTheRepositoryScope() throws Exception {
    registry.auth = FakeRegistry.Auth.BEARER;
    client(ALICE).manifest(ref(registry, "v1"));
    assertThat(registry.lastTokenQuery())
        .isEqualTo("service=fake, registry&scope=repository:team/app:pull");
    FakeRegistry.Seen token =
        registry.seen.stream().filter(s -> s.path().equals("/token")).findFirst().orElseThrow();
    assertThat(token.authorization()).isEqualTo(FakeRegistry.basicHeader());
    assertThat(registry.registryRequests().get(1).authorization()).isEqualTo("Bearer tok-1");
  }

  @Test
  void anonymousBearerToken() throws Exception {
    registry.auth = FakeRegistry.Auth.BEARER;
    registry.tokenNeedsCredentials = false;
    registry.tokenField = "access_token";
    client(RegistryCredentials.anonymous()).manifest(ref(registry, "v1"));
    assertThat(registry.seen.stream().filter(s -> s.path().equals("/token")))
        .allMatch(s -> s.authorization() == null);
  }

  @Test
  void tokensAreCachedPerScopeAndTheChallengeIsRemembered() throws Exception {
    registry.auth = FakeRegistry.Auth.BEARER;
    OciRegistry client = client(ALICE);
    client.manifest(ref(registry, "v1"));
    client.manifest(ref(registry, "v1"));
    client.blob(ref(registry, "v1"), layer);
    assertThat(registry.tokensIssued.get()).isEqualTo(1);
    trips.clear();
    client.manifest(ImageReference.parse(registry.host + "/other/repo:v1"));
    assertThat(trips)
        .as("a new scope: token first, no 401")
        .containsExactly("token 200", "manifest 200");
    assertThat(registry.lastTokenQuery()).contains("scope=repository:other/repo:pull");
  }

  @Test
  void concurrentColdRequestsShareOneTokenRequest() throws Exception {
    registry.auth = FakeRegistry.Auth.BEARER;
    registry.tokenDelayMillis = 300;
    OciRegistry client = client(ALICE);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(pool.submit(() -> client.manifest(ref(registry, "v1"))));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(registry.tokensIssued.get()).isEqualTo(1);
  }

  @Test
  void anExpiredTokenIsReplaced() throws Exception {
    registry.auth = FakeRegistry.Auth.BEARER;
    registry.tokenExpiresIn = 60;
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    OciRegistry client = client(ALICE, clock);
    client.manifest(ref(registry, "v1"));
    clock.advance(Duration.ofSeconds(50));
    client.manifest(ref(registry, "v1"));
    assertThat(registry.tokensIssued.get()).as("still valid at 50 s").isEqualTo(1);
    clock.advance(Duration.ofSeconds(10));
    trips.clear();
    client.manifest(ref(registry, "v1"));
    assertThat(registry.tokensIssued.get()).isEqualTo(2);
    assertThat(trips).containsExactly("token 200", "manifest 200");
  }

  @Test
  void aRevokedTokenIsRefetchedOnce() throws Exception {
    registry.auth = FakeRegistry.Auth.BEARER;
    OciRegistry client = client(ALICE);
    client.manifest(ref(registry, "v1"));
    registry.revokeTokens();
    trips.clear();
    client.manifest(ref(registry, "v1"));
    assertThat(trips).containsExactly("manifest 401", "token 200", "manifest 200");
  }

  @Test
  void identityTokensAreExchangedWithARefreshTokenPost() throws Exception {
    registry.auth = FakeRegistry.Auth.BEARER;
    client(r -> Optional.of(new RegistryCredential.IdentityToken(FakeRegistry.REFRESH_TOKEN)))
        .manifest(ref(registry, "v1"));
    assertThat(registry.seen.stream().filter(s -> s.path().equals("/token")))
        .singleElement()
        .satisfies(s -> assertThat(s.method()).isEqualTo("POST"));
  }

  @Test
  void registryTokensAreSentAsBearerTokens() throws Exception {
    registry.auth = FakeRegistry.Auth.BEARER;
    registry.allowToken("ready-made");
    client(r -> Optional.of(new RegistryCredential.BearerToken("ready-made", Optional.empty())))
        .manifest(ref(registry, "v1"));
    assertThat(trips).containsExactly("manifest 200");
    assertThat(registry.tokensIssued.get()).isZero();
  }

  @Test
  void wrongCredentialsAreUnauthorized() {
    registry.auth = FakeRegistry.Auth.BEARER;
    OciRegistry client =
        client(r -> Optional.of(new RegistryCredential.Basic("alice", "wrong", Optional.empty())));
    failsWithin(QUICK, Kind.UNAUTHORIZED, () -> client.manifest(ref(registry, "v1")));
    registry.auth = FakeRegistry.Auth.BASIC;
    OciRegistry basic =
        client(r -> Optional.of(new RegistryCredential.Basic("alice", "wrong", Optional.empty())));
    failsWithin(QUICK, Kind.UNAUTHORIZED, () -> basic.manifest(ref(registry, "v1")));
  }

  @Test
  void aRegistryThatRefusesItsOwnTokensIsUnauthorized() {
    registry.auth = FakeRegistry.Auth.BEARER;
    registry.fault =
        ex -> {
          registry.revokeTokens();
          return false;
        };
    failsWithin(QUICK, Kind.UNAUTHORIZED, () -> client(ALICE).manifest(ref(registry, "v1")));
    assertThat(registry.tokensIssued.get()).isEqualTo(1);
  }

  @Test
  void a401WithoutAChallengeIsUnauthorized() {
    registry.fault = ex -> RegistryFaultsTest.status(ex, 401);
    failsWithin(QUICK, Kind.UNAUTHORIZED, () -> client(ALICE).manifest(ref(registry, "v1")));
  }

  @Test
  void aTokenServiceThatForbidsIsForbidden() throws Exception {
    try (FakeRegistry tokens = FakeRegistry.http()) {
      tokens.fault = ex -> RegistryFaultsTest.status(ex, 403);
      registry.fault =
          ex -> {
            ex.getResponseHeaders()
                .add("WWW-Authenticate", "Bearer realm=\"" + tokens.base + "/deny\"");
            return RegistryFaultsTest.status(ex, 401);
          };
      failsWithin(QUICK, Kind.FORBIDDEN, () -> client(ALICE).manifest(ref(registry, "v1")));
    }
  }

  @Test
  void credentialSourceFailuresKeepTheirKind() {
    registry.auth = FakeRegistry.Auth.BASIC;
    OciRegistry client =
        client(
            r -> {
              throw new RegistryException(Kind.UNAVAILABLE, r, "token service down");
            });
    failsWithin(QUICK, Kind.UNAVAILABLE, () -> client.manifest(ref(registry, "v1")));
  }

  @Test
  void redirectsToAnotherHostDropAuthorization() throws Exception {
    registry.auth = FakeRegistry.Auth.BEARER;
    try (FakeRegistry storage = FakeRegistry.http()) {
      Descriptor stored =
          storage.putBlob("layer".getBytes(StandardCharsets.UTF_8), "application/x-test");
      registry.fault =
          ex -> {
            if (ex.getRequestURI().getPath().contains("/blobs/")
                && ex.getRequestHeaders().getFirst("Authorization") != null) {
              ex.getResponseHeaders()
                  .add(
                      "Location",
                      storage.base + "/v2/any/blobs/" + stored.digest() + "?X-Signature=abc");
              return RegistryFaultsTest.status(ex, 307);
            }
            return false;
          };
      byte[] bytes = client(ALICE).blob(ref(registry, "v1"), layer);
      assertThat(bytes).isEqualTo("layer".getBytes(StandardCharsets.UTF_8));
      assertThat(storage.seen)
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.authorization()).isNull();
                assertThat(s.query()).isEqualTo("X-Signature=abc");
              });
    }
  }

  @Test
  void redirectsOnTheSameOriginKeepAuthorization() throws Exception {
    registry.auth = FakeRegistry.Auth.BASIC;
    registry.fault =
        ex -> {
          if (ex.getRequestURI().getPath().endsWith("/manifests/old")) {
            ex.getResponseHeaders().add("Location", "/v2/" + REPO + "/manifests/v1");
            return RegistryFaultsTest.status(ex, 301);
          }
          return false;
        };
    client(ALICE).manifest(ref(registry, "old"));
    assertThat(
            registry.registryRequests().get(registry.registryRequests().size() - 1).authorization())
        .isEqualTo(FakeRegistry.basicHeader());
  }
}
