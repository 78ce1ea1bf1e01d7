package dev.countersign.verify.attest;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.internal.attest.ThresholdVerification;
import dev.countersign.verify.policy.PolicyException;
import java.util.List;
import java.util.Objects;

/**
 * A k-of-n signature requirement for DSSE envelopes: at least {@code threshold} distinct trusted
 * keys must each have a valid signature over the envelope's PAE. Immutable and thread-safe; build
 * it once and reuse it.
 *
 * <p>Counting rules: a key counts once however many signatures it made; a signature's key id is
 * only a hint (every trusted key is tried); signatures by unknown keys and invalid signatures do
 * not count; the threshold is at least 1, so an envelope never passes with no valid signature.
 */
public final class DsseThreshold {
  private final int threshold;
  private final List<DsseVerificationKey> keys;

  private DsseThreshold(int threshold, List<DsseVerificationKey> keys) {
    this.threshold = threshold;
    this.keys = keys;
  }

  /**
   * A requirement of {@code threshold} distinct keys among {@code keys}.
   *
   * @throws PolicyException if the threshold is below 1 or above the number of keys, or if two
   *     entries are the same key (which would let one key count twice) or share a key id
   */
  public static DsseThreshold of(int threshold, List<DsseVerificationKey> keys) {
    Objects.requireNonNull(keys, "keys");
    List<DsseVerificationKey> copy = List.copyOf(keys);
    if (copy.isEmpty()) {
      throw new PolicyException("", "a DSSE threshold needs at least one trusted key");
    }
    if (threshold < 1 || threshold > copy.size()) {
      throw new PolicyException(
          "",
          "DSSE threshold "
              + threshold
              + " is outside 1.."
              + copy.size()
              + " (the number of trusted keys)");
    }
    for (int i = 0; i < copy.size(); i++) {
      for (int j = 0; j < i; j++) {
        DsseVerificationKey a = copy.get(j);
        DsseVerificationKey b = copy.get(i);
        if (a.sameKey(b)) {
          throw new PolicyException(
              "",
              "trusted DSSE keys #"
                  + j
                  + " and #"
                  + i
                  + " are the same key ("
                  + a.fingerprint()
                  + ")");
        }
        if (!a.keyId().isEmpty() && a.keyId().equals(b.keyId())) {
          throw new PolicyException(
              "",
              "trusted DSSE keys #" + j + " and #" + i + " share the key id '" + a.keyId() + "'");
        }
      }
    }
    return new DsseThreshold(threshold, copy);
  }

  /** One trusted key, one signature needed. */
  public static DsseThreshold single(DsseVerificationKey key) {
    return of(1, List.of(key));
  }

  public int threshold() {
    return threshold;
  }

  /** The trusted keys, in the order given. */
  public List<DsseVerificationKey> keys() {
    return keys;
  }

  /** Checks every signature of the envelope and counts the distinct trusted keys that verify. */
  public DsseVerification verify(DsseEnvelope envelope) {
    return ThresholdVerification.verify(envelope, threshold, keys);
  }

  /**
   * Parses a standalone DSSE envelope and verifies it.
   *
   * @throws EvidenceFormatException if the envelope is not well-formed (EVIDENCE_MALFORMED)
   */
  public DsseVerification verify(byte[] envelopeJson) throws EvidenceFormatException {
    return verify(DsseEnvelope.parse(envelopeJson));
  }

  @Override
  public String toString() {
    return "DsseThreshold[" + threshold + " of " + keys.size() + "]";
  }
}
