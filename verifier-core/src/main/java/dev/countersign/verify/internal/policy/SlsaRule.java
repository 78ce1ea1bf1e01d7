package dev.countersign.verify.internal.policy;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.policy.FulcioExtension;
import dev.countersign.verify.policy.PredicateRule;
import dev.countersign.verify.slsa.ProvenanceSigner;
import dev.countersign.verify.slsa.SlsaEvaluation;
import dev.countersign.verify.slsa.SlsaEvaluator;
import dev.countersign.verify.slsa.SlsaExpectation;
import dev.countersign.verify.slsa.SlsaFinding;
import dev.countersign.verify.slsa.SlsaProvenance;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A requirement's {@code slsa} section: the verified statement must be SLSA provenance meeting the
 * expectation, consistent with the certificate that signed it.
 */
final class SlsaRule implements PredicateRule {
  private final SlsaExpectation expectation;

  SlsaRule(SlsaExpectation expectation) {
    this.expectation = expectation;
  }

  @Override
  public String name() {
    return "slsa";
  }

  @Override
  public List<CheckResult> evaluate(InTotoStatement statement, Context context) {
    SlsaProvenance provenance;
    try {
      provenance = SlsaProvenance.from(statement);
    } catch (EvidenceFormatException e) {
      return List.of(
          CheckResult.fail(
              CheckId.PROVENANCE, "", e.reason(), "not usable SLSA provenance: " + e.describe()));
    }
    SlsaEvaluation evaluation = SlsaEvaluator.evaluate(provenance, signer(context), expectation);
    List<CheckResult> checks = new ArrayList<>();
    checks.add(
        CheckResult.pass(
            CheckId.PROVENANCE,
            "",
            "SLSA provenance "
                + provenance.predicateType()
                + provenance.builderId().map(b -> " from builder " + b).orElse("")
                + "; the evidence supports "
                + evaluation.level()
                + " ("
                + evaluation.levelBasis()
                + ")",
            evaluation.evidence()));
    for (SlsaFinding f : evaluation.findings()) {
      checks.add(
          new CheckResult(
              CheckId.PROVENANCE,
              f.name(),
              f.ok() ? Status.PASS : Status.FAIL,
              f.reason(),
              f.detail(),
              f.evidence()));
    }
    return checks;
  }

  /** The keyless signer the signature checks established, if the statement was signed keyless. */
  static Optional<ProvenanceSigner> signer(Context context) {
    Map<String, String> ev = context.signerEvidence();
    String san = ev.get("certificate.san");
    String issuer = ev.get("certificate.issuer");
    if (san == null || issuer == null) {
      return Optional.empty();
    }
    Map<FulcioExtension, String> extensions = new EnumMap<>(FulcioExtension.class);
    for (Map.Entry<String, String> e : ev.entrySet()) {
      if (e.getKey().startsWith("certificate.")) {
        FulcioExtension.fromPolicyName(e.getKey().substring("certificate.".length()))
            .ifPresent(x -> extensions.put(x, e.getValue()));
      }
    }
    return Optional.of(new ProvenanceSigner(san, issuer, extensions));
  }

  @Override
  public String toString() {
    return "slsa " + expectation;
  }
}
