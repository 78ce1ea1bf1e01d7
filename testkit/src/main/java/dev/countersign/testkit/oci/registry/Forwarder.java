package dev.countersign.testkit.oci.registry;

import com.sun.net.httpserver.HttpExchange;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLContext;

/**
 * The reverse-proxy half the test proxies share: replays a request to the real registry and copies
 * its answer back. Bodies pass byte for byte; header names may change case (HTTP headers are
 * case-insensitive). The registry learns the proxy's address from {@code X-Forwarded-Host}, so the
 * upload {@code Location}s it returns lead clients back through the proxy.
 */
final class Forwarder {
  /** Headers that describe one connection, or that the JDK's client and server set themselves. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "content-length",
          "date",
          "expect",
          "from",
          "host",
          "upgrade",
          "via",
          "warning",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "proxy-connection");

  private final URI upstream;
  private final HttpClient http;

  Forwarder(URI upstream, SSLContext upstreamTls) {
    this.upstream = upstream;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10));
    if (upstreamTls != null) {
      builder.sslContext(upstreamTls);
    }
    this.http = builder.build();
  }

  /** Daemon threads for the JDK servers, so a forgotten proxy never holds up the JVM's exit. */
  static ThreadFactory daemonThreads(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Reads the whole request body. */
  static byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  /** Sends {@code exchange}'s request (with {@code body}) upstream and returns the answer. */
  RegistryResponse forward(HttpExchange exchange, byte[] body) throws IOException {
    String method = exchange.getRequestMethod();
    URI uri =
        upstream.resolve(
            exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + exchange.getRequestURI().getRawQuery()));
    boolean hasBody =
        body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                hasBody
                    ? HttpRequest.BodyPublishers.ofByteArray(body)
                    : HttpRequest.BodyPublishers.noBody());
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host != null) {
      request.header("X-Forwarded-Host", host);
      request.header("X-Forwarded-Proto", "http");
    }
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new RegistryResponse(
          response.statusCode(), response.headers().map(), Bytes.of(response.body()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding", e);
    }
  }

  /**
   * Sends a {@code HEAD} of {@code path} upstream with {@code exchange}'s credentials and {@code
   * Accept}, to learn whether the client may read it.
   */
  RegistryResponse forwardHead(HttpExchange exchange, String path) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(upstream.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .header("Accept", MediaTypes.ACCEPT_ANY_MANIFEST);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new RegistryResponse(
          response.statusCode(), response.headers().map(), Bytes.of(response.body()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding", e);
    }
  }

  /** Writes {@code response} to the client, HEAD-aware, with its headers and body. */
  static void respond(HttpExchange exchange, RegistryResponse response) throws IOException {
    respond(exchange, response.status(), response.headers(), response.body().toByteArray());
  }

  /** Writes a response; {@code headers}' own Content-Length is honoured only for HEAD. */
  static void respond(
      HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
      throws IOException {
    boolean head = exchange.getRequestMethod().equals("HEAD");
    copyHeaders(exchange, headers, head);
    boolean noBody = head || status == 204 || status == 304 || body.length == 0;
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  /**
   * Copies response headers that are not per-connection; the registry's {@code Content-Length} only
   * when {@code keepLength} (a HEAD answer, which the JDK server would otherwise send without one).
   */
  static void copyHeaders(
      HttpExchange exchange, Map<String, List<String>> headers, boolean keepLength) {
    headers.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if ((keepLength && lower.equals("content-length")) || !NOT_FORWARDED.contains(lower)) {
            exchange.getResponseHeaders().put(name, List.copyOf(values));
          }
        });
  }
}
