package dev.countersign.admission.internal.review;

/** The body is not an AdmissionReview the webhook can answer: HTTP 400 with this message. */
public final class MalformedReviewException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedReviewException(String message) {
    super(message);
  }

  public MalformedReviewException(String message, Throwable cause) {
    super(message, cause);
  }
}
