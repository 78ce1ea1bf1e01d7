package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.testkit.TestSigstore;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code countersign webhook}: flags, one-line start-up errors, and a real HTTPS server. */
class WebhookCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path cert;
  static Path key;
  static X509Certificate certificate;
  static Path policies;
  static Path roots;
  static int closedPort;

  @BeforeAll
  static void files() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = g.generateKeyPair();
    X500Name name = new X500Name("CN=countersign-webhook.test");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.ONE,
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            name,
            keys.getPublic());
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    cert = dir.resolve("tls.crt");
    key = dir.resolve("tls.key");
    try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(cert))) {
      w.writeObject(certificate);
    }
    try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(key))) {
      w.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
    }
    TestSigstore sigstore = TestSigstore.create(now.minus(Duration.ofDays(1)));
    roots = Files.createDirectories(dir.resolve("roots"));
    Files.writeString(roots.resolve("corp.json"), sigstore.trustedRootJson());
    policies = Files.createDirectories(dir.resolve("policies"));
    Files.writeString(
        policies.resolve("local.yaml"),
        "apiVersion: policy.countersign.dev/v1alpha1\n"
            + "kind: ImagePolicy\n"
            + "metadata: {name: local}\n"
            + "spec:\n"
            + "  images: [{glob: \"127.0.0.1:*/**\"}]\n"
            + "  trustRoot: corp\n"
            + "  authorities:\n"
            + "    - name: ci\n"
            + "      keyless:\n"
            + "        identities:\n"
            + "          - issuer: https://token.actions.githubusercontent.com\n"
            + "            subject: https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1\n");
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
  }

  static List<String> args(int port, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "webhook",
                "--port",
                Integer.toString(port),
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

  @Test
  void helpListsTheFlags() {
    CliRun r = CliRun.of("webhook", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("--tls-cert", "--policies", "--trust-roots", "--deadline", "--cache-ttl")
        .contains("--exclude-namespace", "--pod-template-path", "--mutate-mode")
        .contains("--records", "--records-key", "--prewarm-running-pods", "--events");
  }

  @Test
  void startUpProblemsAreOneLineUsageErrors() throws Exception {
    CliRun missing = CliRun.of("webhook", "--tls-cert", cert.toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).startsWith("countersign: USAGE: Missing required options");

    CliRun noPolicies =
        CliRun.of(
            args(0).stream()
                .map(a -> a.equals(policies.toString()) ? dir.resolve("absent").toString() : a)
                .toArray(String[]::new));
    assertThat(noPolicies.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noPolicies.lines())
        .singleElement()
        .asString()
        .startsWith("countersign: INPUT_UNREADABLE: --policies ");

    Path badPolicies = Files.createDirectories(dir.resolve("bad-policies"));
    Files.writeString(badPolicies.resolve("p.yaml"), "apiVersion: [");
    CliRun badPolicy =
        CliRun.of(
            args(0).stream()
                .map(a -> a.equals(policies.toString()) ? badPolicies.toString() : a)
                .toArray(String[]::new));
    assertThat(badPolicy.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badPolicy.lines())
        .singleElement()
        .asString()
        .startsWith("countersign: POLICY_INVALID: ");

    CliRun badKey =
        CliRun.of(
            args(0).stream()
                .map(a -> a.equals(key.toString()) ? cert.toString() : a)
                .toArray(String[]::new));
    assertThat(badKey.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badKey.lines()).singleElement().asString().startsWith("countersign: TLS_INVALID: ");

    CliRun badDuration = CliRun.of(args(0, "--deadline", "soon").toArray(String[]::new));
    assertThat(badDuration.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badDuration.err()).contains("'soon' is not a duration");
  }

  @Test
  void servesAdmissionReviewsOverHttpsUntilInterrupted() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String[] argv = args(port).toArray(String[]::new);
    CompletableFuture<CliRun> run = new CompletableFuture<>();
    Thread server =
        new Thread(
            () -> {
              try {
                run.complete(CliRun.of(argv));
              } catch (Throwable t) {
                run.completeExceptionally(t);
              }
            },
            "webhook-command-test");
    server.start();
    try {
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
      URI base = URI.create("https://127.0.0.1:" + port);
      HttpResponse<String> health = null;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (health == null && System.nanoTime() < end) {
        assertThat(run).as("the webhook exited early").isNotDone();
        try {
          health =
              client.send(
                  HttpRequest.newBuilder(base.resolve("/healthz")).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException notYet) {
          Thread.sleep(100);
        }
      }
      assertThat(health).isNotNull();
      assertThat(health.statusCode()).isEqualTo(200);
      String review =
          "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
              + "\"uid\":\"cli-1\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},"
              + "\"operation\":\"CREATE\",\"object\":{\"spec\":{\"containers\":[{\"image\":"
              + "\"127.0.0.1:"
              + closedPort
              + "/acme/app:1\"}]}}}}";
      HttpResponse<String> answer =
          client.send(
              HttpRequest.newBuilder(base.resolve("/validate"))
                  .timeout(Duration.ofSeconds(20))
                  .POST(HttpRequest.BodyPublishers.ofString(review))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      JsonNode response = JSON.readTree(answer.body()).path("response");
      assertThat(response.path("uid").asText()).isEqualTo("cli-1");
      assertThat(response.path("allowed").asBoolean()).isFalse();
      assertThat(response.at("/status/message").asText())
          .startsWith("spec.containers[0].image: REGISTRY_UNAVAILABLE: ");
    } finally {
      server.interrupt();
    }
    CliRun r = run.get(30, TimeUnit.SECONDS);
    assertThat(r.exitCode()).isZero();
  }

  static SSLContext trusting(X509Certificate c) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("webhook", c);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }
}
