package dev.countersign.verify.policy;

import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.verdict.CheckResult;
import java.time.Instant;
import java.util.List;

/**
 * A check of a verified attestation's predicate (provenance expectations, SBOM gates). It only ever
 * sees statements whose signature, log entry and subject have been verified.
 */
public interface PredicateRule {

  /** A name for reports, e.g. {@code slsa} or {@code sbom}. */
  String name();

  /**
   * Evaluates the rule.
   *
   * @param statement the verified statement
   * @param context facts established while verifying it (signer identity, image digest, time)
   * @return at least one check; an empty list is treated as a failure
   */
  List<CheckResult> evaluate(InTotoStatement statement, Context context);

  /**
   * Predicate types of other attestations this rule reads from {@link Context#otherStatements()}
   * (for example VEX documents for an SBOM gate). They are verified with the requirement's
   * authorities before the rule sees them.
   */
  default java.util.Set<String> companionPredicateTypes() {
    return java.util.Set.of();
  }

  /**
   * What a rule may rely on besides the statement.
   *
   * @param imageDigest the verified image digest, e.g. {@code sha256:ab12...}
   * @param imageName {@code registry/repository}
   * @param signerEvidence the evidence of the passing identity check (certificate SAN, issuer,
   *     Fulcio extensions under {@code certificate.<name>}), empty for key-signed attestations
   * @param otherStatements other verified statements about the same image (for example VEX
   *     documents an SBOM gate may apply)
   * @param now the verifier's clock
   */
  record Context(
      String imageDigest,
      String imageName,
      java.util.Map<String, String> signerEvidence,
      List<InTotoStatement> otherStatements,
      Instant now) {
    public Context {
      signerEvidence = java.util.Map.copyOf(signerEvidence);
      otherStatements = List.copyOf(otherStatements);
    }
  }
}
