package dev.countersign.benchmarks.admission;

/** Why an answer does not count as correct. */
enum ErrorKind {
  /** Not HTTP 200 (the API server treats anything else as a webhook failure). */
  HTTP_STATUS,
  /** Not an AdmissionReview with a response, or unreadable JSON. */
  MALFORMED,
  /** {@code response.uid} is not the request's uid. */
  WRONG_UID,
  /** Allowed where a denial was expected, denied where an admission was, or another reason. */
  WRONG_DECISION,
  /** Denied with {@code ADMISSION_OVERLOADED}: the webhook shed the request. */
  SHED,
  /** No complete answer within {@code timeoutSeconds} of sending. */
  TIMEOUT,
  /** The connection failed (refused, reset, closed mid-answer, TLS). */
  IO
}
