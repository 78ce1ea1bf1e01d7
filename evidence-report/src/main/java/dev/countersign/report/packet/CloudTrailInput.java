package dev.countersign.report.packet;

import dev.countersign.report.aws.CloudTrailEvents;
import dev.countersign.report.aws.DigestPublicKeys;
import dev.countersign.report.aws.TrailLocation;
import dev.countersign.report.inventory.RawEvidence;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where the packet's CloudTrail evidence comes from.
 *
 * @param sources the event sources, read in order with one duplicate filter (LookupEvents and/or
 *     trail files)
 * @param trails the trail file locations whose digest chains are validated for the window; empty
 *     when only LookupEvents is used (which has no integrity chain: the packet says so)
 * @param keys the CloudTrail public keys for digest validation, when given as files
 * @param keyFiles those files as read, to be kept in the packet
 * @param fetchKeys fetch the keys with {@code ListPublicKeys} instead (kept raw in the packet)
 * @param deliveryLag how long after the window log files and digests are still read
 */
public record CloudTrailInput(
    List<CloudTrailEvents> sources,
    List<TrailLocation> trails,
    Optional<DigestPublicKeys> keys,
    List<RawEvidence> keyFiles,
    Optional<KeyFetch> fetchKeys,
    Duration deliveryLag) {

  /** CloudTrail's {@code ListPublicKeys} in one region. */
  public record KeyFetch(
      String region, Optional<URI> endpoint, Optional<AwsCredentialsProvider> credentials) {
    public KeyFetch {
      Objects.requireNonNull(region, "region");
      endpoint = endpoint == null ? Optional.empty() : endpoint;
      credentials = credentials == null ? Optional.empty() : credentials;
    }
  }

  public CloudTrailInput {
    sources = List.copyOf(sources);
    trails = List.copyOf(trails);
    keys = keys == null ? Optional.empty() : keys;
    keyFiles = List.copyOf(keyFiles);
    fetchKeys = fetchKeys == null ? Optional.empty() : fetchKeys;
    Objects.requireNonNull(deliveryLag, "deliveryLag");
    if (sources.isEmpty()) {
      throw new PacketException(
          PacketException.Reason.CONFIGURATION_INVALID, "at least one CloudTrail source is needed");
    }
    if (!trails.isEmpty() && keys.isEmpty() && fetchKeys.isEmpty()) {
      throw new PacketException(
          PacketException.Reason.CONFIGURATION_INVALID,
          "trail files are validated with CloudTrail's public keys: give a key file or fetch them"
              + " with ListPublicKeys");
    }
    if (deliveryLag.isNegative()) {
      throw new PacketException(
          PacketException.Reason.CONFIGURATION_INVALID,
          "the delivery lag must not be negative: " + deliveryLag);
    }
  }
}
