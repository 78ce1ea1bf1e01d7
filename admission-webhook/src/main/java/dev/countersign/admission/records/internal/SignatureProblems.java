package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.ProblemKind;
import java.io.IOException;

/** Reports a signature that was not accepted, saying whether the line or the signature changed. */
final class SignatureProblems {
  private final FileFindings findings;
  private final LineLookahead lines;
  private final ChainPosition chain;

  SignatureProblems(FileFindings findings, LineLookahead lines, ChainPosition chain) {
    this.findings = findings;
    this.lines = lines;
    this.chain = chain;
  }

  void report(CheckedLine line, SignatureVerdict verdict, LogKey key) {
    switch (verdict) {
      case ALG_MISMATCH:
        findings.problem(
            line,
            ProblemKind.BAD_SIGNATURE,
            "the signature says alg '"
                + line.parsed().sig().alg()
                + "', but the log's key is "
                + key.algorithm().id());
        break;
      case UNUSABLE:
        findings.problem(
            line,
            ProblemKind.BAD_SIGNATURE,
            "the signature value is not a canonical base64 " + key.algorithm().id() + " signature");
        break;
      default:
        if (confirmedByNext(line)) {
          findings.problem(
              line,
              ProblemKind.BAD_SIGNATURE,
              "the next line chains to this line as it is, but its signature does not verify");
        } else {
          findings.problem(
              line,
              ProblemKind.EDITED,
              "the signature does not verify: the line was changed after it was signed");
        }
    }
  }

  /**
   * Whether the line sits in the chain exactly as written: the next line names its hash and it
   * follows the line before. Then its content is what the writer chained, and it is the signature
   * that is wrong, not the line.
   */
  private boolean confirmedByNext(CheckedLine line) {
    try {
      CheckedLine next = lines.peek();
      return next != null
          && next.parsed() != null
          && next.parsed().prev().equals(line.hash())
          && chain.isNext(line.parsed());
    } catch (IOException e) {
      return false;
    }
  }
}
