package dev.countersign.report.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One image in an ECR repository, from {@code DescribeImages}.
 *
 * @param scanStatus {@code COMPLETE}, {@code ACTIVE}, {@code FAILED}, ... ; empty when never
 *     scanned
 * @param findingSeverityCounts severity to count, from the scan findings summary
 */
public record EcrImage(
    String registryId,
    String repositoryName,
    String digest,
    List<String> tags,
    Optional<Instant> pushedAt,
    OptionalLong sizeBytes,
    String manifestMediaType,
    Optional<String> scanStatus,
    String scanStatusDescription,
    Optional<Instant> scanCompletedAt,
    Map<String, Integer> findingSeverityCounts,
    Optional<Instant> lastRecordedPullTime) {
  public EcrImage {
    Objects.requireNonNull(repositoryName, "repositoryName");
    Objects.requireNonNull(digest, "digest");
    registryId = registryId == null ? "" : registryId;
    tags = tags == null ? List.of() : List.copyOf(tags);
    pushedAt = pushedAt == null ? Optional.empty() : pushedAt;
    sizeBytes = sizeBytes == null ? OptionalLong.empty() : sizeBytes;
    manifestMediaType = manifestMediaType == null ? "" : manifestMediaType;
    scanStatus = scanStatus == null ? Optional.empty() : scanStatus;
    scanStatusDescription = scanStatusDescription == null ? "" : scanStatusDescription;
    scanCompletedAt = scanCompletedAt == null ? Optional.empty() : scanCompletedAt;
    findingSeverityCounts =
        findingSeverityCounts == null ? Map.of() : Map.copyOf(findingSeverityCounts);
    lastRecordedPullTime = lastRecordedPullTime == null ? Optional.empty() : lastRecordedPullTime;
  }

  /**
   * Whether ECR has findings to give for this image (a finished basic or an active enhanced scan).
   */
  public boolean hasScanFindings() {
    return scanStatus.map(s -> s.equals("COMPLETE") || s.equals("ACTIVE")).orElse(false);
  }
}
