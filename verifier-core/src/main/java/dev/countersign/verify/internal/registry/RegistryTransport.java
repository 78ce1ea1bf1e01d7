package dev.countersign.verify.internal.registry;

import dev.countersign.verify.oci.RegistryConfig;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.RegistryException.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a {@link RegistryRequest} into a final response: authentication (one answered challenge per
 * attempt), redirects (followed by hand so that Authorization never leaves the registry's origin),
 * and retries with backoff for 429, 5xx and connection failures, all inside one {@link Deadline}.
 */
final class RegistryTransport implements RegistryAuthenticator.Sender {
  static final int MAX_REDIRECTS = 5;

  private final RegistryConfig config;
  private final HttpExchanger exchanger;
  private final RegistryAuthenticator authenticator;
  private final Backoff backoff;

  RegistryTransport(RegistryConfig config, HttpClient client) {
    this.config = config;
    this.exchanger = new HttpExchanger(client, config.listener(), config.userAgent());
    this.authenticator =
        new RegistryAuthenticator(config, new TokenCache(config.clock()), this::send);
    this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
  }

  /**
   * Sends a request until it gets a response whose status is not worth retrying, and returns it
   * (callers map 404 and the rest). Throws when retries or the time budget run out, when the server
   * asks for a longer wait than the budget allows (no point waiting to fail), and for
   * authentication failures.
   */
  @Override
  public RegistryResponse send(RegistryRequest req, Deadline deadline) throws RegistryException {
    String loc = req.location();
    for (int attempt = 0; ; attempt++) {
      if (deadline.expired()) {
        throw new RegistryException(
            Kind.TIMEOUT,
            loc,
            loc + ": no answer within the operation budget of " + deadline.budget());
      }
      RegistryException failure;
      Duration serverWait = Duration.ZERO;
      try {
        RegistryResponse r = authenticated(req, deadline);
        if (!r.isRetryable()) {
          return r;
        }
        failure =
            new RegistryException(r.failureKind(), loc, loc + ": HTTP " + r.status() + from(r));
        Optional<Duration> asked =
            RetryAfter.parse(r.header("Retry-After"), config.clock().instant());
        if (asked.isPresent()) {
          // Retry-After is a floor for the next wait. One longer than we would ever wait, or than
          // the time left, cannot be honoured: fail now instead of failing later.
          if (asked.get().compareTo(backoff.max()) > 0
              || asked.get().compareTo(deadline.remaining()) >= 0) {
            throw new RegistryException(
                r.failureKind(),
                loc,
                loc
                    + ": HTTP "
                    + r.status()
                    + " with Retry-After "
                    + asked.get().toSeconds()
                    + " s, longer than the client waits (max backoff "
                    + backoff.max()
                    + ", "
                    + deadline.remaining().toMillis()
                    + " ms of the budget left)");
          }
          serverWait = asked.get();
        }
      } catch (ExchangeFailure f) {
        if (!f.retryable()) {
          throw f.toRegistryException(loc);
        }
        failure = f.toRegistryException(loc);
      }
      if (attempt >= config.maxRetries()) {
        throw after(failure, attempt + 1);
      }
      Duration wait = backoff.delay(attempt);
      if (serverWait.compareTo(wait) > 0) {
        wait = serverWait;
      }
      if (wait.compareTo(deadline.remaining()) >= 0) {
        throw after(failure, attempt + 1);
      }
      sleep(wait, loc);
    }
  }

  /** One attempt: proactive credentials, then at most one answered challenge. */
  private RegistryResponse authenticated(RegistryRequest req, Deadline deadline)
      throws RegistryException, ExchangeFailure {
    if (req.scope().isEmpty()) {
      return redirected(req, req.authorization().orElse(null), deadline);
    }
    String registry = req.registry();
    String scope = req.scope().get();
    RegistryAuthenticator.Authorization sent = authenticator.proactive(registry, scope, deadline);
    RegistryResponse r = redirected(req, sent.header(), deadline);
    if (r.status() != 401 || !RegistryHosts.sameOrigin(r.uri(), req.uri())) {
      return r;
    }
    AuthChallenge challenge =
        AuthChallenge.select(r.headers().allValues("WWW-Authenticate"))
            .orElseThrow(
                () ->
                    new RegistryException(
                        Kind.UNAUTHORIZED,
                        req.location(),
                        req.location() + ": HTTP 401 without a Basic or Bearer challenge"));
    authenticator.refused(registry, scope, sent, challenge);
    RegistryAuthenticator.Authorization answer =
        authenticator.respond(registry, scope, challenge, deadline);
    if (answer.header() == null || answer.header().equals(sent.header())) {
      throw unauthorized(
          req,
          answer.header() == null
              ? "no credentials for " + registry
              : "the credentials were refused");
    }
    r = redirected(req, answer.header(), deadline);
    if (r.status() == 401) {
      throw unauthorized(req, "the credentials were refused");
    }
    return r;
  }

  /**
   * Sends and follows redirects. Blobs are commonly redirected to object storage on another host;
   * the Authorization header is dropped as soon as the origin changes (it is the registry's
   * credential, not the storage's), and HTTPS is never downgraded to HTTP.
   */
  private RegistryResponse redirected(RegistryRequest req, String authorization, Deadline deadline)
      throws ExchangeFailure {
    URI uri = req.uri();
    String auth = authorization;
    for (int hop = 0; ; hop++) {
      Duration timeout = config.requestTimeout();
      if (deadline.remaining().compareTo(timeout) < 0) {
        timeout = deadline.remaining();
      }
      if (timeout.isZero()) {
        throw new ExchangeFailure(
            Kind.TIMEOUT,
            false,
            "no answer within the operation budget of " + deadline.budget(),
            null);
      }
      RegistryResponse r = exchanger.exchange(req, uri, auth, timeout);
      if (!isRedirect(r.status()) || !req.method().equals("GET")) {
        return r;
      }
      if (hop >= MAX_REDIRECTS) {
        throw new ExchangeFailure(
            Kind.SERVER_ERROR, false, "more than " + MAX_REDIRECTS + " redirects", null);
      }
      URI next = location(r, uri);
      if (!RegistryHosts.sameOrigin(req.uri(), next)) {
        auth = null;
      }
      uri = next;
    }
  }

  private static URI location(RegistryResponse r, URI current) throws ExchangeFailure {
    String header = r.header("Location");
    if (header == null) {
      throw new ExchangeFailure(
          Kind.SERVER_ERROR, false, "HTTP " + r.status() + " redirect without Location", null);
    }
    URI next;
    try {
      next = current.resolve(header.trim());
    } catch (IllegalArgumentException e) {
      throw new ExchangeFailure(Kind.SERVER_ERROR, false, "invalid redirect " + header, e);
    }
    String scheme =
        next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
    boolean downgrade = scheme.equals("http") && current.getScheme().equalsIgnoreCase("https");
    if (!(scheme.equals("https") || scheme.equals("http")) || downgrade || next.getHost() == null) {
      throw new ExchangeFailure(
          Kind.SERVER_ERROR, false, "refusing redirect from " + current + " to " + next, null);
    }
    return next;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static RegistryException unauthorized(RegistryRequest req, String why) {
    return new RegistryException(
        Kind.UNAUTHORIZED, req.location(), req.location() + ": HTTP 401: " + why);
  }

  private static RegistryException after(RegistryException last, int attempts) {
    return new RegistryException(
        last.kind(),
        last.location(),
        last.getMessage() + " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)"),
        last.getCause());
  }

  private static String from(RegistryResponse r) {
    return " from " + HttpExchanger.host(r.uri());
  }

  private static void sleep(Duration wait, String loc) throws RegistryException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(Kind.UNAVAILABLE, loc, loc + ": interrupted", e);
    }
  }
}
