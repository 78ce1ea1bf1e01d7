package dev.countersign.verify.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.policy.PredicateRule;
import dev.countersign.verify.sbom.SbomFinding;
import dev.countersign.verify.sbom.SbomGate;
import dev.countersign.verify.sbom.SbomPolicy;
import dev.countersign.verify.sbom.SbomSubject;
import dev.countersign.verify.sbom.VexDocument;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A requirement's {@code sbom} section: the verified statement's predicate is an SBOM that passes
 * the gates, with VEX statements from separately verified VEX attestations applied.
 */
final class SbomRule implements PredicateRule {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SbomPolicy policy;
  private final Set<String> vexTypes;

  SbomRule(SbomPolicy policy, Set<String> vexTypes) {
    this.policy = policy;
    this.vexTypes = Set.copyOf(vexTypes);
  }

  @Override
  public String name() {
    return "sbom";
  }

  @Override
  public Set<String> companionPredicateTypes() {
    return vexTypes;
  }

  @Override
  public List<CheckResult> evaluate(InTotoStatement statement, Context context) {
    byte[] document = predicateBytes(statement.predicate());
    if (document.length == 0) {
      return List.of(
          CheckResult.fail(
              CheckId.SBOM,
              "",
              ReasonCode.EVIDENCE_MALFORMED,
              "the attestation's predicate is empty: it carries no SBOM"));
    }
    List<VexDocument> vex = new ArrayList<>();
    List<CheckResult> checks = new ArrayList<>();
    for (InTotoStatement other : context.otherStatements()) {
      try {
        vex.add(VexDocument.parse(predicateBytes(other.predicate())));
      } catch (EvidenceFormatException e) {
        // A signed but unreadable VEX document mitigates nothing; say so, and go on without it.
        checks.add(
            CheckResult.skipped(
                CheckId.SBOM,
                "vex",
                "ignored a VEX attestation (" + other.predicateType() + "): " + e.describe()));
      }
    }
    SbomSubject subject = SbomSubject.image(context.imageDigest(), context.imageName());
    for (SbomFinding f : SbomGate.evaluate(document, policy, subject, vex, context.now())) {
      checks.add(
          new CheckResult(
              CheckId.SBOM,
              f.gate(),
              f.ok() ? Status.PASS : Status.FAIL,
              f.reason(),
              f.detail(),
              f.evidence()));
    }
    return checks;
  }

  /** The SBOM document: a JSON predicate as JSON, a string predicate (XML BOMs) as its text. */
  static byte[] predicateBytes(JsonNode predicate) {
    if (predicate == null || predicate.isNull() || predicate.isMissingNode()) {
      return new byte[0];
    }
    if (predicate.isTextual()) {
      return predicate.textValue().getBytes(StandardCharsets.UTF_8);
    }
    try {
      return JSON.writeValueAsBytes(predicate);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return new byte[0];
    }
  }

  @Override
  public String toString() {
    return "sbom " + policy + " vex " + vexTypes;
  }
}
