package dev.countersign.report.aws;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One ECR repository's security settings, from {@code DescribeRepositories}.
 *
 * @param imageTagMutability {@code MUTABLE}, {@code IMMUTABLE} or the exclusion variants AWS adds
 * @param encryptionType {@code AES256}, {@code KMS} or {@code KMS_DSSE}
 * @param kmsKey the KMS key ARN when encrypted with KMS
 */
public record EcrRepository(
    String registryId,
    String name,
    String arn,
    String uri,
    Optional<Instant> createdAt,
    String imageTagMutability,
    boolean scanOnPush,
    String encryptionType,
    Optional<String> kmsKey) {
  public EcrRepository {
    Objects.requireNonNull(name, "name");
    registryId = registryId == null ? "" : registryId;
    arn = arn == null ? "" : arn;
    uri = uri == null ? "" : uri;
    createdAt = createdAt == null ? Optional.empty() : createdAt;
    imageTagMutability = imageTagMutability == null ? "" : imageTagMutability;
    encryptionType = encryptionType == null ? "" : encryptionType;
    kmsKey = kmsKey == null ? Optional.empty() : kmsKey;
  }

  /** Tags cannot be moved to other content once pushed. */
  public boolean tagsImmutable() {
    return imageTagMutability.startsWith("IMMUTABLE");
  }
}
