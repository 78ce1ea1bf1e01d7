package dev.countersign.report.aws;

import dev.countersign.report.aws.internal.DigestCheck;
import dev.countersign.report.aws.internal.TrailStore;
import java.time.Duration;
import java.util.Objects;

/**
 * CloudTrail log file integrity validation: proves that the trail's log files for a window are the
 * ones CloudTrail delivered, none added, changed or removed.
 *
 * <ul>
 *   <li>every digest file's signature (SHA256withRSA by the region's CloudTrail key, chosen by
 *       fingerprint) over its end time, location, SHA-256 and its predecessor's signature;
 *   <li>every link: the predecessor a digest names exists and has the signature and hash named; a
 *       digest that starts a new chain while older ones exist is a gap;
 *   <li>every log file a valid digest lists exists and has the SHA-256 listed (of its uncompressed
 *       content);
 *   <li>every log file delivered in the window is listed by a valid digest.
 * </ul>
 *
 * Results are data: an {@link IntegrityReport} with one {@link IntegrityProblem} per finding.
 */
public final class DigestChainValidator {
  private final DigestPublicKeys keys;
  private final Duration deliveryLag;

  private DigestChainValidator(DigestPublicKeys keys, Duration deliveryLag) {
    this.keys = keys;
    this.deliveryLag = deliveryLag;
  }

  public static DigestChainValidator using(DigestPublicKeys keys) {
    Objects.requireNonNull(keys, "keys");
    return new DigestChainValidator(keys, Duration.ofHours(2));
  }

  /** How far past the window's end log files and digests are still looked for; default 2 hours. */
  public DigestChainValidator deliveryLag(Duration lag) {
    if (lag.isNegative()) {
      throw new AwsEvidenceException(
          AwsReason.CONFIGURATION_INVALID, "the delivery lag must not be negative: " + lag);
    }
    return new DigestChainValidator(keys, lag);
  }

  public IntegrityReport validate(TrailLocation location, TimeWindow window, Progress progress) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(progress, "progress");
    if (!(location instanceof TrailStore)) {
      throw new AwsEvidenceException(
          AwsReason.CONFIGURATION_INVALID,
          "trail locations come from TrailLocation.localFolder or TrailLocation.s3: " + location);
    }
    return new DigestCheck((TrailStore) location, keys, window, deliveryLag, progress).run();
  }
}
