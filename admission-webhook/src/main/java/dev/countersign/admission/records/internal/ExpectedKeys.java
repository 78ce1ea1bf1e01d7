package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.DecisionLogException;
import dev.countersign.admission.records.VerifyOptions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys the verifier was told to expect. When there are any, they are what a log is trusted by;
 * a key named only by the log itself is then not enough.
 */
record ExpectedKeys(List<LogKey> keys) {

  ExpectedKeys {
    keys = List.copyOf(keys);
  }

  /**
   * The expected keys of {@code options}.
   *
   * @throws DecisionLogException when an expected key is not one a log can be signed with
   */
  static ExpectedKeys of(VerifyOptions options) {
    List<LogKey> keys = new ArrayList<>();
    for (PublicKey k : options.expectedKeys()) {
      try {
        keys.add(LogKey.fromPublicKey(k));
      } catch (KeyFormatException e) {
        throw new DecisionLogException("the expected public key is unusable: " + e.getMessage());
      }
    }
    return new ExpectedKeys(keys);
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  Optional<LogKey> withId(String keyId) {
    return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
  }

  /** Whether {@code key} is one of them, in whatever encoding either was written. */
  boolean includes(LogKey key) {
    return keys.stream().anyMatch(key::sameKey);
  }
}
