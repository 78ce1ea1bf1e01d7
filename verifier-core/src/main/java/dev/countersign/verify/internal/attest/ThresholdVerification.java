package dev.countersign.verify.internal.attest;

import dev.countersign.verify.attest.DsseEnvelope;
import dev.countersign.verify.attest.DsseVerification;
import dev.countersign.verify.attest.DsseVerification.Outcome;
import dev.countersign.verify.attest.DsseVerification.SignatureCheck;
import dev.countersign.verify.attest.DsseVerificationKey;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Counts the distinct trusted keys whose signatures over a DSSE envelope's PAE verify. */
public final class ThresholdVerification {
  private ThresholdVerification() {}

  public static DsseVerification verify(
      DsseEnvelope envelope, int threshold, List<DsseVerificationKey> keys) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1");
    }
    byte[] pae = envelope.pae();
    Set<Integer> counted = new LinkedHashSet<>();
    List<SignatureCheck> checks = new ArrayList<>();
    boolean anyInvalid = false;
    List<DsseEnvelope.Signature> signatures = envelope.signatures();
    for (int i = 0; i < signatures.size(); i++) {
      DsseEnvelope.Signature s = signatures.get(i);
      byte[] sig = s.sig();
      int match = -1;
      // The key id only decides which key is tried first: it is unauthenticated, so a signature
      // that names one trusted key but verifies with another still counts for the one it verifies.
      for (int k : tryOrder(s.keyId(), keys)) {
        if (keys.get(k).verifies(pae, sig)) {
          match = k;
          break;
        }
      }
      if (match >= 0) {
        Outcome outcome = counted.add(match) ? Outcome.VERIFIED : Outcome.DUPLICATE_KEY;
        checks.add(new SignatureCheck(i, s.keyId(), outcome, label(keys.get(match))));
      } else if (!s.keyId().isEmpty() && !namesTrustedKey(s.keyId(), keys)) {
        checks.add(new SignatureCheck(i, s.keyId(), Outcome.UNKNOWN_KEY, ""));
      } else {
        anyInvalid = true;
        checks.add(new SignatureCheck(i, s.keyId(), Outcome.INVALID, ""));
      }
    }
    List<String> verified = new ArrayList<>();
    for (int k : counted) {
      verified.add(label(keys.get(k)));
    }
    boolean passed = counted.size() >= threshold;
    ReasonCode reason =
        passed
            ? ReasonCode.OK
            : anyInvalid ? ReasonCode.SIGNATURE_INVALID : ReasonCode.KEY_MISMATCH;
    String detail =
        counted.size()
            + " of "
            + keys.size()
            + " trusted keys verified "
            + signatures.size()
            + (signatures.size() == 1 ? " signature" : " signatures")
            + "; "
            + threshold
            + " required"
            + (passed ? "" : summary(checks));
    return new DsseVerification(threshold, passed, reason, detail, verified, checks);
  }

  private static List<Integer> tryOrder(String keyId, List<DsseVerificationKey> keys) {
    List<Integer> first = new ArrayList<>();
    List<Integer> rest = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      if (!keyId.isEmpty() && keyId.equals(keys.get(k).keyId())) {
        first.add(k);
      } else {
        rest.add(k);
      }
    }
    first.addAll(rest);
    return first;
  }

  private static boolean namesTrustedKey(String keyId, List<DsseVerificationKey> keys) {
    return keys.stream().anyMatch(k -> keyId.equals(k.keyId()));
  }

  private static String label(DsseVerificationKey key) {
    return key.keyId().isEmpty() ? "sha256:" + key.fingerprint() : key.keyId();
  }

  private static String summary(List<SignatureCheck> checks) {
    long invalid = checks.stream().filter(c -> c.outcome() == Outcome.INVALID).count();
    long unknown = checks.stream().filter(c -> c.outcome() == Outcome.UNKNOWN_KEY).count();
    long dup = checks.stream().filter(c -> c.outcome() == Outcome.DUPLICATE_KEY).count();
    StringBuilder sb = new StringBuilder();
    if (invalid > 0) {
      sb.append(", ").append(invalid).append(" invalid");
    }
    if (unknown > 0) {
      sb.append(", ").append(unknown).append(" by unknown keys");
    }
    if (dup > 0) {
      sb.append(", ").append(dup).append(" repeating a key already counted");
    }
    return sb.toString();
  }
}
