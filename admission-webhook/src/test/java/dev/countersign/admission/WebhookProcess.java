package dev.countersign.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The webhook as a separate JVM ({@code dev.countersign.admission.server.WebhookMain} on the
 * module's runtime classpath), as a pod runs it, and an HTTPS client that trusts its certificate.
 */
final class WebhookProcess implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final int port;
  private final HttpClient client;

  private WebhookProcess(Process process, Path stdout, Path stderr, int port, HttpClient client) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.port = port;
    this.client = client;
  }

  /** The runtime classpath Maven wrote for the integration tests, or null when run otherwise. */
  static String classpath() {
    String classes = System.getProperty("countersign.webhookClasses");
    String file = System.getProperty("countersign.webhookClasspathFile");
    if (classes == null || file == null || !Files.isRegularFile(Path.of(file))) {
      return null;
    }
    try {
      return classes + java.io.File.pathSeparator + Files.readString(Path.of(file)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the webhook with {@code args} and waits for its "webhook started" line. */
  static WebhookProcess start(Path dir, Path certificate, String jvmHeap, List<String> args)
      throws Exception {
    String cp = classpath();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + jvmHeap);
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-cp");
    command.add(cp);
    command.add("dev.countersign.admission.server.WebhookMain");
    command.addAll(args);
    Path out = dir.resolve("webhook.stdout");
    Path err = dir.resolve("webhook.stderr");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < end) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "the webhook exited with " + p.exitValue() + ": " + Files.readString(err));
      }
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        if (line.contains("\"webhook started\"")) {
          int port = JSON.readTree(line).path("port").asInt();
          return new WebhookProcess(p, out, err, port, client(certificate));
        }
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new IllegalStateException("the webhook did not start: " + Files.readString(err));
  }

  private static HttpClient client(Path certificate) throws Exception {
    X509Certificate c;
    try (var in = Files.newInputStream(certificate)) {
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
    return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
  }

  int port() {
    return port;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The JSON lines the webhook logged so far. */
  List<JsonNode> log() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
      if (line.startsWith("{")) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  String stderr() throws IOException {
    return Files.readString(stderr);
  }

  /** An answer and how long it took. */
  record Answer(int status, JsonNode body, Duration elapsed) {
    JsonNode response() {
      return body.path("response");
    }

    boolean allowed() {
      return response().path("allowed").asBoolean();
    }

    String message() {
      return response().at("/status/message").asText();
    }

    String reason() {
      return response().at("/auditAnnotations/reason").asText();
    }
  }

  CompletableFuture<Answer> postAsync(String path, String body) {
    long t0 = System.nanoTime();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return client
        .sendAsync(req, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            r -> {
              try {
                return new Answer(
                    r.statusCode(),
                    JSON.readTree(r.body()),
                    Duration.ofNanos(System.nanoTime() - t0));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  Answer post(String path, String body) throws Exception {
    return postAsync(path, body).get(60, TimeUnit.SECONDS);
  }

  JsonNode get(String path) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return path.equals("/metrics")
        ? JSON.getNodeFactory().textNode(r.body())
        : JSON.readTree(r.body());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
