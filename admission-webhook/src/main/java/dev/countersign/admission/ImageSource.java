package dev.countersign.admission;

/** Where an image's decision came from, for metrics, logs and records. */
public enum ImageSource {
  /** A decision cached from an earlier verification. */
  CACHED,
  /** A verification another request had already started, shared. */
  SHARED,
  /** A verification started for this request. */
  VERIFIED,
  /** Not verified: the image or namespace is excluded by configuration. */
  EXCLUDED,
  /** Not verified: the image could not be read, the webhook was overloaded, or time ran out. */
  NOT_EVALUATED
}
