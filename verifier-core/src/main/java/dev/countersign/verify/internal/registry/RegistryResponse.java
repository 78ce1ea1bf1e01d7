package dev.countersign.verify.internal.registry;

import dev.countersign.verify.oci.RegistryException.Kind;
import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * A complete response: status, headers, the body read within its limit, and the URI that answered
 * (after redirects).
 */
record RegistryResponse(int status, HttpHeaders headers, byte[] body, URI uri) {

  String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** 429 and the 5xx statuses that signal a passing condition are worth another attempt. */
  boolean isRetryable() {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /**
   * The failure kind for an unsuccessful status. Statuses without a kind of their own (400, 405,
   * 406, 501, ...) are SERVER_ERROR: the registry answered, but not with content, and the kind's
   * documented meaning covers "another unexpected status". 410 Gone is a missing manifest.
   */
  Kind failureKind() {
    switch (status) {
      case 401:
        return Kind.UNAUTHORIZED;
      case 403:
        return Kind.FORBIDDEN;
      case 404:
      case 410:
        return Kind.NOT_FOUND;
      case 429:
        return Kind.RATE_LIMITED;
      default:
        return Kind.SERVER_ERROR;
    }
  }
}
