package dev.countersign.verify.attest;

import dev.countersign.verify.verdict.ReasonCode;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a {@link DsseThreshold} check, as data.
 *
 * @param threshold how many distinct trusted keys were required
 * @param passed whether at least {@code threshold} distinct trusted keys verified
 * @param reason {@code OK} when passed; otherwise {@code SIGNATURE_INVALID} when some signature
 *     failed to verify with every trusted key although it named a trusted key or named none, and
 *     {@code KEY_MISMATCH} when the only failures are signatures naming keys that are not trusted
 *     (or there were too few signatures)
 * @param detail one sentence for people
 * @param verifiedKeys the trusted keys that verified (key id, or fingerprint when the key has no
 *     id), each once, in the order they were first seen
 * @param signatures what happened to each signature, in envelope order
 */
public record DsseVerification(
    int threshold,
    boolean passed,
    ReasonCode reason,
    String detail,
    List<String> verifiedKeys,
    List<SignatureCheck> signatures) {

  public DsseVerification {
    Objects.requireNonNull(reason, "reason");
    verifiedKeys = List.copyOf(verifiedKeys);
    signatures = List.copyOf(signatures);
    if (passed && verifiedKeys.size() < Math.max(1, threshold)) {
      throw new IllegalArgumentException("a passing result needs at least threshold verified keys");
    }
  }

  /** The number of distinct trusted keys that verified. */
  public int verifiedCount() {
    return verifiedKeys.size();
  }

  /** What happened to one signature. */
  public enum Outcome {
    /** Verified with a trusted key that had not been counted yet. */
    VERIFIED,
    /** Verified with a trusted key that an earlier signature already counted. */
    DUPLICATE_KEY,
    /** Named a key id no trusted key has, and no trusted key verifies it. */
    UNKNOWN_KEY,
    /** Named a trusted key id or none, and no trusted key verifies it. */
    INVALID
  }

  /**
   * One signature's check.
   *
   * @param index position in the envelope's signature list
   * @param keyIdHint the key id the signature named (may be empty)
   * @param outcome what happened
   * @param key the trusted key that verified it (key id or fingerprint), empty when none did
   */
  public record SignatureCheck(int index, String keyIdHint, Outcome outcome, String key) {
    public SignatureCheck {
      keyIdHint = keyIdHint == null ? "" : keyIdHint;
      key = key == null ? "" : key;
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
