package dev.countersign.verify.internal.tuf;

import dev.countersign.verify.trust.TrustRootException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that metadata carries valid signatures from a threshold of the keys a root assigns to a
 * role.
 *
 * <p>What counts: only keys the role lists; each distinct key once, however many signatures it made
 * and however many key ids point at the same key material (otherwise one key holder could meet a
 * threshold alone); signatures by unknown key ids are ignored, as are empty and undecodable ones,
 * so that one bad entry cannot veto a role that is otherwise properly signed.
 */
final class SignatureThreshold {
  private static final int SHORT_KEY_ID = 12;

  private SignatureThreshold() {}

  /**
   * @param metadata the signed metadata
   * @param authority the root whose role keys and threshold apply
   * @param roleName the role in {@code authority}
   */
  static void verify(SignedMetadata metadata, RootMetadata authority, String roleName) {
    TufRole role = authority.role(roleName);
    byte[] message = metadata.canonicalSigned();
    Set<String> countedKeys = new HashSet<>();
    List<String> problems = new ArrayList<>();
    int unsigned = 0;
    for (String keyId : role.keyIds()) {
      List<TufSignature> signatures = signaturesBy(metadata, keyId);
      if (signatures.isEmpty()) {
        unsigned++;
        continue;
      }
      TufKey key = authority.keys().get(keyId);
      Optional<TufKey.Usable> usable = key.verifier();
      if (usable.isEmpty()) {
        problems.add(shortId(keyId) + ": " + key.problem());
        continue;
      }
      if (countedKeys.contains(usable.get().identity())) {
        continue;
      }
      Optional<String> failure = verifyAny(usable.get(), message, signatures);
      if (failure.isEmpty()) {
        countedKeys.add(usable.get().identity());
      } else {
        problems.add(shortId(keyId) + ": " + failure.get());
      }
    }
    if (countedKeys.size() < role.threshold()) {
      throw new TrustRootException(
          metadata.source()
              + ": "
              + metadata.describe()
              + " has valid signatures from "
              + countedKeys.size()
              + " of the "
              + role.threshold()
              + " keys required by the "
              + roleName
              + " role of "
              + (authority.metadata() == metadata
                  ? "its own root keys"
                  : "root version " + authority.version())
              + " ("
              + role.keyIds().size()
              + " keys listed, "
              + unsigned
              + " did not sign"
              + (problems.isEmpty() ? "" : "; " + String.join("; ", problems))
              + ")");
    }
  }

  private static List<TufSignature> signaturesBy(SignedMetadata metadata, String keyId) {
    List<TufSignature> out = new ArrayList<>();
    for (TufSignature s : metadata.signatures()) {
      if (s.keyId().equals(keyId)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Empty when one of the signatures verifies, else why none did. */
  private static Optional<String> verifyAny(
      TufKey.Usable key, byte[] message, List<TufSignature> signatures) {
    String failure = "signature is empty";
    for (TufSignature s : signatures) {
      if (s.sig().isEmpty()) {
        continue;
      }
      byte[] sig;
      try {
        sig = HexFormat.of().parseHex(s.sig());
      } catch (IllegalArgumentException e) {
        failure = "signature is not hex";
        continue;
      }
      if (key.verify(message, sig)) {
        return Optional.empty();
      }
      failure = "signature does not verify (" + key.scheme().id() + ")";
    }
    return Optional.of(failure);
  }

  private static String shortId(String keyId) {
    return "key " + (keyId.length() > SHORT_KEY_ID ? keyId.substring(0, SHORT_KEY_ID) : keyId);
  }
}
