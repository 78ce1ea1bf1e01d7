package dev.countersign.testkit.ca;

/** Deliberate faults a leaf can be issued with, for tests that must see it rejected. */
public enum LeafDefect {
  /**
   * The validity window closes one second before the requested notBefore, so anything signed at
   * that instant was signed with an expired certificate.
   */
  EXPIRED,
  /** extendedKeyUsage is serverAuth instead of codeSigning. */
  WRONG_EXTENDED_KEY_USAGE,
  /** basicConstraints says CA=true and keyUsage adds keyCertSign. */
  CA_CERTIFICATE,
  /** No subjectAltName at all, leaving the certificate without an identity. */
  NO_SUBJECT_ALTERNATIVE_NAME
}
