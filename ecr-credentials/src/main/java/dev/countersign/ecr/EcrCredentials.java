package dev.countersign.ecr;

import dev.countersign.verify.oci.RegistryCredential;
import dev.countersign.verify.oci.RegistryCredentials;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.RegistryException.Kind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Registry credentials for Amazon ECR private registries, from {@code GetAuthorizationToken} of the
 * registry's region with the AWS default credential chain (environment, profile, IRSA web identity
 * in EKS, container and instance roles).
 *
 * <p>Tokens last 12 hours; each is cached per (region, account) until a safety margin before it
 * expires, and concurrent lookups for the same registry share one call. Failures are not cached:
 * the next lookup asks again. Hosts that are not ECR registries get no credential, so this combines
 * with others through {@link RegistryCredentials#firstOf}.
 *
 * <p>Thread-safe. Close it to release the SDK clients.
 */
public final class EcrCredentials implements RegistryCredentials, AutoCloseable {
  private final AwsCredentialsProvider credentialsProvider;
  private final boolean ownsProvider;
  private final Optional<URI> endpointOverride;
  private final Clock clock;
  private final Duration refreshMargin;
  private final Duration apiCallTimeout;
  private final int maxAttempts;
  private final Map<ClientKey, EcrClient> clients = new ConcurrentHashMap<>();
  private final Map<CacheKey, Token> cache = new ConcurrentHashMap<>();
  private final Map<CacheKey, CompletableFuture<Token>> inflight = new ConcurrentHashMap<>();

  private record ClientKey(String region, boolean fips) {}

  private record CacheKey(String region, String account) {}

  private record Token(RegistryCredential.Basic credential, Instant refreshAt) {}

  private EcrCredentials(Builder b) {
    this.ownsProvider = b.credentialsProvider == null;
    this.credentialsProvider =
        ownsProvider ? DefaultCredentialsProvider.builder().build() : b.credentialsProvider;
    this.endpointOverride = Optional.ofNullable(b.endpointOverride);
    this.clock = b.clock;
    this.refreshMargin = b.refreshMargin;
    this.apiCallTimeout = b.apiCallTimeout;
    this.maxAttempts = b.maxAttempts;
  }

  /** With the default credential chain, the system clock and the default margins. */
  public static EcrCredentials create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * ECR credentials with the default settings, whose AWS SDK clients are created only when an ECR
   * registry is first asked about: tools that may never meet an ECR host do not pay for the SDK.
   * Other hosts get no credential, so this combines with other sources through {@link
   * RegistryCredentials#firstOf}.
   */
  public static RegistryCredentials lazy() {
    return new RegistryCredentials() {
      private EcrCredentials ecr;

      @Override
      public synchronized Optional<RegistryCredential> credentialFor(String registry)
          throws RegistryException {
        if (EcrRegistryHost.parse(registry).isEmpty()) {
          return Optional.empty();
        }
        if (ecr == null) {
          ecr = create();
        }
        return ecr.credentialFor(registry);
      }
    };
  }

  @Override
  public Optional<RegistryCredential> credentialFor(String registry) throws RegistryException {
    Optional<EcrRegistryHost> host = EcrRegistryHost.parse(registry);
    if (host.isEmpty()) {
      return Optional.empty();
    }
    CacheKey key = new CacheKey(host.get().region(), host.get().account());
    Token cached = cache.get(key);
    if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
      return Optional.of(cached.credential());
    }
    return Optional.of(refresh(key, host.get(), registry).credential());
  }

  /** One call per key at a time: the others wait for its result instead of calling too. */
  private Token refresh(CacheKey key, EcrRegistryHost host, String registry)
      throws RegistryException {
    CompletableFuture<Token> mine = new CompletableFuture<>();
    CompletableFuture<Token> running = inflight.putIfAbsent(key, mine);
    if (running != null) {
      return await(running, registry);
    }
    try {
      Token cached = cache.get(key);
      Token token =
          cached != null && clock.instant().isBefore(cached.refreshAt())
              ? cached
              : fetch(host, registry);
      cache.put(key, token);
      mine.complete(token);
      return token;
    } catch (RegistryException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inflight.remove(key, mine);
    }
  }

  private Token await(CompletableFuture<Token> running, String registry) throws RegistryException {
    try {
      return running.get(apiCallTimeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RegistryException) {
        RegistryException r = (RegistryException) e.getCause();
        throw new RegistryException(r.kind(), r.location(), r.getMessage(), r);
      }
      throw new RegistryException(Kind.UNAVAILABLE, registry, "ECR token: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new RegistryException(
          Kind.TIMEOUT, registry, "ECR token: no answer within " + apiCallTimeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(Kind.UNAVAILABLE, registry, "ECR token: interrupted", e);
    }
  }

  private Token fetch(EcrRegistryHost host, String registry) throws RegistryException {
    try {
      // Resolved first so that "no credentials" reads as an authentication problem, not as the
      // network failure the SDK would otherwise report it as.
      credentialsProvider.resolveCredentials();
    } catch (SdkException e) {
      throw new RegistryException(
          Kind.UNAUTHORIZED, registry, "no AWS credentials for ECR: " + e.getMessage(), e);
    }
    GetAuthorizationTokenResponse response;
    try {
      response = client(host).getAuthorizationToken(r -> {});
    } catch (SdkException e) {
      throw EcrErrors.toRegistryException(e, registry);
    }
    if (!response.hasAuthorizationData() || response.authorizationData().isEmpty()) {
      throw new RegistryException(
          Kind.UNAUTHORIZED, registry, "ECR GetAuthorizationToken returned no authorization data");
    }
    AuthorizationData data = response.authorizationData().get(0);
    RegistryCredential.Basic credential = decode(data, registry);
    Instant expiresAt = credential.expiresAt().orElseThrow();
    Instant now = clock.instant();
    if (!expiresAt.isAfter(now)) {
      throw new RegistryException(
          Kind.UNAUTHORIZED, registry, "ECR returned a token that expired at " + expiresAt);
    }
    Instant refreshAt = expiresAt.minus(refreshMargin);
    if (!refreshAt.isAfter(now)) {
      // A token shorter-lived than the margin (a skewed clock): use it for half its life.
      refreshAt = now.plus(Duration.between(now, expiresAt).dividedBy(2));
    }
    return new Token(credential, refreshAt);
  }

  private static RegistryCredential.Basic decode(AuthorizationData data, String registry)
      throws RegistryException {
    String pair;
    try {
      pair =
          new String(
              Base64.getDecoder().decode(Objects.requireNonNull(data.authorizationToken())),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new RegistryException(
          Kind.UNAUTHORIZED, registry, "ECR authorization token is not base64", e);
    }
    int colon = pair.indexOf(':');
    if (colon <= 0 || data.expiresAt() == null) {
      throw new RegistryException(
          Kind.UNAUTHORIZED, registry, "ECR authorization token is not user:password with expiry");
    }
    return new RegistryCredential.Basic(
        pair.substring(0, colon), pair.substring(colon + 1), Optional.of(data.expiresAt()));
  }

  private EcrClient client(EcrRegistryHost host) {
    return clients.computeIfAbsent(
        new ClientKey(host.region(), host.fips()),
        k -> {
          var b =
              EcrClient.builder()
                  .region(Region.of(k.region()))
                  .fipsEnabled(k.fips())
                  .credentialsProvider(credentialsProvider)
                  .httpClientBuilder(
                      UrlConnectionHttpClient.builder()
                          .connectionTimeout(apiCallTimeout)
                          .socketTimeout(apiCallTimeout))
                  .overrideConfiguration(
                      o ->
                          o.apiCallTimeout(apiCallTimeout)
                              .retryStrategy(r -> r.maxAttempts(maxAttempts)));
          endpointOverride.ifPresent(b::endpointOverride);
          return b.build();
        });
  }

  @Override
  public void close() {
    clients.values().forEach(EcrClient::close);
    clients.clear();
    if (ownsProvider && credentialsProvider instanceof SdkAutoCloseable) {
      ((SdkAutoCloseable) credentialsProvider).close();
    }
  }

  /** Options; every one has a production default. */
  public static final class Builder {
    private AwsCredentialsProvider credentialsProvider;
    private URI endpointOverride;
    private Clock clock = Clock.systemUTC();
    private Duration refreshMargin = Duration.ofMinutes(5);
    private Duration apiCallTimeout = Duration.ofSeconds(10);
    private int maxAttempts = 3;

    private Builder() {}

    /** AWS credentials; default: the SDK's default chain (which includes IRSA). */
    public Builder credentialsProvider(AwsCredentialsProvider provider) {
      this.credentialsProvider = Objects.requireNonNull(provider);
      return this;
    }

    /** The ECR API endpoint, for VPC endpoints or tests; default: the region's. */
    public Builder endpointOverride(URI endpoint) {
      this.endpointOverride = Objects.requireNonNull(endpoint);
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c);
      return this;
    }

    /** How long before expiry a token is replaced; default 5 minutes. */
    public Builder refreshMargin(Duration margin) {
      if (margin.isNegative()) {
        throw new IllegalArgumentException("refresh margin must not be negative");
      }
      this.refreshMargin = margin;
      return this;
    }

    /** Budget for one GetAuthorizationToken call including SDK retries; default 10 s. */
    public Builder apiCallTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.apiCallTimeout = timeout;
      return this;
    }

    /** SDK attempts per call (first try included); default 3. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 10) {
        throw new IllegalArgumentException("attempts must be between 1 and 10");
      }
      this.maxAttempts = attempts;
      return this;
    }

    public EcrCredentials build() {
      return new EcrCredentials(this);
    }
  }
}
