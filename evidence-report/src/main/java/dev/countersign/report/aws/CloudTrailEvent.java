package dev.countersign.report.aws;

import java.time.Instant;
import java.util.Objects;

/**
 * One ECR API call as CloudTrail recorded it, normalised. Absent values are empty strings.
 *
 * @param eventId CloudTrail's unique id for the event ({@code eventID})
 * @param principalArn who called: the IAM user, assumed-role session or root ARN; for AWS services
 *     the service principal ({@code invokedBy})
 * @param principalType {@code IAMUser}, {@code AssumedRole}, {@code AWSService}, {@code Root},
 *     {@code FederatedUser}, {@code IdentityCenterUser}, ...
 * @param sessionIssuerArn for role sessions, the role that was assumed
 * @param repositoryName the repository the call was about, when it names one
 * @param imageTag the image tag named in the request or response
 * @param imageDigest the image digest named in the request or response
 * @param errorCode {@code AccessDenied}, {@code RepositoryNotFoundException}, ... ; empty on
 *     success
 * @param record the CloudTrail record exactly as delivered, as compact JSON
 */
public record CloudTrailEvent(
    String eventId,
    Instant eventTime,
    String eventName,
    String eventSource,
    String awsRegion,
    String principalArn,
    String principalType,
    String sessionIssuerArn,
    String sourceIpAddress,
    String userAgent,
    String repositoryName,
    String imageTag,
    String imageDigest,
    String errorCode,
    String errorMessage,
    boolean readOnly,
    EventCategory category,
    String record) {
  public CloudTrailEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(eventSource, "eventSource");
    Objects.requireNonNull(category, "category");
    awsRegion = orEmpty(awsRegion);
    principalArn = orEmpty(principalArn);
    principalType = orEmpty(principalType);
    sessionIssuerArn = orEmpty(sessionIssuerArn);
    sourceIpAddress = orEmpty(sourceIpAddress);
    userAgent = orEmpty(userAgent);
    repositoryName = orEmpty(repositoryName);
    imageTag = orEmpty(imageTag);
    imageDigest = orEmpty(imageDigest);
    errorCode = orEmpty(errorCode);
    errorMessage = orEmpty(errorMessage);
    record = orEmpty(record);
  }

  /** The call failed (denied, not found, invalid). */
  public boolean failed() {
    return !errorCode.isEmpty();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
