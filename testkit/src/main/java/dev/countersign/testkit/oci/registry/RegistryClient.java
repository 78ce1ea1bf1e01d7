package dev.countersign.testkit.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.oci.Blob;
import dev.countersign.testkit.oci.Descriptor;
import dev.countersign.testkit.oci.Digest;
import dev.countersign.testkit.oci.Manifest;
import dev.countersign.testkit.oci.MediaTypes;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.TaggedManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A minimal OCI distribution client for tests, on {@code java.net.http} alone: monolithic blob
 * upload ({@code POST} then {@code PUT ?digest=}), manifest {@code PUT}/{@code HEAD}/{@code GET}
 * with explicit media types, and the two auth flows a registry may demand: Basic, and the Docker
 * token flow (on a {@code Bearer} challenge, fetch a token from the realm for the challenged
 * service and scope, with Basic credentials, and retry).
 *
 * <p>A test tool, not a product client: bodies are held in memory, one retry after a challenge, no
 * redirects, no chunked uploads. Thread-safe.
 */
public final class RegistryClient {
  private static final Pattern REPOSITORY_PATH =
      Pattern.compile("^/v2/(.+?)/(manifests|blobs|tags|referrers)(/.*)?$");

  private final URI base;
  private final HttpClient http;
  private final String username;
  private final String password;
  private final Duration timeout;
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();

  private RegistryClient(
      URI base, String username, String password, SSLContext ssl, Duration timeout) {
    this.base = base;
    this.username = username;
    this.password = password;
    this.timeout = timeout;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout);
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.http = builder.build();
  }

  /** A client without credentials for the registry at {@code base} (e.g. http://127.0.0.1:5000). */
  public static RegistryClient anonymous(URI base) {
    return new RegistryClient(base, null, null, null, Duration.ofSeconds(30));
  }

  /** A client answering challenges with {@code username} and {@code password}. */
  public static RegistryClient withCredentials(URI base, String username, String password) {
    return new RegistryClient(base, username, password, null, Duration.ofSeconds(30));
  }

  /** A client for HTTPS with {@code ssl} (trusting a test CA), optionally with credentials. */
  public static RegistryClient overTls(URI base, SSLContext ssl, String username, String password) {
    return new RegistryClient(base, username, password, ssl, Duration.ofSeconds(30));
  }

  /** The registry's base URI. */
  public URI baseUri() {
    return base;
  }

  /** {@code GET /v2/}. */
  public RegistryResponse ping() {
    return send("GET", "/v2/", Map.of(), null);
  }

  /** Pushes every blob, then every manifest in order, into {@code repository}. */
  public void push(String repository, OciContent content) {
    content.blobs().forEach(blob -> pushBlob(repository, blob));
    for (TaggedManifest m : content.manifests()) {
      pushManifest(repository, m.reference(), m.manifest());
    }
  }

  /** Uploads {@code blob} unless the repository has it already; returns its descriptor. */
  public Descriptor pushBlob(String repository, Blob blob) {
    Digest digest = blob.digest();
    if (send("HEAD", "/v2/" + repository + "/blobs/" + digest, Map.of(), null).status() == 200) {
      return blob.descriptor();
    }
    RegistryResponse started =
        send("POST", "/v2/" + repository + "/blobs/uploads/", Map.of(), new byte[0]);
    expect(started, "start upload of " + digest, 202);
    String location =
        started.header("Location").orElseThrow(() -> new RegistryException("no Location", started));
    String target =
        location + (location.contains("?") ? "&" : "?") + "digest=" + encode(digest.toString());
    RegistryResponse finished =
        send(
            "PUT",
            target,
            Map.of("Content-Type", "application/octet-stream"),
            blob.content().toByteArray());
    expect(finished, "finish upload of " + digest, 201);
    return blob.descriptor();
  }

  /**
   * Puts {@code manifest} under {@code reference} (tag or digest); returns the registry's digest.
   */
  public Digest pushManifest(String repository, String reference, Manifest manifest) {
    RegistryResponse response =
        send(
            "PUT",
            "/v2/" + repository + "/manifests/" + reference,
            Map.of("Content-Type", manifest.mediaType()),
            manifest.content().toByteArray());
    expect(response, "put manifest " + repository + ":" + reference, 201);
    Digest digest =
        response.header("Docker-Content-Digest").map(Digest::parse).orElse(manifest.digest());
    if (!digest.equals(manifest.digest())) {
      throw new RegistryException("registry stored other bytes (" + digest + ")", response);
    }
    return digest;
  }

  /** {@code GET} a manifest, accepting every manifest and index type. */
  public RegistryResponse getManifest(String repository, String reference) {
    return send(
        "GET",
        "/v2/" + repository + "/manifests/" + reference,
        Map.of("Accept", MediaTypes.ACCEPT_ANY_MANIFEST),
        null);
  }

  /** {@code HEAD} a manifest, accepting every manifest and index type. */
  public RegistryResponse headManifest(String repository, String reference) {
    return send(
        "HEAD",
        "/v2/" + repository + "/manifests/" + reference,
        Map.of("Accept", MediaTypes.ACCEPT_ANY_MANIFEST),
        null);
  }

  /** {@code GET} a blob. */
  public RegistryResponse getBlob(String repository, Digest digest) {
    return send("GET", "/v2/" + repository + "/blobs/" + digest, Map.of(), null);
  }

  /** {@code GET /v2/<repository>/referrers/<digest>} (distribution 2.8 answers 404). */
  public RegistryResponse referrers(String repository, Digest subject) {
    return send("GET", "/v2/" + repository + "/referrers/" + subject, Map.of(), null);
  }

  /** The repository's tags. */
  public List<String> tags(String repository) {
    RegistryResponse response = send("GET", "/v2/" + repository + "/tags/list", Map.of(), null);
    expect(response, "list tags of " + repository, 200);
    List<String> tags = new ArrayList<>();
    response.json().path("tags").forEach(t -> tags.add(t.asText()));
    return tags;
  }

  /**
   * Sends one request to {@code pathOrUri} (a path on the registry or an absolute URL such as an
   * upload Location), answering one auth challenge if the registry sends one.
   */
  public RegistryResponse send(
      String method, String pathOrUri, Map<String, String> headers, byte[] body) {
    URI uri = base.resolve(pathOrUri);
    String scopeKey = scopeKey(uri.getPath());
    RegistryResponse response = exchange(method, uri, headers, body, authorizations.get(scopeKey));
    if (response.status() == 401 && response.header("WWW-Authenticate").isPresent()) {
      String authorization = authorize(Challenge.parse(response.header("WWW-Authenticate").get()));
      if (authorization != null) {
        authorizations.put(scopeKey, authorization);
        response = exchange(method, uri, headers, body, authorization);
      }
    }
    return response;
  }

  private String authorize(Challenge challenge) {
    if (challenge.scheme().equals("basic")) {
      return username == null ? null : basic();
    }
    if (!challenge.scheme().equals("bearer") || challenge.parameter("realm") == null) {
      return null;
    }
    StringBuilder query = new StringBuilder();
    for (String name : List.of("service", "scope")) {
      String value = challenge.parameter(name);
      if (value != null) {
        query
            .append(query.length() == 0 ? "?" : "&")
            .append(name)
            .append('=')
            .append(encode(value));
      }
    }
    URI realm = URI.create(challenge.parameter("realm") + query);
    RegistryResponse token =
        exchange("GET", realm, Map.of(), null, username == null ? null : basic());
    if (token.status() != 200) {
      return null;
    }
    JsonNode json = token.json();
    String value =
        json.hasNonNull("token")
            ? json.get("token").asText()
            : json.path("access_token").asText(null);
    return value == null ? null : "Bearer " + value;
  }

  private RegistryResponse exchange(
      String method, URI uri, Map<String, String> headers, byte[] body, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new RegistryResponse(
          response.statusCode(), response.headers().map(), Bytes.of(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + uri, e);
    }
  }

  private String basic() {
    String pair = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String scopeKey(String path) {
    Matcher m = REPOSITORY_PATH.matcher(path);
    return m.matches() ? m.group(1) : "";
  }

  private static void expect(RegistryResponse response, String what, int status) {
    if (response.status() != status) {
      throw new RegistryException(what + " failed", response);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
