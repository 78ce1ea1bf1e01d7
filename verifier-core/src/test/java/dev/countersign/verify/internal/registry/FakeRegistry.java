package dev.countersign.verify.internal.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.countersign.verify.Digest;
import dev.countersign.verify.oci.Descriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A registry on loopback serving manifests, blobs and referrers of the distribution API, with a
 * token service at {@code /token}, optional Basic or Bearer authentication, and a fault hook that
 * sees every registry request first.
 */
final class FakeRegistry implements AutoCloseable {
  enum Auth {
    NONE,
    BASIC,
    BEARER
  }

  /** A request as the server saw it. */
  record Seen(String method, String path, String query, String authorization, String accept) {}

  /** Handles a request itself (returns true) or lets the registry answer (false). */
  @FunctionalInterface
  interface Fault {
    boolean handle(HttpExchange exchange) throws IOException;
  }

  static final String USER = "alice";
  static final String PASSWORD = "s3cret:with:colons";
  static final String REFRESH_TOKEN = "refresh-token-1";
  private static final Pattern ROUTE =
      Pattern.compile("^/v2/(.+)/(manifests|blobs|referrers)/([^/]+)$");

  final String host;
  final String base;
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final AtomicInteger tokensIssued = new AtomicInteger();
  volatile Auth auth = Auth.NONE;
  volatile boolean tokenNeedsCredentials = true;
  volatile int tokenExpiresIn = 300;
  volatile String tokenField = "token";
  volatile long tokenDelayMillis;
  volatile Fault fault;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, byte[]> referrers = new ConcurrentHashMap<>();

  private record Manifest(byte[] bytes, String mediaType, Digest digest) {}

  private FakeRegistry(HttpServer server, String scheme) {
    this.server = server;
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-registry");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    this.host = "127.0.0.1:" + server.getAddress().getPort();
    this.base = scheme + "://" + host;
  }

  static FakeRegistry http() throws IOException {
    return new FakeRegistry(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
  }

  static FakeRegistry https(SSLContext context) throws IOException {
    HttpsServer s =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(context));
    return new FakeRegistry(s, "https");
  }

  /** Stores a manifest under a tag (if not null) and its digest; returns the digest. */
  Digest putManifest(String repo, String tag, byte[] bytes, String mediaType) {
    Digest d = ContentDigests.compute("sha256", bytes);
    Manifest m = new Manifest(bytes, mediaType, d);
    manifests.put(repo + "@" + d, m);
    if (tag != null) {
      manifests.put(repo + ":" + tag, m);
    }
    return d;
  }

  Descriptor putBlob(byte[] bytes, String mediaType) {
    Digest d = ContentDigests.compute("sha256", bytes);
    blobs.put(d.toString(), bytes);
    return new Descriptor(mediaType, d, bytes.length, Optional.empty(), Map.of(), Optional.empty());
  }

  void putReferrers(String repo, Digest subject, byte[] index) {
    referrers.put(repo + "@" + subject, index);
  }

  /** Requests to registry paths (not the token service). */
  List<Seen> registryRequests() {
    List<Seen> out = new ArrayList<>();
    for (Seen s : seen) {
      if (!s.path().startsWith("/token")) {
        out.add(s);
      }
    }
    return out;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      seen.add(
          new Seen(
              ex.getRequestMethod(),
              path,
              ex.getRequestURI().getRawQuery(),
              ex.getRequestHeaders().getFirst("Authorization"),
              ex.getRequestHeaders().getFirst("Accept")));
      if (path.equals("/token")) {
        token(ex);
        return;
      }
      Fault f = fault;
      if (f != null && f.handle(ex)) {
        return;
      }
      Matcher m = ROUTE.matcher(path);
      if (!m.matches()) {
        send(ex, 404, "text/plain", "no route".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (!authorized(ex, m.group(1))) {
        return;
      }
      String repo = m.group(1);
      String ref = m.group(3);
      switch (m.group(2)) {
        case "manifests":
          Manifest man = manifests.get(repo + (ref.contains(":") ? "@" : ":") + ref);
          if (man == null) {
            send(ex, 404, "application/json", "{\"errors\":[]}".getBytes(StandardCharsets.UTF_8));
            return;
          }
          ex.getResponseHeaders().add("Docker-Content-Digest", man.digest.toString());
          send(ex, 200, man.mediaType, man.bytes);
          return;
        case "blobs":
          byte[] blob = blobs.get(ref);
          send(
              ex,
              blob == null ? 404 : 200,
              "application/octet-stream",
              blob == null ? new byte[0] : blob);
          return;
        default:
          byte[] index = referrers.get(repo + "@" + ref);
          if (index == null) {
            index =
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                    .concat("\"manifests\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
          }
          send(ex, 200, MediaTypes.OCI_INDEX, index);
      }
    }
  }

  private boolean authorized(HttpExchange ex, String repo) throws IOException {
    String given = ex.getRequestHeaders().getFirst("Authorization");
    switch (auth) {
      case BASIC:
        if (basicHeader().equals(given)) {
          return true;
        }
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake registry\"");
        break;
      case BEARER:
        if (given != null
            && given.startsWith("Bearer ")
            && validTokens.contains(given.substring(7))) {
          return true;
        }
        ex.getResponseHeaders()
            .add(
                "WWW-Authenticate",
                "Bearer realm=\""
                    + base
                    + "/token\",service=\"fake, registry\",scope=\"repository:"
                    + repo
                    + ":pull\"");
        break;
      default:
        return true;
    }
    send(ex, 401, "application/json", "{\"errors\":[]}".getBytes(StandardCharsets.UTF_8));
    return false;
  }

  private void token(HttpExchange ex) throws IOException {
    boolean ok;
    if (ex.getRequestMethod().equals("POST")) {
      String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      ok =
          form.contains("grant_type=refresh_token")
              && form.contains("refresh_token=" + REFRESH_TOKEN);
    } else {
      ok =
          !tokenNeedsCredentials
              || basicHeader().equals(ex.getRequestHeaders().getFirst("Authorization"));
    }
    if (!ok) {
      send(
          ex,
          401,
          "application/json",
          "{\"details\":\"bad credentials\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (tokenDelayMillis > 0) {
      try {
        Thread.sleep(tokenDelayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String token = "tok-" + tokensIssued.incrementAndGet();
    validTokens.add(token);
    String body =
        "{\"" + tokenField + "\":\"" + token + "\",\"expires_in\":" + tokenExpiresIn + "}";
    send(ex, 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  /** Query parameters of the last token request. */
  String lastTokenQuery() {
    for (int i = seen.size() - 1; i >= 0; i--) {
      if (seen.get(i).path().equals("/token")) {
        String q = seen.get(i).query();
        return q == null ? "" : URLDecoder.decode(q, StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** Accepts a bearer token the registry did not issue (a Docker {@code registrytoken}). */
  void allowToken(String token) {
    validTokens.add(token);
  }

  void revokeTokens() {
    validTokens.clear();
  }

  static String basicHeader() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
