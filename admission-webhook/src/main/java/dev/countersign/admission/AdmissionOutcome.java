package dev.countersign.admission;

/** What the webhook answers for a request or for one image in it. */
public enum AdmissionOutcome {
  /** Admitted: every enforcing policy passed (or the image was excluded by configuration). */
  ALLOW,
  /** Admitted with warnings the API server shows to the client (warn-mode failures). */
  WARN,
  /** Refused; the message names the field path and reason code of every refused image. */
  DENY
}
