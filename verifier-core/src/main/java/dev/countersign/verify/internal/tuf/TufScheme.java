package dev.countersign.verify.internal.tuf;

import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.crypto.KeyAlgorithm;
import dev.countersign.verify.internal.crypto.RsaPadding;
import dev.countersign.verify.internal.crypto.VerificationKey;
import java.util.Optional;
import java.util.Set;

/**
 * The TUF signature schemes this client verifies. A scheme fixes the key type, the curve and the
 * hash, so a key is only ever used the one way its scheme names.
 */
enum TufScheme {
  /** securesystemslib and sigstore root-signing: SHA-256, DER signature. */
  ECDSA_P256(
      "ecdsa-sha2-nistp256",
      KeyAlgorithm.ECDSA_P256,
      HashAlgorithm.SHA2_256,
      Set.of("ecdsa", "ecdsa-sha2-nistp256")),
  ECDSA_P384(
      "ecdsa-sha2-nistp384",
      KeyAlgorithm.ECDSA_P384,
      HashAlgorithm.SHA2_384,
      Set.of("ecdsa", "ecdsa-sha2-nistp384")),
  /** Pure Ed25519 over the message; the hash is unused. */
  ED25519("ed25519", KeyAlgorithm.ED25519, HashAlgorithm.SHA2_512, Set.of("ed25519")),
  /** RSASSA-PSS, SHA-256 and MGF1-SHA-256, salt length equal to the digest length. */
  RSASSA_PSS_SHA256("rsassa-pss-sha256", KeyAlgorithm.RSA, HashAlgorithm.SHA2_256, Set.of("rsa"));

  private final String id;
  private final KeyAlgorithm keyAlgorithm;
  private final HashAlgorithm hash;
  private final Set<String> keyTypes;

  TufScheme(String id, KeyAlgorithm keyAlgorithm, HashAlgorithm hash, Set<String> keyTypes) {
    this.id = id;
    this.keyAlgorithm = keyAlgorithm;
    this.hash = hash;
    this.keyTypes = keyTypes;
  }

  String id() {
    return id;
  }

  KeyAlgorithm keyAlgorithm() {
    return keyAlgorithm;
  }

  /** Whether {@code keytype} may carry this scheme ("ecdsa" or the legacy scheme-named type). */
  boolean acceptsKeyType(String keyType) {
    return keyTypes.contains(keyType);
  }

  static Optional<TufScheme> fromId(String id) {
    for (TufScheme s : values()) {
      if (s.id.equals(id)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  boolean verify(VerificationKey key, byte[] message, byte[] signature) {
    if (key.algorithm() != keyAlgorithm) {
      return false;
    }
    if (this == RSASSA_PSS_SHA256) {
      return RsaPadding.verify(key, message, hash, signature, true);
    }
    return key.verifyMessage(message, hash, signature);
  }
}
