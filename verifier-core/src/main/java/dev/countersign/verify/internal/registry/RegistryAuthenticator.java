package dev.countersign.verify.internal.registry;

import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.oci.RegistryConfig;
import dev.countersign.verify.oci.RegistryCredential;
import dev.countersign.verify.oci.RegistryCredentials;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.RegistryException.Kind;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers registry authentication challenges: Basic with the configured user and password, or
 * Bearer with a token from the registry's token service (Docker registry token authentication),
 * obtained anonymously, with Basic credentials, or with a refresh token. Tokens are cached per
 * (registry, scope).
 */
final class RegistryAuthenticator {
  /** Sends a request with retries; implemented by the transport. */
  @FunctionalInterface
  interface Sender {
    RegistryResponse send(RegistryRequest request, Deadline deadline) throws RegistryException;
  }

  /** Token responses are a few kilobytes of JWT; anything near this is not a token response. */
  static final long TOKEN_RESPONSE_LIMIT = 256 * 1024;

  private final RegistryConfig config;
  private final RegistryCredentials credentials;
  private final TokenCache tokens;
  private final Sender sender;
  private final Map<TokenCache.Key, CompletableFuture<TokenResponse>> inflight =
      new ConcurrentHashMap<>();

  RegistryAuthenticator(RegistryConfig config, TokenCache tokens, Sender sender) {
    this.config = config;
    this.credentials = config.credentials();
    this.tokens = tokens;
    this.sender = sender;
  }

  /** An Authorization header value and, when it is a cached or fetched bearer token, that token. */
  record Authorization(String header, String token) {
    static final Authorization NONE = new Authorization(null, null);
  }

  /**
   * What to send before any challenge: a cached token, or what the registry's remembered challenge
   * asks for (so a warm client spends no round trip on a 401), or a ready registry token.
   */
  Authorization proactive(String registry, String scope, Deadline deadline)
      throws RegistryException {
    Optional<String> cached = tokens.token(registry, scope);
    if (cached.isPresent()) {
      return new Authorization("Bearer " + cached.get(), cached.get());
    }
    Optional<AuthChallenge> known = tokens.challenge(registry);
    if (known.isPresent()) {
      return respond(registry, scope, known.get(), deadline);
    }
    Optional<RegistryCredential> c = credentials.credentialFor(registry);
    if (c.isPresent() && c.get() instanceof RegistryCredential.BearerToken) {
      return new Authorization(
          "Bearer " + ((RegistryCredential.BearerToken) c.get()).token(), null);
    }
    return Authorization.NONE;
  }

  /** Forgets a token the registry refused and remembers the challenge it sent instead. */
  void refused(String registry, String scope, Authorization sent, AuthChallenge challenge) {
    if (sent.token() != null) {
      tokens.invalidate(registry, scope, sent.token());
    }
    tokens.rememberChallenge(registry, challenge);
  }

  /** The answer to a challenge; {@link Authorization#NONE} when there are no usable credentials. */
  Authorization respond(String registry, String scope, AuthChallenge challenge, Deadline deadline)
      throws RegistryException {
    RegistryCredential credential = credentials.credentialFor(registry).orElse(null);
    if (credential instanceof RegistryCredential.BearerToken) {
      return new Authorization(
          "Bearer " + ((RegistryCredential.BearerToken) credential).token(), null);
    }
    if (challenge.isBasic()) {
      return credential instanceof RegistryCredential.Basic
          ? new Authorization(basic((RegistryCredential.Basic) credential), null)
          : Authorization.NONE;
    }
    Optional<String> fresh = tokens.token(registry, scope);
    if (fresh.isPresent()) {
      // Another request obtained a token since this one was refused (a refused token is gone).
      return new Authorization("Bearer " + fresh.get(), fresh.get());
    }
    TokenResponse t = sharedToken(registry, scope, challenge, credential, deadline);
    return new Authorization("Bearer " + t.token(), t.token());
  }

  /**
   * One token request per (registry, scope) at a time: a cold verifier checking many images of one
   * repository in parallel asks the token service once, the other threads wait for that answer.
   */
  private TokenResponse sharedToken(
      String registry,
      String scope,
      AuthChallenge challenge,
      RegistryCredential credential,
      Deadline deadline)
      throws RegistryException {
    TokenCache.Key key = new TokenCache.Key(registry, scope);
    CompletableFuture<TokenResponse> mine = new CompletableFuture<>();
    CompletableFuture<TokenResponse> running = inflight.putIfAbsent(key, mine);
    if (running != null) {
      return await(running, registry, deadline);
    }
    try {
      TokenResponse t = fetchToken(registry, scope, challenge, credential, deadline);
      tokens.put(registry, scope, t.token(), t.lifetime());
      mine.complete(t);
      return t;
    } catch (RegistryException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inflight.remove(key, mine);
    }
  }

  private static TokenResponse await(
      CompletableFuture<TokenResponse> running, String registry, Deadline deadline)
      throws RegistryException {
    String location = registry + " token service";
    try {
      return running.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RegistryException) {
        RegistryException r = (RegistryException) e.getCause();
        throw new RegistryException(r.kind(), r.location(), r.getMessage(), r);
      }
      throw new RegistryException(Kind.UNAUTHORIZED, location, location + ": " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new RegistryException(
          Kind.TIMEOUT, location, location + ": no token within the operation budget", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(Kind.UNAVAILABLE, location, location + ": interrupted", e);
    }
  }

  private TokenResponse fetchToken(
      String registry,
      String scope,
      AuthChallenge challenge,
      RegistryCredential credential,
      Deadline deadline)
      throws RegistryException {
    String location = registry + " token service";
    URI realm = realm(registry, challenge, location);
    Map<String, String> params = new LinkedHashMap<>();
    challenge.param("service").ifPresent(s -> params.put("service", s));
    params.put("scope", scope);
    RegistryRequest request;
    if (credential instanceof RegistryCredential.IdentityToken) {
      // An identity token is an OAuth2 refresh token: exchanged with a form POST, never as a query.
      params.put("grant_type", "refresh_token");
      params.put("client_id", "countersign");
      params.put("refresh_token", ((RegistryCredential.IdentityToken) credential).token());
      request =
          new RegistryRequest(
              registry,
              "token",
              "POST",
              realm,
              Map.of("Content-Type", "application/x-www-form-urlencoded"),
              Optional.of(form(params)),
              TOKEN_RESPONSE_LIMIT,
              Optional.empty(),
              Optional.empty(),
              location);
    } else {
      String query = form(params);
      URI uri = URI.create(realm + (realm.getRawQuery() == null ? "?" : "&") + query);
      Optional<String> auth =
          credential instanceof RegistryCredential.Basic
              ? Optional.of(basic((RegistryCredential.Basic) credential))
              : Optional.empty();
      request =
          new RegistryRequest(
              registry,
              "token",
              "GET",
              uri,
              Map.of("Accept", "application/json"),
              Optional.empty(),
              TOKEN_RESPONSE_LIMIT,
              Optional.empty(),
              auth,
              location);
    }
    RegistryResponse r = sender.send(request, deadline);
    if (r.isSuccess()) {
      try {
        return TokenResponse.parse(r.body());
      } catch (JsonFormatException e) {
        throw new RegistryException(
            Kind.UNAUTHORIZED, location, location + ": invalid token response: " + e.getMessage());
      }
    }
    // 401/400 (wrong credentials) and anything else that yields no token are an authentication
    // failure; only 403 says something different (the principal may not pull this repository).
    Kind kind = r.status() == 403 ? Kind.FORBIDDEN : Kind.UNAUTHORIZED;
    throw new RegistryException(
        kind, location, location + " answered HTTP " + r.status() + " for scope " + scope);
  }

  /**
   * The token service named by the registry. It may live on another host (Docker Hub's does), so
   * credentials go wherever the registry points, but only over HTTPS unless the registry itself is
   * configured as insecure.
   */
  private URI realm(String registry, AuthChallenge challenge, String location)
      throws RegistryException {
    String text = challenge.param("realm").orElse("");
    URI realm;
    try {
      realm = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(
          Kind.UNAUTHORIZED, location, location + ": invalid token realm '" + text + "'");
    }
    String scheme =
        realm.getScheme() == null ? "" : realm.getScheme().toLowerCase(java.util.Locale.ROOT);
    boolean allowed =
        scheme.equals("https") || (scheme.equals("http") && config.isInsecure(registry));
    if (!allowed || realm.getHost() == null) {
      throw new RegistryException(
          Kind.UNAUTHORIZED,
          location,
          location + ": refusing token realm '" + text + "' (HTTPS required)");
    }
    return realm;
  }

  private static String basic(RegistryCredential.Basic b) {
    String pair = b.username() + ":" + b.password();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String form(Map<String, String> params) {
    StringJoiner j = new StringJoiner("&");
    params.forEach(
        (k, v) ->
            j.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }
}
