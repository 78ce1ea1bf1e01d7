package dev.countersign.report.packet;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where the packet's Amazon ECR evidence comes from: the ECR API now, or a snapshot folder that
 * {@code countersign packet snapshot} (or {@code EcrCollector} with {@code EvidenceSink.directory})
 * wrote earlier on a connected host. Either way the raw API answers go into the packet with their
 * queries, and the packet reads its facts from those answers.
 */
public record EcrInput(Optional<Path> snapshot, Optional<Live> live) {

  /**
   * The ECR API of one registry.
   *
   * @param region the AWS region
   * @param registryId the 12-digit account id; empty for the caller's own registry
   * @param endpoint an endpoint override (VPC or FIPS endpoint, or a test server)
   * @param credentials AWS credentials; empty for the SDK's default chain
   * @param requestsPerSecond the request rate limit, retries included
   */
  public record Live(
      String region,
      Optional<String> registryId,
      Optional<URI> endpoint,
      Optional<AwsCredentialsProvider> credentials,
      double requestsPerSecond) {
    public Live {
      Objects.requireNonNull(region, "region");
      registryId = registryId == null ? Optional.empty() : registryId;
      endpoint = endpoint == null ? Optional.empty() : endpoint;
      credentials = credentials == null ? Optional.empty() : credentials;
      if (!(requestsPerSecond > 0)) {
        throw new PacketException(
            PacketException.Reason.CONFIGURATION_INVALID,
            "ECR requests per second must be positive: " + requestsPerSecond);
      }
    }
  }

  public EcrInput {
    snapshot = snapshot == null ? Optional.empty() : snapshot;
    live = live == null ? Optional.empty() : live;
    if (snapshot.isPresent() == live.isPresent()) {
      throw new PacketException(
          PacketException.Reason.CONFIGURATION_INVALID,
          "ECR evidence comes from either a snapshot folder or the live API, exactly one");
    }
  }

  public static EcrInput snapshot(Path folder) {
    return new EcrInput(Optional.of(folder), Optional.empty());
  }

  public static EcrInput live(Live live) {
    return new EcrInput(Optional.empty(), Optional.of(live));
  }
}
