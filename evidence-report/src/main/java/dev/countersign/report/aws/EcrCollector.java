package dev.countersign.report.aws;

import dev.countersign.report.aws.internal.AwsClients;
import dev.countersign.report.aws.internal.EcrRun;
import dev.countersign.report.aws.internal.RateLimiter;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Collects Amazon ECR evidence for one registry (account and region): the registry scanning
 * configuration, every repository's settings (tag immutability, scan on push, encryption) and
 * resource policy, every image, and each scanned image's findings. Every API answer is stored raw
 * in the {@link EvidenceSink} with the exact query; the records go to an {@link EcrVisitor} page by
 * page.
 *
 * <pre>{@code
 * try (EcrCollector ecr = EcrCollector.builder().region("us-gov-west-1").registryId("123456789012")
 *         .evidenceSink(EvidenceSink.directory(out.resolve("raw"))).build()) {
 *   EcrCollection result = ecr.collect(visitor);
 *   if (!result.complete()) { ... result.problems() ... }
 * }
 * }</pre>
 *
 * <p>Calls are rate-limited (default 20 requests per second, retries included) and retried by the
 * SDK's standard strategy (exponential backoff with jitter on throttling and server errors). A call
 * that still fails becomes a {@link CollectionProblem} and the collection goes on with the rest.
 */
public final class EcrCollector implements AutoCloseable {
  private final EcrClient client;
  private final Builder config;

  private EcrCollector(Builder b) {
    this.config = b;
    this.client =
        AwsClients.ecr(
            new AwsClients.Settings(
                b.region,
                b.endpointOverride,
                b.credentialsProvider,
                b.maxAttempts,
                b.apiCallTimeout,
                new RateLimiter(b.requestsPerSecond)));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Collects everything once. Thread-safe, but each call is a full collection.
   *
   * @throws IOException when the evidence sink or the visitor cannot write
   */
  public EcrCollection collect(EcrVisitor visitor) throws IOException {
    Objects.requireNonNull(visitor, "visitor");
    return new EcrRun(
            client,
            config.region,
            config.registryId,
            config.sink,
            config.progress,
            config.clock,
            config.findingsConcurrency,
            config.includeFindings,
            config.repositoryNames)
        .run(visitor);
  }

  @Override
  public void close() {
    client.close();
  }

  /** Options; only the region is required. */
  public static final class Builder {
    private String region;
    private String registryId;
    private URI endpointOverride;
    private AwsCredentialsProvider credentialsProvider;
    private Clock clock = Clock.systemUTC();
    private EvidenceSink sink = EvidenceSink.discard();
    private Progress progress = Progress.NONE;
    private int maxAttempts = 6;
    private Duration apiCallTimeout = Duration.ofSeconds(30);
    private double requestsPerSecond = 20;
    private int findingsConcurrency = 4;
    private boolean includeFindings = true;
    private List<String> repositoryNames = List.of();

    private Builder() {}

    public Builder region(String region) {
      this.region = requireText(region, "region");
      return this;
    }

    /** The registry (AWS account id); default: the caller's own registry. */
    public Builder registryId(String registryId) {
      if (!registryId.matches("[0-9]{12}")) {
        throw new AwsEvidenceException(
            AwsReason.CONFIGURATION_INVALID,
            "a registry id is a 12-digit account id: " + registryId);
      }
      this.registryId = registryId;
      return this;
    }

    /**
     * The ECR API endpoint (a VPC endpoint, FIPS endpoint or test server); default: the region's.
     */
    public Builder endpointOverride(URI endpoint) {
      this.endpointOverride = Objects.requireNonNull(endpoint);
      return this;
    }

    /** AWS credentials; default: the SDK's default chain (environment, profile, IRSA, roles). */
    public Builder credentialsProvider(AwsCredentialsProvider provider) {
      this.credentialsProvider = Objects.requireNonNull(provider);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public Builder evidenceSink(EvidenceSink sink) {
      this.sink = Objects.requireNonNull(sink);
      return this;
    }

    public Builder progress(Progress progress) {
      this.progress = Objects.requireNonNull(progress);
      return this;
    }

    /** SDK attempts per call, first included; default 6. */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = AwsClients.checkedAttempts(attempts);
      return this;
    }

    /** Time allowed for one attempt; default 30 s. */
    public Builder apiCallTimeout(Duration timeout) {
      this.apiCallTimeout = AwsClients.checkedTimeout(timeout);
      return this;
    }

    /** Upper bound on requests per second to ECR, retries included; default 20. */
    public Builder requestsPerSecond(double rate) {
      if (!(rate > 0) || rate > 1000) {
        throw new AwsEvidenceException(
            AwsReason.CONFIGURATION_INVALID, "requests per second must be in (0, 1000]: " + rate);
      }
      this.requestsPerSecond = rate;
      return this;
    }

    /** Images whose findings are fetched at the same time; default 4. */
    public Builder findingsConcurrency(int threads) {
      if (threads < 1 || threads > 64) {
        throw new AwsEvidenceException(
            AwsReason.CONFIGURATION_INVALID, "findings concurrency must be 1..64: " + threads);
      }
      this.findingsConcurrency = threads;
      return this;
    }

    /** Whether scan findings are read (one or more calls per scanned image); default true. */
    public Builder includeFindings(boolean include) {
      this.includeFindings = include;
      return this;
    }

    /** Only these repositories; default: every repository of the registry. */
    public Builder repositories(List<String> names) {
      this.repositoryNames = List.copyOf(names);
      return this;
    }

    public EcrCollector build() {
      if (region == null) {
        throw new AwsEvidenceException(
            AwsReason.CONFIGURATION_INVALID, "an AWS region is required");
      }
      return new EcrCollector(this);
    }

    private static String requireText(String s, String what) {
      if (s == null || s.isBlank()) {
        throw new AwsEvidenceException(AwsReason.CONFIGURATION_INVALID, what + " is required");
      }
      return s;
    }
  }
}
