package dev.countersign.testkit.oci.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A loopback reverse proxy in front of a registry whose misbehaviour tests switch at run time: per
 * path pattern it delays, drops connections, answers 401/403/404/429/500, serves malformed or
 * truncated bodies or an endless blob; {@link #stopListening} makes the port refuse connections.
 * Unmatched requests pass through (see {@link Forwarder}). Every request is recorded.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(registry.baseUri())) {
 *   proxy.inject(FaultRule.on("/v2/app/manifests/.*", Fault.tooManyRequests(Duration.ofSeconds(2))).times(1));
 *   // point the code under test at proxy.hostPort()
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {
  static {
    LoopbackHttp.configure();
  }

  private static final long STREAM_LIMIT_MILLIS = 60_000;

  private final Forwarder forwarder;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(Forwarder.daemonThreads("fault-proxy"));
  private final List<ActiveRule> rules = new CopyOnWriteArrayList<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final int port;
  private volatile HttpServer server;
  private volatile boolean closed;

  private FaultProxy(URI upstream, SSLContext upstreamTls) throws IOException {
    this.forwarder = new Forwarder(upstream, upstreamTls);
    this.server = listen(0);
    this.port = server.getAddress().getPort();
  }

  /** A proxy on a free loopback port forwarding to {@code upstream}. */
  public static FaultProxy start(URI upstream) {
    return start(upstream, null);
  }

  /** As {@link #start(URI)} for an HTTPS {@code upstream} trusted through {@code upstreamTls}. */
  public static FaultProxy start(URI upstream, SSLContext upstreamTls) {
    try {
      return new FaultProxy(upstream, upstreamTls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return URI.create("http://" + hostPort());
  }

  /** {@code 127.0.0.1:<port>}. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** Applies {@code fault} to every request whose path matches {@code pathRegex}. */
  public FaultProxy inject(String pathRegex, Fault fault) {
    return inject(FaultRule.on(pathRegex, fault));
  }

  /** Adds a rule; rules are tried in the order added, the first live match applies. */
  public FaultProxy inject(FaultRule rule) {
    rules.add(new ActiveRule(rule, new AtomicInteger(rule.times())));
    return this;
  }

  /** Removes every rule: everything passes through. */
  public void clearFaults() {
    rules.clear();
  }

  /** Closes the listening socket: connections are refused until {@link #resumeListening}. */
  public synchronized void stopListening() {
    server.stop(0);
  }

  /** Listens again on the same port. */
  public synchronized void resumeListening() {
    try {
      server = listen(port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every request received, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Number of requests received. */
  public int requestCount() {
    return requests.size();
  }

  /** Number of requests whose path fully matches {@code pathRegex}. */
  public int requestCount(String pathRegex) {
    Pattern pattern = Pattern.compile(pathRegex);
    return (int) requests.stream().filter(r -> pattern.matcher(r.path()).matches()).count();
  }

  /** Forgets recorded requests. */
  public void resetRequests() {
    requests.clear();
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    executor.shutdownNow();
  }

  private HttpServer listen(int onPort) throws IOException {
    HttpServer created =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
    created.createContext("/", this::handle);
    created.setExecutor(executor);
    created.start();
    return created;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    requests.add(
        new RecordedRequest(
            method,
            path,
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders().containsKey("Authorization")));
    byte[] body = Forwarder.body(exchange);
    Fault fault = faultFor(method, path);
    try {
      apply(fault, exchange, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    }
  }

  private Fault faultFor(String method, String path) {
    for (ActiveRule active : rules) {
      if (active.rule().matches(method, path) && active.take()) {
        return active.rule().fault();
      }
    }
    return Fault.passThrough();
  }

  private void apply(Fault fault, HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    if (fault instanceof Fault.Delay d) {
      Thread.sleep(d.delay().toMillis());
      Forwarder.respond(exchange, forwarder.forward(exchange, body));
    } else if (fault instanceof Fault.CloseConnection) {
      // Closing before any response header is sent drops the connection.
      exchange.close();
    } else if (fault instanceof Fault.Respond r) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      r.headers().forEach((k, v) -> headers.put(k, List.of(v)));
      Forwarder.respond(exchange, r.status(), headers, r.body().toByteArray());
    } else if (fault instanceof Fault.ReplaceBody r) {
      RegistryResponse upstream = forwarder.forward(exchange, body);
      Forwarder.respond(exchange, upstream.status(), upstream.headers(), r.body().toByteArray());
    } else if (fault instanceof Fault.OversizedBody o) {
      stream(exchange, o.declaredLength());
    } else if (fault instanceof Fault.Truncate t) {
      truncate(exchange, forwarder.forward(exchange, body), t.keepBytes());
    } else {
      Forwarder.respond(exchange, forwarder.forward(exchange, body));
    }
  }

  private void stream(HttpExchange exchange, long declaredLength) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange.sendResponseHeaders(200, declaredLength);
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    long deadline = System.currentTimeMillis() + STREAM_LIMIT_MILLIS;
    long sent = 0;
    try (OutputStream out = exchange.getResponseBody()) {
      while (sent < declaredLength && !closed && System.currentTimeMillis() < deadline) {
        int n = (int) Math.min(chunk.length, declaredLength - sent);
        out.write(chunk, 0, n);
        sent += n;
      }
    } catch (IOException clientHungUp) {
      // The client stopped reading: that is the outcome the test wants.
    } finally {
      exchange.close();
    }
  }

  private static void truncate(HttpExchange exchange, RegistryResponse upstream, int keepBytes)
      throws IOException {
    byte[] body = upstream.body().toByteArray();
    Forwarder.copyHeaders(exchange, upstream.headers(), false);
    exchange.sendResponseHeaders(upstream.status(), Math.max(body.length, keepBytes + 1L));
    exchange.getResponseBody().write(body, 0, Math.min(keepBytes, body.length));
    exchange.getResponseBody().flush();
    // Fewer bytes than declared: closing makes the server drop the connection mid-body.
    exchange.close();
  }

  /** A rule with its remaining count. */
  private record ActiveRule(FaultRule rule, AtomicInteger remaining) {
    boolean take() {
      if (rule.times() < 0) {
        return true;
      }
      return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
  }
}
