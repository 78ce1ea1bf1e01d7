package dev.countersign.verify.internal.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.crypto.KeyFormatException;
import dev.countersign.verify.internal.crypto.VerificationKey;
import dev.countersign.verify.internal.json.JsonFormatException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A key from a root's {@code keys} map. A key whose scheme is unknown or whose material does not
 * decode is kept but unusable: it simply never counts towards a threshold, as in python-tuf, so a
 * root may introduce a new scheme without locking out clients that do not know it yet. {@link
 * #problem()} says why, for the error message when a threshold is then missed.
 *
 * @param keyId the key id the root assigns
 * @param scheme the declared scheme string
 * @param verifier the decoded key and scheme, empty when unusable
 * @param problem why the key is unusable, empty when usable
 */
record TufKey(String keyId, String scheme, Optional<Usable> verifier, String problem) {

  /** A key this client can verify signatures with. */
  record Usable(TufScheme scheme, VerificationKey key) {
    /** The DER SubjectPublicKeyInfo as hex: the key's identity when counting signers. */
    String identity() {
      return HexFormat.of().formatHex(key.spki());
    }

    boolean verify(byte[] message, byte[] signature) {
      return scheme.verify(key, message, signature);
    }
  }

  static TufKey parse(String keyId, JsonNode node, String path) throws JsonFormatException {
    if (!node.isObject()) {
      throw new JsonFormatException(path, "must be a JSON object");
    }
    String keyType = TufFields.text(node, "keytype", path);
    String scheme = TufFields.text(node, "scheme", path);
    String publicValue =
        TufFields.text(TufFields.object(node, "keyval", path), "public", path + ".keyval");
    Optional<TufScheme> known = TufScheme.fromId(scheme);
    if (known.isEmpty()) {
      return unusable(keyId, scheme, "unsupported signature scheme '" + scheme + "'");
    }
    if (!known.get().acceptsKeyType(keyType)) {
      return unusable(
          keyId, scheme, "keytype '" + keyType + "' does not match scheme '" + scheme + "'");
    }
    try {
      VerificationKey key = TufKeyDecoder.decode(known.get(), publicValue);
      return new TufKey(keyId, scheme, Optional.of(new Usable(known.get(), key)), "");
    } catch (KeyFormatException e) {
      return unusable(keyId, scheme, "public key does not decode: " + e.getMessage());
    }
  }

  private static TufKey unusable(String keyId, String scheme, String problem) {
    return new TufKey(keyId, scheme, Optional.empty(), problem);
  }
}
