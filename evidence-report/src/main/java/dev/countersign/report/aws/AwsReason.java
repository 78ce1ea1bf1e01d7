package dev.countersign.report.aws;

/**
 * Why AWS evidence could not be collected completely. A code never changes meaning once released:
 * audit packets record it next to the gap it explains, so consumers may match on it.
 */
public enum AwsReason {
  ACCESS_DENIED("the credentials may not call the API or read the object"),
  CREDENTIALS_MISSING("no AWS credentials could be found"),
  THROTTLED("AWS throttled the requests, still after the retries"),
  SERVICE_ERROR("AWS answered with a server error, still after the retries"),
  TIMEOUT("AWS did not answer within the time allowed"),
  UNREACHABLE("the AWS endpoint could not be reached"),
  REQUEST_REJECTED("AWS rejected the request as invalid"),
  NOT_FOUND("the repository, bucket, object or folder does not exist"),
  RESPONSE_MALFORMED("an AWS response could not be parsed"),
  TRAIL_FILE_MALFORMED("a CloudTrail log file is not gzip-compressed JSON with a Records array"),
  RECORD_MALFORMED("a CloudTrail record lacks eventID, eventTime or eventSource"),
  KEY_FILE_INVALID("a CloudTrail public key file cannot be read or does not match its fingerprint"),
  CONFIGURATION_INVALID("the collection was configured with an impossible value"),
  INTERRUPTED("the collection was interrupted");

  private final String description;

  AwsReason(String description) {
    this.description = description;
  }

  /** One sentence for reports. */
  public String description() {
    return description;
  }
}
