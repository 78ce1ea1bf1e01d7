package dev.countersign.verify.oci;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How to reach registries: credentials, TLS trust, which registries may use plain HTTP, timeouts,
 * retries and size limits. Immutable; build with {@link #builder()}.
 *
 * @param credentials where credentials come from
 * @param insecureRegistries registries (host or host:port) reached over plain HTTP; every other
 *     registry is reached over HTTPS only
 * @param caCertificates PEM files of extra CA certificates trusted for registry TLS, in addition to
 *     the JDK's
 * @param connectTimeout timeout to establish a connection
 * @param requestTimeout timeout for one request, from sending to the last byte of the response
 * @param operationTimeout budget for one operation including retries and backoff
 * @param maxRetries retries after the first attempt for 429, 5xx and connection failures
 * @param initialBackoff first backoff; doubles each retry (with jitter), capped by {@code
 *     maxBackoff}
 * @param maxBackoff the longest single wait, also the cap on a {@code Retry-After} the client
 *     honours
 * @param maxManifestBytes largest manifest or index accepted
 * @param maxBlobBytes largest blob accepted (signature payloads, attestations, bundles)
 * @param listener observer of every round trip
 * @param userAgent the User-Agent header
 * @param clock clock for token expiry
 */
public record RegistryConfig(
    RegistryCredentials credentials,
    Set<String> insecureRegistries,
    List<Path> caCertificates,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration operationTimeout,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    long maxManifestBytes,
    long maxBlobBytes,
    RegistryListener listener,
    String userAgent,
    Clock clock) {

  public RegistryConfig {
    Objects.requireNonNull(credentials, "credentials");
    insecureRegistries = Set.copyOf(insecureRegistries);
    caCertificates = List.copyOf(caCertificates);
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(clock, "clock");
    if (maxRetries < 0 || maxRetries > 10) {
      throw new IllegalArgumentException("maxRetries must be between 0 and 10");
    }
    if (maxManifestBytes <= 0 || maxBlobBytes <= 0) {
      throw new IllegalArgumentException("size limits must be positive");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether a registry may be reached over plain HTTP. */
  public boolean isInsecure(String registry) {
    return insecureRegistries.contains(registry);
  }

  /**
   * Builder with safe defaults: HTTPS only, 5 s connect, 10 s request, 30 s per operation, 3
   * retries.
   */
  public static final class Builder {
    private RegistryCredentials credentials = RegistryCredentials.anonymous();
    private final Set<String> insecure = new LinkedHashSet<>();
    private final List<Path> cas = new ArrayList<>();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration operationTimeout = Duration.ofSeconds(30);
    private int maxRetries = 3;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private long maxManifestBytes = 4L * 1024 * 1024;
    private long maxBlobBytes = 64L * 1024 * 1024;
    private RegistryListener listener = RegistryListener.NONE;
    private String userAgent = "countersign";
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder credentials(RegistryCredentials c) {
      this.credentials = Objects.requireNonNull(c);
      return this;
    }

    /**
     * Allows plain HTTP to this registry (host or host:port). Use only for local test registries.
     */
    public Builder insecureRegistry(String registry) {
      this.insecure.add(Objects.requireNonNull(registry));
      return this;
    }

    public Builder caCertificates(Path pem) {
      this.cas.add(Objects.requireNonNull(pem));
      return this;
    }

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d);
      return this;
    }

    public Builder requestTimeout(Duration d) {
      this.requestTimeout = positive(d);
      return this;
    }

    public Builder operationTimeout(Duration d) {
      this.operationTimeout = positive(d);
      return this;
    }

    public Builder retries(int max, Duration initial, Duration maximum) {
      this.maxRetries = max;
      this.initialBackoff = positive(initial);
      this.maxBackoff = positive(maximum);
      return this;
    }

    public Builder maxManifestBytes(long bytes) {
      this.maxManifestBytes = bytes;
      return this;
    }

    public Builder maxBlobBytes(long bytes) {
      this.maxBlobBytes = bytes;
      return this;
    }

    public Builder listener(RegistryListener l) {
      this.listener = Objects.requireNonNull(l);
      return this;
    }

    public Builder userAgent(String ua) {
      this.userAgent = Objects.requireNonNull(ua);
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c);
      return this;
    }

    public RegistryConfig build() {
      return new RegistryConfig(
          credentials,
          insecure,
          cas,
          connectTimeout,
          requestTimeout,
          operationTimeout,
          maxRetries,
          initialBackoff,
          maxBackoff,
          maxManifestBytes,
          maxBlobBytes,
          listener,
          userAgent,
          clock);
    }

    private static Duration positive(Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive");
      }
      return d;
    }
  }
}
