package dev.countersign.testkit.tsa;

/** Which TSA certificates a timestamp token carries. */
public enum EmbeddedCertificates {
  /** None: verifiers must take the signing certificate from their trust root. */
  NONE,
  /** The signing (leaf) certificate only, as Sigstore's timestamp authority does. */
  SIGNING_CERTIFICATE,
  /** The whole chain, leaf first, root last. */
  CHAIN
}
