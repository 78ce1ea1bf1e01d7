package dev.countersign.benchmarks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The webhook as its own JVM, as a pod runs it: {@code java -Xmx<heap> -Xlog:gc:file=gc.log -cp
 * <classpath> dev.countersign.admission.server.WebhookMain <flags>} (or {@code -jar countersign.jar
 * webhook <flags>}), stdout (its JSON log lines) and stderr to files. Started listening on
 * 127.0.0.1 at a free port, read back from its "webhook started" line.
 */
final class WebhookServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String MAIN = "dev.countersign.admission.server.WebhookMain";

  private final Process process;
  private final int port;
  private final List<String> command;
  private final Path stderr;
  private final SSLContext ssl;
  private HttpsConnection metricsConnection;

  private WebhookServer(
      Process process, int port, List<String> command, Path stderr, SSLContext ssl) {
    this.process = process;
    this.port = port;
    this.command = command;
    this.stderr = stderr;
    this.ssl = ssl;
  }

  /** How to launch the webhook's JVM. */
  record Launch(
      Path java, String heap, List<String> jvmArgs, String classpath, Path jar, Path gcLog) {
    List<String> command(List<String> webhookArgs) {
      List<String> c = new ArrayList<>();
      c.add(java.toString());
      c.add("-Xmx" + heap);
      c.add("-XX:+ExitOnOutOfMemoryError");
      c.add("-Xlog:gc:file=" + gcLog + ":uptime,level,tags");
      c.addAll(jvmArgs);
      if (jar != null) {
        c.add("-jar");
        c.add(jar.toString());
        c.add("webhook");
      } else {
        c.add("-cp");
        c.add(classpath);
        c.add(MAIN);
      }
      c.addAll(webhookArgs);
      return c;
    }
  }

  static WebhookServer start(Launch launch, List<String> webhookArgs, Path dir, SSLContext ssl)
      throws IOException, InterruptedException {
    List<String> command = launch.command(webhookArgs);
    Path out = dir.resolve("webhook.stdout");
    Path err = dir.resolve("webhook.stderr");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < end) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "the webhook exited with " + p.exitValue() + ": " + Files.readString(err));
      }
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        if (line.contains("\"webhook started\"")) {
          JsonNode started = JSON.readTree(line);
          return new WebhookServer(p, started.path("port").asInt(), command, err, ssl);
        }
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new IllegalStateException("the webhook did not start in 120 s: " + Files.readString(err));
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  List<String> command() {
    return command;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String stderr() throws IOException {
    return Files.readString(stderr);
  }

  /** CPU time the webhook's JVM has used (all threads, user and system). */
  Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** {@code GET /metrics}, parsed. */
  synchronized PrometheusText metrics() throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        if (metricsConnection == null || !metricsConnection.isOpen()) {
          metricsConnection = HttpsConnection.open(ssl, "127.0.0.1", port, Duration.ofSeconds(30));
        }
        HttpsConnection.Response r = metricsConnection.get("/metrics");
        if (r.status() != 200) {
          throw new IOException("GET /metrics answered " + r.status());
        }
        return PrometheusText.parse(r.text());
      } catch (IOException e) {
        metricsConnection = null;
        if (attempt >= 2) {
          throw e;
        }
      }
    }
  }

  /** Verifications the webhook has run (its {@code countersign_verification_duration} count). */
  long verifications() throws IOException {
    return (long) metrics().sum("countersign_verification_duration_seconds_count");
  }

  @Override
  public synchronized void close() {
    if (metricsConnection != null) {
      metricsConnection.close();
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
