package dev.countersign.testkit.tuf;

/**
 * Key types and the TUF {@code keytype} / {@code scheme} strings a repository declares for them.
 */
public enum TufKeyType {
  ECDSA_P256("ecdsa", "ecdsa-sha2-nistp256"),
  ECDSA_P384("ecdsa", "ecdsa-sha2-nistp384"),
  ED25519("ed25519", "ed25519"),
  RSA_PSS_SHA256("rsa", "rsassa-pss-sha256");

  private final String keyType;
  private final String scheme;

  TufKeyType(String keyType, String scheme) {
    this.keyType = keyType;
    this.scheme = scheme;
  }

  /** The {@code keytype} field. */
  public String keyType() {
    return keyType;
  }

  /** The {@code scheme} field. */
  public String scheme() {
    return scheme;
  }

  /** How {@code keyval.public} is written by current tooling: hex for Ed25519, else PEM. */
  public TufPublicKeyFormat defaultFormat() {
    return this == ED25519 ? TufPublicKeyFormat.HEX_RAW : TufPublicKeyFormat.PEM;
  }
}
