package dev.countersign.testkit.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.testkit.oci.registry.Fault;
import dev.countersign.testkit.oci.registry.FaultProxy;
import dev.countersign.testkit.oci.registry.FaultRule;
import dev.countersign.testkit.oci.registry.RegistryClient;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each fault behaves as a misbehaving registry would, switched at run time, and passes through
 * otherwise.
 */
class FaultProxyTest {
  private static final String REPO = "faulty/app";
  private static RegistryProcess registry;
  private Image image;
  private FaultProxy proxy;

  @BeforeAll
  static void startRegistry() {
    // Skipped per test below, so that each reports the reason, when there is no registry binary.
    if (RegistryProcess.isAvailable()) {
      registry = RegistryProcess.start();
    }
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void startProxy() {
    assumeTrue(registry != null, RegistryProcess.unavailableReason());
    proxy = FaultProxy.start(registry.baseUri());
    image = RandomImages.create().image(Platform.LINUX_AMD64);
    // Pushing through the proxy proves upload Locations lead back to it.
    RegistryClient.anonymous(proxy.baseUri()).push(REPO, image.content("v1"));
    assertThat(proxy.requestCount("/v2/" + REPO + "/blobs/uploads/.*")).isPositive();
    proxy.resetRequests();
  }

  @AfterEach
  void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void statusFaultsCarryTheirHeaders() throws Exception {
    proxy.inject(
        FaultRule.on("/v2/" + REPO + "/manifests/.*", Fault.tooManyRequests(Duration.ofSeconds(3)))
            .times(1));
    var limited = manifest();
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(new String(limited.body())).contains("TOOMANYREQUESTS");
    assertThat(manifest().statusCode()).isEqualTo(200);

    proxy.inject("/v2/" + REPO + "/manifests/.*", Fault.unauthorized());
    var unauthorized = manifest();
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(unauthorized.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
    proxy.clearFaults();
    for (Fault fault : new Fault[] {Fault.forbidden(), Fault.notFound(), Fault.serverError()}) {
      proxy.clearFaults();
      proxy.inject("/v2/.*", fault);
      assertThat(manifest().statusCode()).isEqualTo(((Fault.Respond) fault).status());
    }
    assertThat(proxy.requestCount("/v2/" + REPO + "/manifests/v1")).isEqualTo(6);
  }

  @Test
  void delayHoldsTheAnswer() throws Exception {
    proxy.inject(
        FaultRule.on("/v2/" + REPO + "/manifests/v1", Fault.delay(Duration.ofMillis(400)))
            .forMethod("GET"));
    long start = System.nanoTime();
    var response = manifest();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(response.body()).isEqualTo(image.manifest().content().toByteArray());
  }

  @Test
  void malformedAndTruncatedBodies() throws Exception {
    proxy.inject(FaultRule.on("/v2/" + REPO + "/manifests/v1", Fault.malformedManifest()).times(1));
    var malformed = manifest();
    assertThat(malformed.statusCode()).isEqualTo(200);
    assertThat(malformed.headers().firstValue("Docker-Content-Digest"))
        .hasValue(image.digest().toString());
    assertThat(new String(malformed.body())).endsWith("\"mediaType\":");

    String blob = "/v2/" + REPO + "/blobs/" + image.layers().get(0).digest();
    proxy.inject(blob, Fault.truncate(10));
    assertThatThrownBy(() -> PlainHttp.get(proxy.baseUri(), blob, null))
        .isInstanceOf(IOException.class);
  }

  @Test
  void oversizedBlobKeepsStreaming() throws Exception {
    String blob = "/v2/" + REPO + "/blobs/" + image.layers().get(0).digest();
    proxy.inject(blob, Fault.oversizedBody(10L * 1024 * 1024 * 1024));
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(proxy.baseUri().resolve(blob)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValueAsLong("Content-Length"))
        .hasValue(10L * 1024 * 1024 * 1024);
    try (InputStream in = response.body()) {
      assertThat(in.readNBytes(4 * 1024 * 1024)).hasSize(4 * 1024 * 1024);
    }
  }

  @Test
  void closedConnectionsAndRefusedPorts() throws Exception {
    proxy.inject("/v2/" + REPO + "/manifests/v1", Fault.closeConnection());
    assertThatThrownBy(this::manifest).isInstanceOf(IOException.class);
    proxy.clearFaults();

    proxy.stopListening();
    assertThatThrownBy(this::manifest).isInstanceOf(IOException.class);
    proxy.resumeListening();
    assertThat(manifest().statusCode()).isEqualTo(200);
  }

  private HttpResponse<byte[]> manifest() throws Exception {
    return PlainHttp.manifest(proxy.baseUri(), REPO, "v1");
  }
}
