package dev.countersign.cli;

import java.net.URI;
import picocli.CommandLine.Option;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Which AWS region and endpoints a command talks to. The region is optional here because {@code
 * packet} reaches AWS only when asked to; {@code packet snapshot} always does and makes it required
 * ({@link AwsRegionRequired}).
 */
final class AwsOptions {
  @Option(
      names = "--aws-region",
      paramLabel = "REGION",
      description = "AWS region of ECR and CloudTrail.")
  String region;

  @Option(
      names = "--ecr-registry-id",
      paramLabel = "ACCOUNT",
      description = "ECR registry (account id); default the caller's.")
  String ecrRegistryId;

  @Option(names = "--ecr-endpoint", paramLabel = "URL", description = "ECR API endpoint override.")
  URI ecrEndpoint;

  @Option(
      names = "--cloudtrail-endpoint",
      paramLabel = "URL",
      description = "CloudTrail API endpoint override.")
  URI cloudTrailEndpoint;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description = "S3 endpoint override (path-style).")
  URI s3Endpoint;

  /** UsageException naming {@code option} when no region was given. */
  void requireRegion(String option) {
    if (region == null || region.isBlank()) {
      throw new UsageException("USAGE", option + " needs --aws-region");
    }
  }

  /** A new S3 client for the region and endpoint; the caller closes it. */
  S3Client s3Client() {
    var b =
        S3Client.builder()
            .region(Region.of(region))
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (s3Endpoint != null) {
      b.endpointOverride(s3Endpoint).forcePathStyle(true);
    }
    return b.build();
  }
}
