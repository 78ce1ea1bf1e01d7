package dev.countersign.admission.records.internal;

import java.util.Optional;

/** What checking one line's signature with a key found. */
enum SignatureVerdict {
  OK,
  /** The line names another algorithm than the key's. */
  ALG_MISMATCH,
  /** The value is not a signature the key's algorithm could have made. */
  UNUSABLE,
  /** A well-formed signature that does not verify over the line. */
  FAILS;

  /** Checks {@code line}'s signature with {@code key}, and marks the line when it verifies. */
  static SignatureVerdict check(CheckedLine line, LogKey key) {
    ParsedLine p = line.parsed();
    if (!p.sig().alg().equals(key.algorithm().id())) {
      return ALG_MISMATCH;
    }
    Optional<byte[]> sig = p.sig().bytes();
    if (sig.isEmpty() || !key.plausibleSignature(sig.get())) {
      return UNUSABLE;
    }
    boolean ok = key.verify(p.signed(), p.signed().length, sig.get());
    line.signatureVerified(ok);
    return ok ? OK : FAILS;
  }
}
