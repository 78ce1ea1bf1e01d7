package dev.countersign.testkit.oci.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.oci.Descriptor;
import dev.countersign.testkit.oci.Digest;
import dev.countersign.testkit.oci.ImageIndex;
import dev.countersign.testkit.oci.JsonStyle;
import dev.countersign.testkit.oci.Manifest;
import dev.countersign.testkit.oci.MediaTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Adds the OCI 1.1 referrers API to a registry that lacks it (distribution 2.8): a loopback reverse
 * proxy that records every manifest with a {@code subject} pushed through it and answers {@code GET
 * /v2/<name>/referrers/<digest>[?artifactType=]} with an image index of them, as a registry with
 * the API does. Everything else is forwarded untouched (see {@link Forwarder}).
 *
 * <p>Only manifests pushed through this proxy are listed. Access to a listing is what access to the
 * subject's manifest is: the proxy asks the registry for the subject with the client's credentials
 * and passes on a 401 or 403.
 */
public final class ReferrersProxy implements AutoCloseable {
  static {
    LoopbackHttp.configure();
  }

  private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
  private static final Pattern REFERRERS = Pattern.compile("^/v2/(.+)/referrers/([^/]+)$");

  private final Forwarder forwarder;
  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(Forwarder.daemonThreads("referrers-proxy"));
  private final List<Referrer> referrers = new CopyOnWriteArrayList<>();

  private ReferrersProxy(URI upstream, SSLContext upstreamTls) throws IOException {
    this.forwarder = new Forwarder(upstream, upstreamTls);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A proxy on a free loopback port in front of {@code upstream}. */
  public static ReferrersProxy start(URI upstream) {
    return start(upstream, null);
  }

  /** As {@link #start(URI)} for an HTTPS {@code upstream} trusted through {@code upstreamTls}. */
  public static ReferrersProxy start(URI upstream, SSLContext upstreamTls) {
    try {
      return new ReferrersProxy(upstream, upstreamTls);
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
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** The referrers of {@code subject} in {@code repository} seen so far, in push order. */
  public List<Descriptor> referrers(String repository, Digest subject) {
    return manifests(repository, subject, null).stream().map(Manifest::referrerDescriptor).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    byte[] body = Forwarder.body(exchange);
    Matcher referrersPath = REFERRERS.matcher(path);
    if (method.equals("GET") && referrersPath.matches()) {
      answerReferrers(exchange, referrersPath.group(1), Digest.parse(referrersPath.group(2)));
      return;
    }
    RegistryResponse response = forwarder.forward(exchange, body);
    Matcher manifestPath = MANIFEST.matcher(path);
    if (manifestPath.matches()) {
      if (method.equals("PUT") && response.status() == 201) {
        record(manifestPath.group(1), exchange.getRequestHeaders().getFirst("Content-Type"), body);
      } else if (method.equals("DELETE") && response.isSuccess()) {
        String reference = manifestPath.group(2);
        referrers.removeIf(
            r ->
                r.repository().equals(manifestPath.group(1))
                    && r.manifest().digest().toString().equals(reference));
      }
    }
    Forwarder.respond(exchange, response);
  }

  private void record(String repository, String contentType, byte[] body) {
    Manifest manifest = new Manifest(contentType, Bytes.of(body));
    Optional<Descriptor> subject;
    try {
      subject = manifest.subject();
    } catch (IllegalArgumentException notJson) {
      return;
    }
    subject.ifPresent(
        s -> {
          Referrer referrer = new Referrer(repository, s.digest(), manifest);
          if (!referrers.contains(referrer)) {
            referrers.add(referrer);
          }
        });
  }

  private void answerReferrers(HttpExchange exchange, String repository, Digest subject)
      throws IOException {
    RegistryResponse access =
        forwarder.forwardHead(exchange, "/v2/" + repository + "/manifests/" + subject);
    if (access.status() == 401 || access.status() == 403) {
      Forwarder.respond(exchange, access.status(), access.headers(), access.body().toByteArray());
      return;
    }
    String artifactType =
        Query.parse(exchange.getRequestURI().getRawQuery())
            .getOrDefault("artifactType", List.of())
            .stream()
            .findFirst()
            .orElse(null);
    Manifest index =
        ImageIndex.referrers(manifests(repository, subject, artifactType)).serialize(JsonStyle.GO);
    Map<String, List<String>> headers =
        artifactType == null
            ? Map.of("Content-Type", List.of(MediaTypes.OCI_INDEX))
            : Map.of(
                "Content-Type", List.of(MediaTypes.OCI_INDEX),
                "OCI-Filters-Applied", List.of("artifactType"));
    Forwarder.respond(exchange, 200, headers, index.content().toByteArray());
  }

  private List<Manifest> manifests(String repository, Digest subject, String artifactType) {
    return referrers.stream()
        .filter(r -> r.repository().equals(repository) && r.subject().equals(subject))
        .map(Referrer::manifest)
        .filter(m -> artifactType == null || artifactType.equals(m.artifactType()))
        .toList();
  }

  /** A manifest with a subject, as pushed into a repository. */
  private record Referrer(String repository, Digest subject, Manifest manifest) {}
}
