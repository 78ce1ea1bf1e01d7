package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.ProblemKind;
import dev.countersign.admission.records.internal.ParsedLine.Genesis;

/**
 * Checks a genesis line, which names the key every later line of the file is checked with: the key
 * must be what the line says it is, sign the line itself, and be an expected key when there are
 * any.
 */
final class GenesisCheck {
  private final ExpectedKeys expected;
  private final FileFindings findings;
  private final SignatureProblems signatureProblems;

  GenesisCheck(ExpectedKeys expected, FileFindings findings, SignatureProblems signatureProblems) {
    this.expected = expected;
    this.findings = findings;
    this.signatureProblems = signatureProblems;
  }

  /**
   * Reports what is wrong with {@code line} and returns the key it names; null when that is not a
   * usable key. A key is returned even when the line has a problem: its id is what the lines after
   * it are compared with.
   */
  LogKey check(CheckedLine line) {
    ParsedLine p = line.parsed();
    Genesis g = (Genesis) p.entry();
    LogKey k = null;
    String spkiHash = LogFormat.sha256Hex(g.publicKey());
    try {
      k = LogKey.fromSpki(g.publicKey());
    } catch (KeyFormatException e) {
      // The keyId commits to the key bytes: if they disagree, the key was edited, not odd.
      if (spkiHash.equals(g.keyId())) {
        findings.problem(
            line, ProblemKind.MALFORMED, "the genesis public key is unusable: " + e.getMessage());
      }
    }
    if (!spkiHash.equals(g.keyId())) {
      findings.problem(
          line,
          ProblemKind.EDITED,
          "the genesis keyId "
              + ShortHash.of(g.keyId())
              + " is not the SHA-256 of its public key ("
              + ShortHash.of(spkiHash)
              + ")");
    } else if (k != null && !k.algorithm().id().equals(g.alg())) {
      findings.problem(
          line,
          ProblemKind.EDITED,
          "the genesis alg '" + g.alg() + "' is not that of its key (" + k.algorithm().id() + ")");
    } else if (k != null && !p.sig().keyId().equals(k.keyId())) {
      findings.problem(
          line,
          ProblemKind.WRONG_KEY,
          "the genesis line names key "
              + ShortHash.of(k.keyId())
              + " but is signed with key "
              + ShortHash.of(p.sig().keyId()));
    } else if (k != null) {
      SignatureVerdict verdict = SignatureVerdict.check(line, k);
      if (verdict != SignatureVerdict.OK) {
        signatureProblems.report(line, verdict, k);
      } else if (!g.format().equals(LogFormat.FORMAT)) {
        // Signed as it is: a log of another format version, not an edited one.
        findings.problem(
            line,
            ProblemKind.MALFORMED,
            "the genesis line names format '"
                + g.format()
                + "'; this verifier reads "
                + LogFormat.FORMAT);
      }
    }
    // A genesis line signs itself, so anyone can write one: with expected keys, only theirs count.
    // A line already found wrong is not also blamed for its key.
    if (!line.hasProblem() && !expected.isEmpty() && k != null && !expected.includes(k)) {
      findings.problem(
          line,
          ProblemKind.WRONG_KEY,
          "the log is signed with key "
              + ShortHash.of(k.keyId())
              + ", not with the expected key"
              + (expected.keys().size() == 1
                  ? " " + ShortHash.of(expected.keys().get(0).keyId())
                  : "s"));
    }
    return k;
  }
}
