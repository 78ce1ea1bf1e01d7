package dev.countersign.verify.internal.registry;

import dev.countersign.verify.Digest;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.oci.Descriptor;
import dev.countersign.verify.oci.FetchedManifest;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryConfig;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.RegistryException.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link OciRegistry} over the OCI distribution API, on the JDK's {@link HttpClient}.
 *
 * <p>Why not a library. The ORAS Java SDK (0.7) is alpha and, for a verifier that must end every
 * fault within a bounded time, lacks what matters: it has a connect timeout but no request timeout,
 * no retries and no Retry-After, it reads response bodies without a bound, its TLS options are
 * "verify" or "skip verification" (no custom CA bundle), and it parses WWW-Authenticate with a
 * strict regular expression. jib-core's RegistryClient is not public API and brings
 * google-http-client. The distribution API needed here is three GET endpoints, so the client is
 * written against the specification instead, with those properties designed in.
 *
 * <p>What it guarantees:
 *
 * <ul>
 *   <li>Every manifest is checked against the pinned digest, or for a tag against the registry's
 *       Docker-Content-Digest when sent; every blob against its descriptor's size and digest.
 *   <li>No body is read past its limit: manifests and referrer listings {@code maxManifestBytes},
 *       blobs their descriptor's size (itself at most {@code maxBlobBytes}).
 *   <li>Each operation ends within {@code operationTimeout} (plus one request's grace), with a
 *       {@link RegistryException} whose kind names the fault.
 *   <li>HTTPS only, except for registries configured insecure. Bearer tokens are cached per
 *       (registry, repository scope) and the last challenge per registry, so a warm client makes
 *       one round trip per manifest or blob (plus any storage redirect).
 * </ul>
 *
 * <p>Thread-safe; share one instance (it holds one HTTP/1.1 client and its connection pool).
 */
public final class HttpRegistryClient implements OciRegistry {
  /** Referrer listings longer than this many pages are treated as hostile, not paginated. */
  static final int MAX_REFERRER_PAGES = 16;

  private final RegistryConfig config;
  private final RegistryTransport transport;

  public HttpRegistryClient(RegistryConfig config) {
    this.config = config;
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(RegistryTls.context(config.caCertificates()))
            .build();
    this.transport = new RegistryTransport(config, client);
  }

  @Override
  public FetchedManifest manifest(ImageReference reference) throws RegistryException {
    Optional<FetchedManifest> m = manifestIfPresent(reference);
    if (m.isEmpty()) {
      throw new RegistryException(
          Kind.NOT_FOUND, reference.toString(), reference + ": manifest not found (HTTP 404)");
    }
    return m.get();
  }

  @Override
  public Optional<FetchedManifest> manifestIfPresent(ImageReference reference)
      throws RegistryException {
    String location = reference.toString();
    String ref =
        reference.digest().map(Digest::toString).orElseGet(() -> reference.tag().orElse("latest"));
    RegistryRequest req =
        RegistryRequest.registryGet(
            reference.registry(),
            "manifest",
            uri(reference, "/manifests/" + ref),
            MediaTypes.MANIFEST_ACCEPT,
            config.maxManifestBytes(),
            reference.repository(),
            location);
    RegistryResponse r = transport.send(req, Deadline.after(config.operationTimeout()));
    if (r.status() == 404) {
      return Optional.empty();
    }
    requireSuccess(r, location);
    byte[] bytes = r.body();
    Digest digest = checkManifestDigest(reference, bytes, r.header("Docker-Content-Digest"));
    String contentType = MediaTypes.fromContentType(r.header("Content-Type"));
    try {
      ManifestDocument doc = ManifestDocument.parse(bytes, contentType);
      return Optional.of(new FetchedManifest(digest, doc.mediaType(), bytes));
    } catch (JsonFormatException e) {
      throw new RegistryException(
          Kind.MALFORMED, location, location + ": malformed manifest: " + e.getMessage());
    }
  }

  /**
   * The digest of the manifest bytes. A pinned reference must match them; the registry's
   * Docker-Content-Digest, when present, must agree too, since a registry that names one digest and
   * serves another is not one to trust with a tag.
   */
  private static Digest checkManifestDigest(ImageReference ref, byte[] bytes, String header)
      throws RegistryException {
    String location = ref.toString();
    Optional<Digest> claimed = Optional.empty();
    if (header != null) {
      claimed = Digest.tryParse(header.trim());
      if (claimed.isEmpty()) {
        throw new RegistryException(
            Kind.MALFORMED, location, location + ": unparseable Docker-Content-Digest " + header);
      }
    }
    String algorithm =
        ref.digest().map(Digest::algorithm).orElse(claimed.map(Digest::algorithm).orElse("sha256"));
    Digest actual = ContentDigests.compute(algorithm, bytes);
    if (ref.digest().isPresent() && !ref.digest().get().matches(actual)) {
      throw new RegistryException(
          Kind.DIGEST_MISMATCH,
          location,
          location + ": the registry served a manifest with digest " + actual);
    }
    if (claimed.isPresent()
        && !claimed.get().matches(ContentDigests.compute(claimed.get().algorithm(), bytes))) {
      throw new RegistryException(
          Kind.DIGEST_MISMATCH,
          location,
          location
              + ": Docker-Content-Digest "
              + claimed.get()
              + " does not match the manifest ("
              + actual
              + ")");
    }
    return actual;
  }

  @Override
  public byte[] blob(ImageReference repository, Descriptor descriptor) throws RegistryException {
    String location = repository.name() + "@" + descriptor.digest();
    if (descriptor.size() > config.maxBlobBytes()) {
      throw new RegistryException(
          Kind.TOO_LARGE,
          location,
          location
              + ": blob of "
              + descriptor.size()
              + " bytes exceeds the limit of "
              + config.maxBlobBytes());
    }
    RegistryRequest req =
        RegistryRequest.registryGet(
            repository.registry(),
            "blob",
            uri(repository, "/blobs/" + descriptor.digest()),
            "*/*",
            descriptor.size(),
            repository.repository(),
            location);
    RegistryResponse r = transport.send(req, Deadline.after(config.operationTimeout()));
    requireSuccess(r, location);
    byte[] bytes = r.body();
    if (bytes.length != descriptor.size()) {
      throw new RegistryException(
          Kind.DIGEST_MISMATCH,
          location,
          location
              + ": served "
              + bytes.length
              + " bytes, the descriptor says "
              + descriptor.size());
    }
    if (!ContentDigests.matches(descriptor.digest(), bytes)) {
      throw new RegistryException(
          Kind.DIGEST_MISMATCH, location, location + ": the blob does not match its digest");
    }
    return bytes;
  }

  /**
   * The OCI 1.1 referrers listing. The listing itself carries no digest: callers fetch each
   * referrer by digest and check its subject. Pages ({@code Link: rel="next"}) are followed on the
   * registry's own origin only.
   */
  @Override
  public Optional<List<Descriptor>> referrers(ImageReference repository, Digest subject)
      throws RegistryException {
    String location = repository.name() + " referrers of " + subject;
    Deadline deadline = Deadline.after(config.operationTimeout());
    URI first = uri(repository, "/referrers/" + subject);
    URI page = first;
    List<Descriptor> all = new ArrayList<>();
    for (int n = 0; n < MAX_REFERRER_PAGES; n++) {
      RegistryRequest req =
          new RegistryRequest(
              repository.registry(),
              "referrers",
              "GET",
              page,
              Map.of("Accept", MediaTypes.OCI_INDEX),
              Optional.empty(),
              config.maxManifestBytes(),
              Optional.of("repository:" + repository.repository() + ":pull"),
              Optional.empty(),
              location);
      RegistryResponse r = transport.send(req, deadline);
      if (r.status() == 404 && n == 0) {
        // The distribution spec: a registry without the referrers API answers 404 here (one that
        // has it answers 200 with an empty index even for unknown subjects).
        return Optional.empty();
      }
      requireSuccess(r, location);
      all.addAll(referrerIndex(r, location).manifests());
      Optional<URI> next = LinkHeader.next(r.headers().allValues("Link"), r.uri());
      if (next.isEmpty()) {
        return Optional.of(List.copyOf(all));
      }
      if (!RegistryHosts.sameOrigin(next.get(), first)) {
        throw new RegistryException(
            Kind.MALFORMED, location, location + ": next page on another host: " + next.get());
      }
      page = next.get();
    }
    throw new RegistryException(
        Kind.MALFORMED,
        location,
        location + ": more than " + MAX_REFERRER_PAGES + " pages of referrers");
  }

  private static ManifestDocument referrerIndex(RegistryResponse r, String location)
      throws RegistryException {
    String contentType = MediaTypes.fromContentType(r.header("Content-Type"));
    ManifestDocument doc;
    try {
      doc = ManifestDocument.parse(r.body(), contentType);
    } catch (JsonFormatException e) {
      throw new RegistryException(
          Kind.MALFORMED, location, location + ": malformed referrers index: " + e.getMessage());
    }
    if (!doc.mediaType().equals(MediaTypes.OCI_INDEX)) {
      throw new RegistryException(
          Kind.MALFORMED,
          location,
          location + ": referrers response is " + doc.mediaType() + ", not an OCI image index");
    }
    return doc;
  }

  private URI uri(ImageReference ref, String suffix) {
    URI base = RegistryHosts.endpoint(ref.registry(), config.isInsecure(ref.registry()));
    return URI.create(base + "/v2/" + ref.repository() + suffix);
  }

  private static void requireSuccess(RegistryResponse r, String location) throws RegistryException {
    if (r.status() == 200) {
      return;
    }
    Kind kind = r.isSuccess() ? Kind.SERVER_ERROR : r.failureKind();
    throw new RegistryException(
        kind, location, location + ": HTTP " + r.status() + " from " + HttpExchanger.host(r.uri()));
  }
}
