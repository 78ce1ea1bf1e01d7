package dev.countersign.verify.internal.registry;

import static dev.countersign.verify.internal.registry.RegistryFixtures.REPO;
import static dev.countersign.verify.internal.registry.RegistryFixtures.failsWithin;
import static dev.countersign.verify.internal.registry.RegistryFixtures.fast;
import static dev.countersign.verify.internal.registry.RegistryFixtures.imageManifest;
import static dev.countersign.verify.internal.registry.RegistryFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.verify.Digest;
import dev.countersign.verify.oci.Descriptor;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryConfig;
import dev.countersign.verify.oci.RegistryCredential;
import dev.countersign.verify.oci.RegistryException.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTlsTest {
  private static final Duration QUICK = Duration.ofSeconds(2);
  private static TestTlsCa ca;
  private static FakeRegistry registry;
  private static Digest digest;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    ca = TestTlsCa.create("registry");
    registry = FakeRegistry.https(ca.serverContext);
    Descriptor config =
        registry.putBlob(
            "{}".getBytes(StandardCharsets.UTF_8), "application/vnd.oci.image.config.v1+json");
    digest =
        registry.putManifest(
            REPO, "v1", imageManifest(config, Optional.empty(), Map.of()), MediaTypes.OCI_MANIFEST);
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @Test
  void aCustomCaIsTrusted() throws Exception {
    OciRegistry client = OciRegistry.http(fast(registry).caCertificates(ca.writePem(dir)).build());
    assertThat(client.manifest(ref(registry, "v1")).digest()).isEqualTo(digest);
  }

  @Test
  void customCasAreAddedToTheJdkCasNotSubstitutedForThem() throws Exception {
    KeyStore store = RegistryTls.trustStore(List.of(ca.writePem(dir)));
    List<String> aliases = Collections.list(store.aliases());
    assertThat(aliases).anyMatch(a -> a.startsWith("custom-"));
    assertThat(aliases.stream().filter(a -> a.startsWith("jdk-")).count()).isGreaterThan(10);
  }

  @Test
  void withoutTheCaTheRegistryIsUnavailableWithoutRetrying() {
    AtomicInteger attempts = new AtomicInteger();
    OciRegistry client =
        OciRegistry.http(
            fast(registry).listener((r, op, m, status, e) -> attempts.incrementAndGet()).build());
    var e = failsWithin(QUICK, Kind.UNAVAILABLE, () -> client.manifest(ref(registry, "v1")));
    assertThat(e.getMessage()).contains("TLS");
    assertThat(attempts.get()).isEqualTo(1);
  }

  @Test
  void anotherCaIsNotTrusted() throws Exception {
    Path other = TestTlsCa.create("other").writePem(dir);
    OciRegistry client = OciRegistry.http(fast(registry).caCertificates(other).build());
    failsWithin(QUICK, Kind.UNAVAILABLE, () -> client.manifest(ref(registry, "v1")));
  }

  @Test
  void plainHttpOnlyForRegistriesMarkedInsecure() throws Exception {
    try (FakeRegistry plain = FakeRegistry.http()) {
      plain.auth = FakeRegistry.Auth.BASIC;
      Descriptor config = plain.putBlob("{}".getBytes(StandardCharsets.UTF_8), "x/config");
      Digest d =
          plain.putManifest(
              REPO,
              "v1",
              imageManifest(config, Optional.empty(), Map.of()),
              MediaTypes.OCI_MANIFEST);
      RegistryConfig notInsecure =
          RegistryConfig.builder()
              .credentials(
                  r ->
                      Optional.of(
                          new RegistryCredential.Basic(
                              FakeRegistry.USER, FakeRegistry.PASSWORD, Optional.empty())))
              .requestTimeout(Duration.ofMillis(500))
              .retries(0, Duration.ofMillis(10), Duration.ofMillis(10))
              .build();
      failsWithin(
          QUICK, Kind.UNAVAILABLE, () -> OciRegistry.http(notInsecure).manifest(ref(plain, "v1")));
      assertThat(plain.seen).as("nothing readable reached the plain-HTTP server").isEmpty();

      OciRegistry insecure =
          OciRegistry.http(fast(plain).credentials(notInsecure.credentials()).build());
      assertThat(insecure.manifest(ref(plain, "v1")).digest()).isEqualTo(d);
    }
  }

  @Test
  void aTokenRealmOverPlainHttpIsRefusedForAnHttpsRegistry() throws Exception {
    try (FakeRegistry tokens = FakeRegistry.http()) {
      registry.fault =
          ex -> {
            ex.getResponseHeaders()
                .add(
                    "WWW-Authenticate", "Bearer realm=\"" + tokens.base + "/token\",service=\"x\"");
            return RegistryFaultsTest.status(ex, 401);
          };
      OciRegistry client =
          OciRegistry.http(
              fast(registry)
                  .caCertificates(ca.writePem(dir))
                  .credentials(
                      r -> Optional.of(new RegistryCredential.Basic("u", "p", Optional.empty())))
                  .build());
      var e = failsWithin(QUICK, Kind.UNAUTHORIZED, () -> client.manifest(ref(registry, "v1")));
      assertThat(e.getMessage()).contains("HTTPS required");
      assertThat(tokens.seen).isEmpty();
    } finally {
      registry.fault = null;
    }
  }

  @Test
  void redirectsMustNotDowngradeToPlainHttp() throws Exception {
    try (FakeRegistry plain = FakeRegistry.http()) {
      registry.fault =
          ex -> {
            ex.getResponseHeaders().add("Location", plain.base + "/v2/x/manifests/v1");
            return RegistryFaultsTest.status(ex, 302);
          };
      OciRegistry client =
          OciRegistry.http(fast(registry).caCertificates(ca.writePem(dir)).build());
      failsWithin(QUICK, Kind.SERVER_ERROR, () -> client.manifest(ref(registry, "v1")));
      assertThat(plain.seen).isEmpty();
    } finally {
      registry.fault = null;
    }
  }

  @Test
  void anUnreadableCaFileIsAConfigurationError() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
    assertThatThrownBy(
            () -> OciRegistry.http(RegistryConfig.builder().caCertificates(junk).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("junk.pem");
  }
}
