package dev.countersign.verify.internal.registry;

import static dev.countersign.verify.internal.registry.RegistryFixtures.REPO;
import static dev.countersign.verify.internal.registry.RegistryFixtures.failsWithin;
import static dev.countersign.verify.internal.registry.RegistryFixtures.fast;
import static dev.countersign.verify.internal.registry.RegistryFixtures.imageManifest;
import static dev.countersign.verify.internal.registry.RegistryFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.countersign.verify.Digest;
import dev.countersign.verify.oci.Descriptor;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every registry fault ends as a RegistryException of its own kind (so a verdict of ERROR or FAIL
 * with a distinct reason, never PASS), within an asserted time.
 */
class RegistryFaultsTest {
  private static final Duration QUICK = Duration.ofSeconds(2);
  private FakeRegistry registry;
  private Descriptor layer;
  private byte[] manifest;
  private Digest digest;

  @BeforeEach
  void start() throws Exception {
    registry = FakeRegistry.http();
    Descriptor config =
        registry.putBlob(
            "{}".getBytes(StandardCharsets.UTF_8), "application/vnd.oci.image.config.v1+json");
    layer = registry.putBlob(new byte[1000], "application/octet-stream");
    manifest = imageManifest(config, Optional.empty(), Map.of(), layer);
    digest = registry.putManifest(REPO, "v1", manifest, MediaTypes.OCI_MANIFEST);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private OciRegistry client() {
    return OciRegistry.http(fast(registry).build());
  }

  private void onManifests(FakeRegistry.Fault f) {
    registry.fault = ex -> ex.getRequestURI().getPath().contains("/manifests/") && f.handle(ex);
  }

  @Test
  void connectionRefusedIsUnavailableAfterRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    OciRegistry client = OciRegistry.http(fast(null).insecureRegistry(host).build());
    var e =
        failsWithin(
            QUICK,
            Kind.UNAVAILABLE,
            () -> client.manifest(ImageReference.parse(host + "/team/app:v1")));
    assertThat(e.getMessage()).contains("3 attempts");
  }

  @Test
  void unknownHostIsUnavailable() {
    OciRegistry client = OciRegistry.http(fast(null).build());
    failsWithin(
        Duration.ofSeconds(5),
        Kind.UNAVAILABLE,
        () -> client.manifest(ImageReference.parse("registry.invalid/team/app:v1")));
  }

  @Test
  void aRegistrySlowerThanTheTimeoutIsTimeoutWithinTheBudget() {
    onManifests(ex -> sleep(5000));
    OciRegistry client =
        OciRegistry.http(
            fast(registry)
                .requestTimeout(Duration.ofMillis(300))
                .operationTimeout(Duration.ofMillis(1000))
                .build());
    failsWithin(Duration.ofMillis(1500), Kind.TIMEOUT, () -> client.manifest(ref(registry, "v1")));
  }

  @Test
  void aBodyThatTricklesPastTheTimeoutIsTimeout() {
    onManifests(
        ex -> {
          ex.sendResponseHeaders(200, manifest.length);
          OutputStream out = ex.getResponseBody();
          out.write(manifest, 0, 10);
          out.flush();
          sleep(5000);
          return true;
        });
    OciRegistry client =
        OciRegistry.http(
            fast(registry)
                .requestTimeout(Duration.ofMillis(300))
                .operationTimeout(Duration.ofMillis(1000))
                .build());
    failsWithin(Duration.ofMillis(1500), Kind.TIMEOUT, () -> client.manifest(ref(registry, "v1")));
  }

  @Test
  void unauthorizedWithoutCredentials() {
    registry.auth = FakeRegistry.Auth.BASIC;
    failsWithin(QUICK, Kind.UNAUTHORIZED, () -> client().manifest(ref(registry, "v1")));
  }

  @Test
  void forbidden() {
    onManifests(ex -> status(ex, 403));
    failsWithin(QUICK, Kind.FORBIDDEN, () -> client().manifest(ref(registry, "v1")));
  }

  @Test
  void notFound() {
    failsWithin(QUICK, Kind.NOT_FOUND, () -> client().manifest(ref(registry, "missing")));
    failsWithin(
        QUICK,
        Kind.NOT_FOUND,
        () -> client().blob(ref(registry, "v1"), RegistryFixtures.descriptor("x", new byte[3])));
  }

  @Test
  void otherClientErrorsAreServerErrors() {
    onManifests(ex -> status(ex, 400));
    failsWithin(QUICK, Kind.SERVER_ERROR, () -> client().manifest(ref(registry, "v1")));
  }

  @Test
  void rateLimitedHonoursRetryAfter() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    onManifests(
        ex -> {
          if (calls.getAndIncrement() > 0) {
            return false;
          }
          ex.getResponseHeaders().add("Retry-After", "1");
          return status(ex, 429);
        });
    OciRegistry client =
        OciRegistry.http(
            fast(registry).retries(2, Duration.ofMillis(10), Duration.ofSeconds(2)).build());
    long start = System.nanoTime();
    assertThat(client.manifest(ref(registry, "v1")).digest()).isEqualTo(digest);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1000))
        .isLessThan(Duration.ofMillis(2500));
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void aRetryAfterLongerThanTheClientWaitsFailsAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    onManifests(
        ex -> {
          calls.incrementAndGet();
          ex.getResponseHeaders().add("Retry-After", "3600");
          return status(ex, 429);
        });
    var e =
        // Well inside the 3 s operation budget that waiting would have used up.
        failsWithin(QUICK, Kind.RATE_LIMITED, () -> client().manifest(ref(registry, "v1")));
    assertThat(e.getMessage()).contains("Retry-After 3600");
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void aRetryAfterBeyondTheOperationBudgetFailsAtOnce() {
    onManifests(
        ex -> {
          ex.getResponseHeaders().add("Retry-After", "2");
          return status(ex, 503);
        });
    OciRegistry client =
        OciRegistry.http(
            fast(registry)
                .retries(3, Duration.ofMillis(10), Duration.ofSeconds(5))
                .operationTimeout(Duration.ofSeconds(1))
                .build());
    failsWithin(
        Duration.ofMillis(500), Kind.SERVER_ERROR, () -> client.manifest(ref(registry, "v1")));
  }

  @Test
  void persistentRateLimitIsRateLimited() {
    onManifests(ex -> status(ex, 429));
    failsWithin(QUICK, Kind.RATE_LIMITED, () -> client().manifest(ref(registry, "v1")));
  }

  @Test
  void aServerErrorThenSuccessIsRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    onManifests(ex -> calls.getAndIncrement() == 0 && status(ex, 500));
    assertThat(client().manifest(ref(registry, "v1")).digest()).isEqualTo(digest);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void persistentServerErrorsFailAfterTheRetries() {
    AtomicInteger calls = new AtomicInteger();
    onManifests(ex -> calls.incrementAndGet() > 0 && status(ex, 500));
    var e = failsWithin(QUICK, Kind.SERVER_ERROR, () -> client().manifest(ref(registry, "v1")));
    assertThat(calls.get()).isEqualTo(3);
    assertThat(e.getMessage()).contains("HTTP 500").contains("3 attempts");
  }

  @Test
  void malformedManifestJson() {
    onManifests(ex -> body(ex, MediaTypes.OCI_MANIFEST, "{\"schemaVersion\":2,"));
    failsWithin(QUICK, Kind.MALFORMED, () -> client().manifest(ref(registry, "v1")));
  }

  @Test
  void wrongManifestMediaType() {
    onManifests(
        ex ->
            body(
                ex,
                "application/json",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v1"
                    + "+prettyjws\",\"layers\":[]}"));
    failsWithin(QUICK, Kind.MALFORMED, () -> client().manifest(ref(registry, "v1")));
  }

  @Test
  void mediaTypeHeaderAndBodyMustAgree() {
    onManifests(ex -> body(ex, MediaTypes.OCI_INDEX, new String(manifest, StandardCharsets.UTF_8)));
    failsWithin(QUICK, Kind.MALFORMED, () -> client().manifest(ref(registry, "v1")));
  }

  @Test
  void oversizedManifestWithContentLengthIsRefusedBeforeReading() {
    onManifests(
        ex -> {
          ex.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST);
          ex.sendResponseHeaders(200, 10_000_000);
          sleep(3000); // never sends the body: the client must not wait for it
          return true;
        });
    OciRegistry client = OciRegistry.http(fast(registry).maxManifestBytes(1024).build());
    // Waiting for the body would end in TIMEOUT, not TOO_LARGE.
    failsWithin(QUICK, Kind.TOO_LARGE, () -> client.manifest(ref(registry, "v1")));
  }

  @Test
  void oversizedManifestWithoutContentLengthIsCutOff() {
    onManifests(ex -> stream(ex, 50_000_000));
    OciRegistry client = OciRegistry.http(fast(registry).maxManifestBytes(1024).build());
    failsWithin(QUICK, Kind.TOO_LARGE, () -> client.manifest(ref(registry, "v1")));
  }

  @Test
  void oversizedBlobs() {
    registry.fault =
        ex -> ex.getRequestURI().getPath().contains("/blobs/") && stream(ex, 50_000_000);
    failsWithin(QUICK, Kind.TOO_LARGE, () -> client().blob(ref(registry, "v1"), layer));
    registry.fault =
        ex -> {
          if (!ex.getRequestURI().getPath().contains("/blobs/")) {
            return false;
          }
          ex.sendResponseHeaders(200, 50_000_000);
          sleep(3000);
          return true;
        };
    failsWithin(QUICK, Kind.TOO_LARGE, () -> client().blob(ref(registry, "v1"), layer));
    Descriptor huge =
        new Descriptor(
            layer.mediaType(),
            layer.digest(),
            1L << 40,
            Optional.empty(),
            Map.of(),
            Optional.empty());
    int before = registry.seen.size();
    failsWithin(QUICK, Kind.TOO_LARGE, () -> client().blob(ref(registry, "v1"), huge));
    assertThat(registry.seen).as("refused without a request").hasSize(before);
  }

  @Test
  void manifestDigestMismatch() {
    Digest other = ContentDigests.compute("sha256", new byte[] {42});
    registry.putManifest(REPO, null, manifest, MediaTypes.OCI_MANIFEST);
    onManifests(
        ex -> body(ex, MediaTypes.OCI_MANIFEST, new String(manifest, StandardCharsets.UTF_8)));
    failsWithin(QUICK, Kind.DIGEST_MISMATCH, () -> client().manifest(ref(registry, other)));
  }

  @Test
  void dockerContentDigestMustAgreeForTags() {
    onManifests(
        ex -> {
          ex.getResponseHeaders()
              .add(
                  "Docker-Content-Digest",
                  ContentDigests.compute("sha256", new byte[] {7}).toString());
          return body(ex, MediaTypes.OCI_MANIFEST, new String(manifest, StandardCharsets.UTF_8));
        });
    failsWithin(QUICK, Kind.DIGEST_MISMATCH, () -> client().manifest(ref(registry, "v1")));
  }

  @Test
  void blobDigestAndSizeMismatch() {
    Descriptor lying =
        new Descriptor(
            layer.mediaType(),
            ContentDigests.compute("sha256", new byte[] {9}),
            layer.size(),
            Optional.empty(),
            Map.of(),
            Optional.empty());
    registry.fault =
        ex ->
            ex.getRequestURI().getPath().contains("/blobs/")
                && body(ex, "application/octet-stream", "x".repeat(1000));
    failsWithin(QUICK, Kind.DIGEST_MISMATCH, () -> client().blob(ref(registry, "v1"), lying));
    registry.fault =
        ex ->
            ex.getRequestURI().getPath().contains("/blobs/")
                && body(ex, "application/octet-stream", "short");
    failsWithin(QUICK, Kind.DIGEST_MISMATCH, () -> client().blob(ref(registry, "v1"), layer));
  }

  @Test
  void tooManyRedirects() {
    onManifests(
        ex -> {
          ex.getResponseHeaders().add("Location", ex.getRequestURI().getPath());
          return status(ex, 302);
        });
    failsWithin(QUICK, Kind.SERVER_ERROR, () -> client().manifest(ref(registry, "v1")));
    assertThat(registry.registryRequests()).hasSize(6);
  }

  static boolean status(HttpExchange ex, int code) throws IOException {
    FakeRegistry.send(
        ex,
        code,
        "application/json",
        "{\"errors\":[{\"code\":\"X\"}]}".getBytes(StandardCharsets.UTF_8));
    return true;
  }

  static boolean body(HttpExchange ex, String contentType, String body) throws IOException {
    FakeRegistry.send(ex, 200, contentType, body.getBytes(StandardCharsets.UTF_8));
    return true;
  }

  /** A chunked body (no Content-Length) of {@code size} bytes, written until the client leaves. */
  static boolean stream(HttpExchange ex, long size) {
    try {
      ex.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST);
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      byte[] chunk = new byte[8192];
      for (long sent = 0; sent < size; sent += chunk.length) {
        out.write(chunk);
      }
      out.close();
    } catch (IOException e) {
      // the client hung up, as it should
    }
    return true;
  }

  static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return true;
  }
}
