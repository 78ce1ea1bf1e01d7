package dev.countersign.report.aws;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The exact request behind a piece of evidence, so an assessor can repeat it.
 *
 * @param service AWS service, such as {@code ecr}, {@code cloudtrail} or {@code s3}
 * @param operation API operation, such as {@code DescribeImages}
 * @param parameters the request parameters exactly as sent (the JSON request body for ECR and
 *     CloudTrail; {@code key=value} lines for S3)
 * @param region AWS region the request went to
 * @param endpoint the URL the request was sent to
 * @param account the AWS account (registry id) the evidence describes; empty when unknown
 * @param time when the answer was received
 * @param requestId the request id AWS gave the answer ({@code x-amzn-RequestId}), if any
 */
public record Query(
    String service,
    String operation,
    String parameters,
    String region,
    String endpoint,
    String account,
    Instant time,
    Optional<String> requestId) {
  public Query {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(time, "time");
    parameters = parameters == null ? "" : parameters;
    region = region == null ? "" : region;
    endpoint = endpoint == null ? "" : endpoint;
    account = account == null ? "" : account;
    requestId = requestId == null ? Optional.empty() : requestId;
  }

  /** {@code service:Operation}, as IAM names it. */
  public String action() {
    return service + ":" + operation;
  }
}
