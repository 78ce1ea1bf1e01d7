package dev.countersign.verify.internal.registry;

import dev.countersign.verify.oci.RegistryException.Kind;
import dev.countersign.verify.oci.RegistryListener;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Performs exactly one HTTP round trip within a timeout that covers the whole exchange, body
 * included, and reports it to the listener. (The JDK's request timeout alone stops at the response
 * headers; a server that trickles the body would otherwise hold a verification forever.)
 */
final class HttpExchanger {
  /** Lets the client's own request timeout fire first, so its exception explains the failure. */
  private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final HttpClient client;
  private final RegistryListener listener;
  private final String userAgent;

  HttpExchanger(HttpClient client, RegistryListener listener, String userAgent) {
    this.client = client;
    this.listener = listener;
    this.userAgent = userAgent;
  }

  RegistryResponse exchange(RegistryRequest req, URI uri, String authorization, Duration timeout)
      throws ExchangeFailure {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", userAgent);
    req.headers().forEach(b::header);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (req.method().equals("POST")) {
      b.POST(HttpRequest.BodyPublishers.ofString(req.form().orElse(""), StandardCharsets.UTF_8));
    } else {
      b.GET();
    }
    BoundedBody handler = new BoundedBody(req.bodyLimit());
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(b.build(), handler);
    try {
      HttpResponse<byte[]> r = future.get(timeout.toNanos() + GRACE_NANOS, TimeUnit.NANOSECONDS);
      report(req, r.statusCode(), start);
      return new RegistryResponse(r.statusCode(), r.headers(), r.body(), uri);
    } catch (TimeoutException e) {
      future.cancel(true);
      handler.abort();
      report(req, handler.status(), start);
      throw new ExchangeFailure(
          Kind.TIMEOUT, true, "no complete answer from " + host(uri) + " within " + timeout, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      handler.abort();
      Thread.currentThread().interrupt();
      report(req, handler.status(), start);
      throw new ExchangeFailure(Kind.UNAVAILABLE, false, "interrupted", e);
    } catch (ExecutionException e) {
      report(req, handler.status(), start);
      throw classify(uri, e.getCause(), timeout);
    }
  }

  /**
   * Connection failures are retried; TLS failures are not (an untrusted certificate does not become
   * trusted by asking again); oversized content is final.
   */
  private static ExchangeFailure classify(URI uri, Throwable cause, Duration timeout) {
    String host = host(uri);
    if (find(cause, BoundedBody.TooLarge.class) != null) {
      return new ExchangeFailure(
          Kind.TOO_LARGE, false, find(cause, BoundedBody.TooLarge.class).getMessage(), cause);
    }
    if (find(cause, SSLException.class) != null) {
      return new ExchangeFailure(
          Kind.UNAVAILABLE,
          false,
          "TLS connection to " + host + " failed: " + find(cause, SSLException.class).getMessage(),
          cause);
    }
    if (find(cause, HttpConnectTimeoutException.class) != null) {
      return new ExchangeFailure(
          Kind.UNAVAILABLE, true, "cannot connect to " + host + ": connect timed out", cause);
    }
    if (find(cause, HttpTimeoutException.class) != null) {
      return new ExchangeFailure(
          Kind.TIMEOUT, true, "no answer from " + host + " within " + timeout, cause);
    }
    if (find(cause, ConnectException.class) != null) {
      return new ExchangeFailure(
          Kind.UNAVAILABLE, true, "cannot connect to " + host + ": " + describe(cause), cause);
    }
    if (cause instanceof IOException) {
      return new ExchangeFailure(
          Kind.UNAVAILABLE, true, "connection to " + host + " failed: " + describe(cause), cause);
    }
    return new ExchangeFailure(
        Kind.UNAVAILABLE, false, "request to " + host + " failed: " + describe(cause), cause);
  }

  private void report(RegistryRequest req, int status, long startNanos) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    try {
      listener.onRoundTrip(req.registry(), req.operation(), req.method(), status, elapsed);
    } catch (RuntimeException e) {
      // An observer (metrics, counters) must not change what a verification concludes.
    }
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage();
    return root.getClass().getSimpleName() + (msg == null ? "" : " (" + msg + ")");
  }

  static String host(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }
}
