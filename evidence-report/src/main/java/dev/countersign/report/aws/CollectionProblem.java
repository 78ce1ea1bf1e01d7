package dev.countersign.report.aws;

import java.util.Objects;

/**
 * A part of the AWS evidence that could not be collected. Its presence makes a collection
 * incomplete: the packet shows the gap instead of passing over it.
 *
 * @param reason stable code
 * @param operation the API operation or source, such as {@code ecr:DescribeImages} or {@code
 *     s3://bucket/AWSLogs/...}
 * @param target what it was about (repository, image digest, file); empty when it is the whole call
 * @param message one human sentence, including what AWS said
 */
public record CollectionProblem(AwsReason reason, String operation, String target, String message) {
  public CollectionProblem {
    Objects.requireNonNull(reason, "reason");
    operation = operation == null ? "" : operation;
    target = target == null ? "" : target;
    message = message == null ? "" : message;
  }
}
