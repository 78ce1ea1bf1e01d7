package dev.countersign.testkit.tuf;

/** Ways TUF repositories have written {@code keyval.public}. */
public enum TufPublicKeyFormat {
  /** PEM SubjectPublicKeyInfo (python-tuf, tuf-on-ci, sigstore root v5 and later). */
  PEM,
  /**
   * Hex of the raw key: 32 bytes for Ed25519, the uncompressed point {@code 04||X||Y} for ECDSA.
   */
  HEX_RAW,
  /** Hex of the DER SubjectPublicKeyInfo. */
  HEX_DER,
  /** Hex of the PEM text (early go-tuf ECDSA keys, as in sigstore roots up to version 4). */
  HEX_PEM
}
