package dev.countersign.admission.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.verify.policy.Mode;
import dev.countersign.verify.policy.NoMatchAction;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.policy.PolicyVerdict;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-image part of a record, from verifier-core's policy decision. */
class ImageDecisionTest {
  static final Instant NOW = Instant.parse("2025-11-20T10:00:00Z");
  static final String IMAGE = "registry.example/acme/app:1.2.0";
  static final String DIGEST = "sha256:" + "ab".repeat(32);

  static Verdict verdict(String policy, CheckResult... checks) {
    return new Verdict(DIGEST, "corp", policy, NOW, List.of(checks));
  }

  static PolicyVerdict passing(String policy, Mode mode) {
    return new PolicyVerdict(
        policy,
        "policies/" + policy + ".yaml:1",
        mode,
        verdict(policy, CheckResult.pass(CheckId.SIGNATURE, "", "signature verified")));
  }

  static PolicyVerdict failing(String policy, Mode mode, ReasonCode reason, String detail) {
    return new PolicyVerdict(
        policy,
        "policies/" + policy + ".yaml:1",
        mode,
        verdict(
            policy,
            CheckResult.pass(CheckId.SIGNATURE, "", "signature verified"),
            CheckResult.fail(CheckId.IDENTITY, "", reason, detail)));
  }

  static PolicyDecision decision(PolicyVerdict... verdicts) {
    return new PolicyDecision(IMAGE, DIGEST, "rev-7", NOW, List.of(verdicts), NoMatchAction.DENY);
  }

  @Test
  void anAllowedImageRecordsOkAndEveryPolicy() {
    ImageDecision d =
        ImageDecision.of(
            "spec.containers[0].image",
            decision(passing("prod", Mode.ENFORCE), passing("sbom", Mode.WARN)));
    assertThat(d.decision()).isEqualTo(AdmissionOutcome.ALLOW);
    assertThat(d.image()).isEqualTo(IMAGE);
    assertThat(d.digest()).isEqualTo(DIGEST);
    assertThat(d.reasons()).containsExactly("OK");
    assertThat(d.policies())
        .containsExactly(
            new PolicyOutcome("prod", "ENFORCE", "PASS", "OK", "corp"),
            new PolicyOutcome("sbom", "WARN", "PASS", "OK", "corp"));
    assertThat(d.message()).isEmpty();
  }

  @Test
  void aDeniedImageRecordsTheReasonsOfEveryFailingPolicyAuditIncluded() {
    ImageDecision d =
        ImageDecision.of(
            "spec.initContainers[1].image",
            decision(
                failing("prod", Mode.ENFORCE, ReasonCode.IDENTITY_MISMATCH, "SAN is x@evil"),
                failing("sbom", Mode.WARN, ReasonCode.SBOM_MISSING, "no SBOM"),
                failing("canary", Mode.AUDIT, ReasonCode.BUILDER_ID_MISMATCH, "builder y"),
                passing("base", Mode.ENFORCE)));
    assertThat(d.fieldPath()).isEqualTo("spec.initContainers[1].image");
    assertThat(d.decision()).isEqualTo(AdmissionOutcome.DENY);
    assertThat(d.reasons())
        .containsExactly("IDENTITY_MISMATCH", "SBOM_MISSING", "BUILDER_ID_MISMATCH");
    assertThat(d.policies())
        .extracting(PolicyOutcome::policy, PolicyOutcome::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("prod", "FAIL"),
            org.assertj.core.groups.Tuple.tuple("sbom", "FAIL"),
            org.assertj.core.groups.Tuple.tuple("canary", "FAIL"),
            org.assertj.core.groups.Tuple.tuple("base", "PASS"));
    assertThat(d.message())
        .isEqualTo(
            "policy 'prod': IDENTITY_MISMATCH: SAN is x@evil; policy 'sbom': SBOM_MISSING: no SBOM;"
                + " policy 'canary' (audit): BUILDER_ID_MISMATCH: builder y");
  }

  @Test
  void aWarnModeFailureIsAWarning() {
    ImageDecision d =
        ImageDecision.of(
            "spec.containers[0].image",
            decision(
                passing("prod", Mode.ENFORCE),
                failing("sbom", Mode.WARN, ReasonCode.SBOM_MISSING, "no SBOM")));
    assertThat(d.decision()).isEqualTo(AdmissionOutcome.WARN);
    assertThat(d.reasons()).containsExactly("SBOM_MISSING");
  }

  @Test
  void anImageNoPolicyAppliesToIsDeniedWithThatReason() {
    PolicyVerdict none =
        new PolicyVerdict(
            "",
            "",
            Mode.ENFORCE,
            verdict(
                "",
                CheckResult.fail(
                    CheckId.POLICY,
                    "",
                    ReasonCode.NO_MATCHING_POLICY,
                    "no policy applies to " + IMAGE)));
    ImageDecision d = ImageDecision.of("spec.containers[0].image", decision(none));
    assertThat(d.decision()).isEqualTo(AdmissionOutcome.DENY);
    assertThat(d.reasons()).containsExactly("NO_MATCHING_POLICY");
    assertThat(d.policies()).singleElement().extracting(PolicyOutcome::policy).isEqualTo("");
  }

  @Test
  void anImageAllowedWithoutAPolicyStillRecordsThatNoneApplied() {
    PolicyVerdict none =
        new PolicyVerdict(
            "",
            "",
            Mode.ENFORCE,
            verdict(
                "",
                new CheckResult(
                    CheckId.POLICY,
                    IMAGE,
                    dev.countersign.verify.verdict.Status.SKIPPED,
                    ReasonCode.OK,
                    "no policy applies to registry.example/acme/app (3 policies loaded)",
                    java.util.Map.of())));
    ImageDecision d =
        ImageDecision.of(
            "spec.containers[0].image",
            new PolicyDecision(IMAGE, DIGEST, "rev-7", NOW, List.of(none), NoMatchAction.ALLOW));
    assertThat(d.decision()).isEqualTo(AdmissionOutcome.ALLOW);
    assertThat(d.reasons()).containsExactly("NO_MATCHING_POLICY");
    assertThat(d.message())
        .isEqualTo(
            "NO_MATCHING_POLICY: no policy applies to registry.example/acme/app (3 policies loaded)");
  }

  @Test
  void anImageDecidedWithoutEvaluationNamesWhy() {
    ImageDecision d =
        ImageDecision.withoutEvaluation(
            "spec.containers[2].image",
            "busybox:latest",
            AdmissionOutcome.DENY,
            ReasonCode.DEADLINE_EXCEEDED,
            "verification did not finish in 8s");
    assertThat(d.reasons()).containsExactly("DEADLINE_EXCEEDED");
    assertThat(d.digest()).isEmpty();
    assertThat(d.policies()).isEmpty();
  }

  @Test
  void everyImageDecisionNamesAReason() {
    assertThatThrownBy(
            () ->
                new ImageDecision(
                    "spec.containers[0].image",
                    IMAGE,
                    DIGEST,
                    AdmissionOutcome.DENY,
                    List.of(),
                    List.of(),
                    ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
