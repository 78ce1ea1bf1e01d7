package dev.countersign.admission.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.admission.Signed;
import dev.countersign.admission.records.DecisionLog;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.admission.records.DecisionRecord;
import dev.countersign.admission.records.LogVerification;
import dev.countersign.admission.records.VerifiedRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole webhook in-process, started from its flags: HTTPS, configuration, logs and decision
 * records. Images point at a closed local port, so every verification ends in a registry error
 * quickly (the real-registry runs are in {@code WebhookProcessIT}).
 */
class WebhookTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path cert;
  Path key;
  Path policies;
  Path roots;
  int closedPort;

  @BeforeEach
  void files() throws Exception {
    // A self-signed certificate for 127.0.0.1, as the README's openssl commands make it.
    var tls = dev.countersign.admission.http.TestTlsAccess.ec();
    cert = tls.writeCertificate(tmp.resolve("tls.crt"));
    key = tls.writeKey(tmp.resolve("tls.key"));
    policies =
        Signed.policies(
            tmp.resolve("policies"), Signed.policy("local", "enforce", "127.0.0.1:*/**"));
    roots = Signed.trustRoots(tmp.resolve("roots"));
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
  }

  List<String> args(String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--tls-cert",
                cert.toString(),
                "--tls-key",
                key.toString(),
                "--policies",
                policies.toString(),
                "--trust-roots",
                roots.toString(),
                "--insecure-registry",
                "127.0.0.1:" + closedPort,
                "--deadline",
                "3s"));
    a.addAll(List.of(more));
    return a;
  }

  static WebhookOptions options(List<String> args) {
    WebhookMain main = new WebhookMain();
    new CommandLine(main)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .parseArgs(args.toArray(String[]::new));
    return main.options;
  }

  HttpResponse<String> post(int port, String path, String body) throws Exception {
    X509Certificate c;
    try (var in = Files.newInputStream(cert)) {
      c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("webhook", c);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(ssl)
        .build()
        .send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  String review(String uid, String image) {
    return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
        + "\"uid\":\""
        + uid
        + "\",\"kind\":{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"},"
        + "\"namespace\":\"shop\",\"name\":\"web\",\"operation\":\"CREATE\","
        + "\"userInfo\":{\"username\":\"alice\",\"groups\":[\"devs\"]},"
        + "\"object\":{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\""
        + image
        + "\"}]}}}}}}";
  }

  @Test
  void servesLogsAndRecordsEveryDecision() throws Exception {
    KeyPair recordsKey = DecisionLogKeys.generateEd25519();
    Path keyFile = tmp.resolve("records.key");
    DecisionLogKeys.writePrivateKey(keyFile, recordsKey.getPrivate());
    Path records = tmp.resolve("decisions.jsonl");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String image = "127.0.0.1:" + closedPort + "/shop/web:1.0";
    try (Webhook w =
        Webhook.start(
            options(args("--records", records.toString(), "--records-key", keyFile.toString())),
            new PrintStream(out, true, StandardCharsets.UTF_8))) {
      HttpResponse<String> r = post(w.port(), "/validate", review("uid-1", image));
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode response = JSON.readTree(r.body()).path("response");
      assertThat(response.path("uid").asText()).isEqualTo("uid-1");
      assertThat(response.path("allowed").asBoolean()).isFalse();
      assertThat(response.at("/status/message").asText())
          .startsWith("spec.template.spec.containers[0].image: REGISTRY_UNAVAILABLE: ");
      assertThat(post(w.port(), "/validate", "{}").statusCode()).isEqualTo(400);
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(JSON.readTree(l));
    }
    assertThat(lines)
        .extracting(l -> l.path("msg").asText())
        .containsExactly("webhook started", "admission", "webhook stopping");
    JsonNode decision = lines.get(1);
    assertThat(decision.path("uid").asText()).isEqualTo("uid-1");
    assertThat(decision.path("decision").asText()).isEqualTo("DENY");
    assertThat(decision.path("reason").asText()).isEqualTo("REGISTRY_UNAVAILABLE");
    assertThat(decision.at("/images/0/path").asText())
        .isEqualTo("spec.template.spec.containers[0].image");

    LogVerification v = DecisionLog.verify(records);
    assertThat(v.valid()).as(v.toString()).isTrue();
    assertThat(v.records()).isEqualTo(1);
    List<DecisionRecord> read;
    try (Stream<VerifiedRecord> s = DecisionLog.read(records)) {
      read = s.map(VerifiedRecord::record).toList();
    }
    DecisionRecord rec = read.get(0);
    assertThat(rec.uid()).isEqualTo("uid-1");
    assertThat(rec.namespace()).isEqualTo("shop");
    assertThat(rec.name()).isEqualTo("web");
    assertThat(rec.user().groups()).containsExactly("devs");
    assertThat(rec.decision()).isEqualTo(AdmissionOutcome.DENY);
    assertThat(rec.images())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.fieldPath()).isEqualTo("spec.template.spec.containers[0].image");
              assertThat(i.reasons()).containsExactly("REGISTRY_UNAVAILABLE");
              assertThat(i.policies()).extracting(p -> p.policy()).containsExactly("local");
            });
    assertThat(rec.messages())
        .singleElement()
        .asString()
        .startsWith("spec.template.spec.containers[0].image: REGISTRY_UNAVAILABLE");
    assertThat(rec.trustRootRevisions()).containsKey("private");
  }

  @Test
  void imagesListedForPrewarmingAreVerifiedBeforeTheyAreAskedFor() throws Exception {
    String image = "127.0.0.1:" + closedPort + "/shop/web:2.0";
    Path list = Files.writeString(tmp.resolve("prewarm.txt"), "# images\n\n" + image + "\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Webhook w =
        Webhook.start(
            options(args("--prewarm", list.toString(), "--error-cache-ttl", "30s")),
            new PrintStream(out, true, StandardCharsets.UTF_8))) {
      long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (w.controller().verificationsStarted() < 1 && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(w.controller().verificationsStarted()).isEqualTo(1);
      Thread.sleep(500);
      post(w.port(), "/validate", review("uid-2", image));
      assertThat(w.controller().verificationsStarted()).isEqualTo(1);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("\"uid\":\"uid-2\"")
        .containsPattern("\"source\":\"(CACHED|SHARED)\"");
  }

  @Test
  void misconfigurationStopsTheStartWithAReason() throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                Webhook.start(options(args("--records", tmp.resolve("r.jsonl").toString())), quiet))
        .isInstanceOf(StartupException.class)
        .satisfies(e -> assertThat(((StartupException) e).reason()).isEqualTo("USAGE"))
        .hasMessageContaining("--records-key");
    Files.writeString(policies.resolve("policy-0.yaml"), "spec: [");
    assertThatThrownBy(() -> Webhook.start(options(args()), quiet))
        .isInstanceOf(StartupException.class)
        .satisfies(e -> assertThat(((StartupException) e).reason()).isEqualTo("POLICY_INVALID"));
    Signed.policies(policies, Signed.policy("local", "enforce", "127.0.0.1:*/**"));
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> Webhook.start(options(args()), quiet))
        .isInstanceOf(StartupException.class)
        .satisfies(e -> assertThat(((StartupException) e).reason()).isEqualTo("TLS_INVALID"));
    Files.delete(key);
    assertThatThrownBy(() -> Webhook.start(options(args()), quiet))
        .isInstanceOf(StartupException.class)
        .satisfies(e -> assertThat(((StartupException) e).reason()).isEqualTo("INPUT_UNREADABLE"))
        .hasMessageContaining("--tls-key");
  }

  @Test
  void theMainReportsBadFlagsInOneLine() {
    java.io.StringWriter err = new java.io.StringWriter();
    int code = WebhookMain.run(new String[] {"--port", "x"}, new java.io.PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("countersign-webhook: USAGE: ").doesNotContain("\tat ");
  }
}
