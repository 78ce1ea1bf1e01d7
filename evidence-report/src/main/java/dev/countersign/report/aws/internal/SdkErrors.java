package dev.countersign.report.aws.internal;

import dev.countersign.report.aws.AwsReason;
import dev.countersign.report.aws.CollectionProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK failures into stable reasons with the words AWS used. */
public final class SdkErrors {
  private SdkErrors() {}

  public static CollectionProblem problem(String operation, String target, SdkException e) {
    return new CollectionProblem(reason(e), operation, target, message(e));
  }

  public static AwsReason reason(SdkException e) {
    if (e instanceof AwsServiceException) {
      AwsServiceException s = (AwsServiceException) e;
      String code = s.awsErrorDetails() == null ? "" : nullToEmpty(s.awsErrorDetails().errorCode());
      String lower = code.toLowerCase(Locale.ROOT);
      if (s.isThrottlingException()) {
        return AwsReason.THROTTLED;
      }
      if (s.statusCode() == 403
          || lower.contains("accessdenied")
          || lower.contains("unauthorized")
          || lower.equals("invalidaccesskeyid")
          || lower.equals("signaturedoesnotmatch")
          || lower.equals("unrecognizedclientexception")) {
        return AwsReason.ACCESS_DENIED;
      }
      if (s.statusCode() >= 500) {
        return AwsReason.SERVICE_ERROR;
      }
      if (s.statusCode() == 404
          || lower.contains("notfound")
          || lower.equals("nosuchkey")
          || lower.equals("nosuchbucket")) {
        return AwsReason.NOT_FOUND;
      }
      return AwsReason.REQUEST_REJECTED;
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return AwsReason.TIMEOUT;
    }
    if (e instanceof AbortedException) {
      return AwsReason.INTERRUPTED;
    }
    if (e instanceof SdkClientException) {
      String m = nullToEmpty(e.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("unable to load credentials") || m.contains("credentials")) {
        return AwsReason.CREDENTIALS_MISSING;
      }
      if (hasCause(e, UncheckedIOException.class) && m.contains("larger than")) {
        return AwsReason.RESPONSE_MALFORMED;
      }
      if (hasCause(e, java.net.SocketTimeoutException.class)) {
        return AwsReason.TIMEOUT;
      }
      if (hasCause(e, IOException.class)) {
        return AwsReason.UNREACHABLE;
      }
      if (m.contains("unable to unmarshall") || m.contains("unable to parse")) {
        return AwsReason.RESPONSE_MALFORMED;
      }
      return AwsReason.UNREACHABLE;
    }
    return AwsReason.SERVICE_ERROR;
  }

  public static String message(SdkException e) {
    if (e instanceof AwsServiceException) {
      AwsServiceException s = (AwsServiceException) e;
      if (s.awsErrorDetails() != null && s.awsErrorDetails().errorCode() != null) {
        return s.awsErrorDetails().errorCode()
            + " (HTTP "
            + s.statusCode()
            + "): "
            + nullToEmpty(s.awsErrorDetails().errorMessage());
      }
      return "HTTP " + s.statusCode() + ": " + nullToEmpty(s.getMessage());
    }
    String m = nullToEmpty(e.getMessage());
    return m.isEmpty() ? e.getClass().getSimpleName() : m;
  }

  /** The AWS error code, or empty for client-side failures. */
  public static String errorCode(SdkException e) {
    if (e instanceof AwsServiceException && ((AwsServiceException) e).awsErrorDetails() != null) {
      return nullToEmpty(((AwsServiceException) e).awsErrorDetails().errorCode());
    }
    return "";
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
