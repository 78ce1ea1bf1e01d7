package dev.countersign.report.aws;

import dev.countersign.report.aws.internal.AwsClients;
import dev.countersign.report.aws.internal.EventProducer;
import dev.countersign.report.aws.internal.EventReading;
import dev.countersign.report.aws.internal.LookupEventsProducer;
import dev.countersign.report.aws.internal.RateLimiter;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * ECR events of one region from CloudTrail's {@code LookupEvents} API (the last 90 days of
 * management events), filtered by event source {@code ecr.amazonaws.com} and the window, paginated
 * with NextToken.
 *
 * <p>LookupEvents allows 2 requests per second per account and region; this source never sends
 * more: a one-token bucket spaces every HTTP attempt, SDK retries included, at least 500 ms apart.
 * Throttling and server errors are retried by the SDK's standard strategy (exponential backoff with
 * jitter, default 8 attempts). A page that still fails is reported in {@link
 * EventReadReport#problems()}.
 */
public final class CloudTrailLookup
    implements CloudTrailEvents, EventProducer.Backed, AutoCloseable {
  /** LookupEvents' documented limit per account and region. */
  public static final double MAX_REQUESTS_PER_SECOND = 2;

  private final CloudTrailClient client;
  private final LookupEventsProducer producer;

  private CloudTrailLookup(Builder b) {
    this.client =
        AwsClients.cloudTrail(
            new AwsClients.Settings(
                b.region,
                b.endpointOverride,
                b.credentialsProvider,
                b.maxAttempts,
                b.apiCallTimeout,
                new RateLimiter(b.requestsPerSecond)));
    this.producer = new LookupEventsProducer(client, b.region, b.rawPages, b.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public EventReadReport read(TimeWindow window, EventSink sink, Progress progress)
      throws IOException {
    return EventReading.read(List.of(producer), window, sink, progress);
  }

  @Override
  public EventProducer producer() {
    return producer;
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return producer.name();
  }

  /** Options; only the region is required. */
  public static final class Builder {
    private String region;
    private URI endpointOverride;
    private AwsCredentialsProvider credentialsProvider;
    private double requestsPerSecond = MAX_REQUESTS_PER_SECOND;
    private int maxAttempts = 8;
    private Duration apiCallTimeout = Duration.ofSeconds(30);
    private Optional<EvidenceSink> rawPages = Optional.empty();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder region(String region) {
      if (region == null || region.isBlank()) {
        throw new AwsEvidenceException(AwsReason.CONFIGURATION_INVALID, "region is required");
      }
      this.region = region;
      return this;
    }

    public Builder endpointOverride(URI endpoint) {
      this.endpointOverride = Objects.requireNonNull(endpoint);
      return this;
    }

    public Builder credentialsProvider(AwsCredentialsProvider provider) {
      this.credentialsProvider = Objects.requireNonNull(provider);
      return this;
    }

    /** At most 2 (the API's limit), which is the default; lower to share the quota. */
    public Builder requestsPerSecond(double rate) {
      if (!(rate > 0) || rate > MAX_REQUESTS_PER_SECOND) {
        throw new AwsEvidenceException(
            AwsReason.CONFIGURATION_INVALID,
            "LookupEvents allows at most " + MAX_REQUESTS_PER_SECOND + " requests/s: " + rate);
      }
      this.requestsPerSecond = rate;
      return this;
    }

    /** SDK attempts per page, first included; default 8. */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = AwsClients.checkedAttempts(attempts);
      return this;
    }

    public Builder apiCallTimeout(Duration timeout) {
      this.apiCallTimeout = AwsClients.checkedTimeout(timeout);
      return this;
    }

    /** Also keep every raw page with its query (large: about 1 KiB per event). */
    public Builder rawPages(EvidenceSink sink) {
      this.rawPages = Optional.of(sink);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public CloudTrailLookup build() {
      if (region == null) {
        throw new AwsEvidenceException(AwsReason.CONFIGURATION_INVALID, "region is required");
      }
      return new CloudTrailLookup(this);
    }
  }
}
