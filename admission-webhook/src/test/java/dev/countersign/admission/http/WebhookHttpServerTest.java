package dev.countersign.admission.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.admission.ActiveVerifier;
import dev.countersign.admission.AdmissionController;
import dev.countersign.admission.AdmissionSettings;
import dev.countersign.admission.Signed;
import dev.countersign.admission.config.VerifierLoader;
import dev.countersign.admission.http.TestTls.KeyFormat;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.layout.OciLayout;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.policy.NoMatchAction;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS adapter in-process, over real TLS, with the real admission core behind it. */
class WebhookHttpServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String APP = "registry.test/acme/app";

  @TempDir Path tmp;
  TestTls tls;
  Path cert;
  Path key;
  AdmissionController controller;
  WebhookHttpServer server;
  PrometheusMeterRegistry meters;
  final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    Image signed = Signed.image();
    Path layout = tmp.resolve("layout");
    OciLayout.write(layout, Signed.content(signed, "signed", APP, List.of(Signed.release())));
    ActiveVerifier v =
        new VerifierLoader(
                Signed.policies(
                    tmp.resolve("policies"), Signed.policy("acme", "enforce", "registry.test/**")),
                Optional.of(Signed.trustRoots(tmp.resolve("roots"))),
                EvidenceSource.of(OciRegistry.ociLayout(layout)),
                NoMatchAction.DENY,
                Clock.systemUTC())
            .load();
    meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    controller =
        AdmissionController.builder(() -> v)
            .settings(AdmissionSettings.defaults())
            .meters(meters)
            .build();
    tls = TestTls.ec();
    cert = tls.writeCertificate(tmp.resolve("tls.crt"));
    key = tls.writeKey(tmp.resolve("tls.key"), KeyFormat.PKCS8);
    server = WebhookHttpServer.start(settings(cert, key));
  }

  WebhookHttpServer.Settings settings(Path c, Path k) {
    return new WebhookHttpServer.Settings(
        "127.0.0.1",
        0,
        c,
        k,
        Duration.ofMillis(200),
        controller,
        () -> new Readiness(true, Map.of("policyRevision", "sha256:test")),
        meters::scrape,
        log::add);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    controller.close();
  }

  HttpResponse<String> send(String method, String path, String body, X509Certificate... trusted)
      throws IOException, InterruptedException {
    // A fresh client and TLS context per call: a full handshake (no resumed session), so a
    // rotated certificate is seen.
    HttpClient client = HttpClient.newBuilder().sslContext(TestTls.trusting(trusted)).build();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(20));
    b =
        body == null
            ? b.GET()
            : b.method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(method, path, body, tls.certificate());
  }

  static String podReview(String image) {
    return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
        + "\"uid\":\"u-1\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},"
        + "\"namespace\":\"apps\",\"operation\":\"CREATE\",\"object\":{\"spec\":{\"containers\":"
        + "[{\"name\":\"a\",\"image\":\""
        + image
        + "\"}]}}}}";
  }

  @Test
  void validateAndMutateAnswerAdmissionReviews() throws Exception {
    HttpResponse<String> r = send("POST", "/validate", podReview(APP + ":signed"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode response = JSON.readTree(r.body()).path("response");
    assertThat(response.path("uid").asText()).isEqualTo("u-1");
    assertThat(response.path("allowed").asBoolean()).isTrue();

    HttpResponse<String> denied = send("POST", "/validate", podReview(APP + ":missing"));
    assertThat(denied.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(denied.body()).at("/response/status/message").asText())
        .startsWith("spec.containers[0].image: IMAGE_NOT_FOUND: ");

    HttpResponse<String> mutated = send("POST", "/mutate", podReview(APP + ":signed"));
    assertThat(JSON.readTree(mutated.body()).at("/response/patchType").asText())
        .isEqualTo("JSONPatch");

    HttpResponse<String> malformed = send("POST", "/validate", "{\"kind\":\"AdmissionReview\"}");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).path("message").asText()).contains("apiVersion");
  }

  @Test
  void probesAndMetricsAreServed() throws Exception {
    send("POST", "/validate", podReview(APP + ":signed"));
    assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(200);
    HttpResponse<String> ready = send("GET", "/readyz", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ready.body()).at("/detail/policyRevision").asText())
        .isEqualTo("sha256:test");
    HttpResponse<String> metrics = send("GET", "/metrics", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains(
            "countersign_admission_decisions_total{endpoint=\"validate\",reason=\"OK\",result=\"allow\"} 1.0")
        .contains("countersign_admission_duration_seconds_bucket{stage=\"total\"")
        .contains("countersign_admission_duration_seconds_bucket{stage=\"parse\"")
        .contains("countersign_admission_cache_total{result=\"miss\"} 1.0");
  }

  @Test
  void plainHttpIsNotServed() {
    HttpClient plain = HttpClient.newHttpClient();
    assertThatThrownBy(
            () ->
                plain.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aRotatedCertificateIsServedWithoutARestart() throws Exception {
    TestTls next = TestTls.ec();
    X509Certificate[] both = {tls.certificate(), next.certificate()};
    assertThat(peer(send("GET", "/healthz", null, both))).isEqualTo(tls.certificate());

    // Half a rotation (a new certificate, the old key) is not taken up.
    next.writeCertificate(cert);
    Thread.sleep(800);
    assertThat(peer(send("GET", "/healthz", null, both))).isEqualTo(tls.certificate());
    assertThat(log).anyMatch(l -> l.startsWith("TLS certificate not reloaded"));

    next.writeKey(key, KeyFormat.TRADITIONAL);
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    X509Certificate served = tls.certificate();
    while (System.nanoTime() < end && !served.equals(next.certificate())) {
      Thread.sleep(100);
      served = peer(send("GET", "/healthz", null, both));
    }
    assertThat(served).isEqualTo(next.certificate());
    assertThat(log).anyMatch(l -> l.startsWith("TLS certificate reloaded"));
  }

  @Test
  void aMismatchedKeyStopsTheStart() {
    Path otherKey = TestTls.ec().writeKey(tmp.resolve("other.key"), KeyFormat.PKCS8);
    assertThatThrownBy(() -> WebhookHttpServer.start(settings(cert, otherKey)))
        .isInstanceOf(TlsMaterialException.class);
  }

  static X509Certificate peer(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).isEqualTo(200);
    return (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
  }
}
