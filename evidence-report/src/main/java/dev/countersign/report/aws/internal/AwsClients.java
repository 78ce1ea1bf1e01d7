package dev.countersign.report.aws.internal;

import dev.countersign.report.aws.AwsEvidenceException;
import dev.countersign.report.aws.AwsReason;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SDK clients as the collectors use them: the JDK-based HTTP client (as in ecr-credentials), the
 * SDK's standard retry strategy (exponential backoff with jitter on throttling and 5xx), a call
 * timeout, and the interceptors that rate-limit and record raw exchanges.
 */
public final class AwsClients {
  private AwsClients() {}

  /** Settings shared by every client a collector builds. */
  public record Settings(
      String region,
      URI endpointOverride,
      AwsCredentialsProvider credentialsProvider,
      int maxAttempts,
      Duration apiCallTimeout,
      RateLimiter limiter) {}

  /** SDK attempts per call, first included, as a builder accepts them: 1 to 20. */
  public static int checkedAttempts(int attempts) {
    if (attempts < 1 || attempts > 20) {
      throw new AwsEvidenceException(
          AwsReason.CONFIGURATION_INVALID, "attempts must be between 1 and 20: " + attempts);
    }
    return attempts;
  }

  /** The time allowed for one attempt, as a builder accepts it: positive. */
  public static Duration checkedTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new AwsEvidenceException(
          AwsReason.CONFIGURATION_INVALID, "the call timeout must be positive: " + timeout);
    }
    return timeout;
  }

  public static EcrClient ecr(Settings s) {
    return configure(EcrClient.builder(), s).build();
  }

  public static CloudTrailClient cloudTrail(Settings s) {
    return configure(CloudTrailClient.builder(), s).build();
  }

  public static S3Client s3(Settings s, boolean pathStyle) {
    return configure(S3Client.builder(), s).forcePathStyle(pathStyle).build();
  }

  private static <
          B extends
              AwsSyncClientBuilder<B, ?>
                  & software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>>
      B configure(B builder, Settings s) {
    builder
        .region(Region.of(s.region()))
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(s.apiCallTimeout()))
        .overrideConfiguration(override(s));
    if (s.credentialsProvider() != null) {
      builder.credentialsProvider(s.credentialsProvider());
    }
    if (s.endpointOverride() != null) {
      builder.endpointOverride(s.endpointOverride());
    }
    return builder;
  }

  private static ClientOverrideConfiguration override(Settings s) {
    ClientOverrideConfiguration.Builder o =
        ClientOverrideConfiguration.builder()
            .apiCallTimeout(s.apiCallTimeout().multipliedBy(s.maxAttempts()))
            .apiCallAttemptTimeout(s.apiCallTimeout())
            .retryStrategy(r -> r.maxAttempts(s.maxAttempts()));
    List<ExecutionInterceptor> interceptors =
        s.limiter() == null
            ? List.of(new ExchangeRecorder())
            : List.of(new RateLimitInterceptor(s.limiter()), new ExchangeRecorder());
    interceptors.forEach(o::addExecutionInterceptor);
    return o.build();
  }
}
