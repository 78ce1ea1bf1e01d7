package dev.countersign.ecr;

import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.RegistryException.Kind;
import java.net.SocketTimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps AWS SDK failures of GetAuthorizationToken to registry failure kinds. */
final class EcrErrors {
  private EcrErrors() {}

  /**
   * The service refusing the caller (any 4xx: AccessDenied, invalid or expired credentials) is
   * UNAUTHORIZED; throttling is RATE_LIMITED; the SDK's call timeouts and socket read timeouts are
   * TIMEOUT; everything else (5xx, connection failures, DNS) is UNAVAILABLE.
   */
  static RegistryException toRegistryException(SdkException e, String registry) {
    String what = "ECR GetAuthorizationToken for " + registry + ": ";
    if (e instanceof ApiCallTimeoutException
        || e instanceof ApiCallAttemptTimeoutException
        || causedBy(e, SocketTimeoutException.class)) {
      return new RegistryException(Kind.TIMEOUT, registry, what + e.getMessage(), e);
    }
    if (e instanceof AwsServiceException) {
      AwsServiceException s = (AwsServiceException) e;
      String code =
          s.awsErrorDetails() == null ? "" : String.valueOf(s.awsErrorDetails().errorCode());
      String detail = what + code + " (HTTP " + s.statusCode() + "): " + s.getMessage();
      if (s.isThrottlingException()) {
        return new RegistryException(Kind.RATE_LIMITED, registry, detail, e);
      }
      if (s.statusCode() >= 400 && s.statusCode() < 500) {
        return new RegistryException(Kind.UNAUTHORIZED, registry, detail, e);
      }
      return new RegistryException(Kind.UNAVAILABLE, registry, detail, e);
    }
    return new RegistryException(Kind.UNAVAILABLE, registry, what + e.getMessage(), e);
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
