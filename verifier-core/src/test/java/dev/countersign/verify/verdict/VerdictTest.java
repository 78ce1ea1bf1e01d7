package dev.countersign.verify.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.verify.EvidenceFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outcome is derived from the checks and can never be a pass without a passing check. */
class VerdictTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static Verdict of(CheckResult... checks) {
    return new Verdict("sha256:x", "root", "", T, List.of(checks));
  }

  @Test
  void zeroChecksIsAnErrorNeverAPass() {
    Verdict v = of();
    assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(v.reason()).isEqualTo(ReasonCode.NO_CHECKS_EVALUATED);
  }

  @Test
  void onlySkippedChecksIsAnError() {
    assertThat(of(CheckResult.skipped(CheckId.CERTIFICATE_SCT, "", "no CT log")).outcome())
        .isEqualTo(Outcome.ERROR);
  }

  @Test
  void anyFailureFailsAndAnyErrorBeatsFailures() {
    CheckResult pass = CheckResult.pass(CheckId.SIGNATURE, "", "ok");
    CheckResult fail =
        CheckResult.fail(CheckId.IDENTITY, "", ReasonCode.IDENTITY_MISMATCH, "other signer");
    CheckResult error =
        CheckResult.error(CheckId.ARTIFACT_DIGEST, "", ReasonCode.INPUT_UNREADABLE, "gone");
    assertThat(of(pass).outcome()).isEqualTo(Outcome.PASS);
    assertThat(of(pass, fail).outcome()).isEqualTo(Outcome.FAIL);
    assertThat(of(pass, fail).reason()).isEqualTo(ReasonCode.IDENTITY_MISMATCH);
    assertThat(of(fail, error, pass).outcome()).isEqualTo(Outcome.ERROR);
    assertThat(of(fail, error, pass).reason()).isEqualTo(ReasonCode.INPUT_UNREADABLE);
  }

  @Test
  void theFirstFailingCheckInReportOrderDecides() {
    Verdict v =
        of(
            CheckResult.fail(CheckId.CERTIFICATE_CHAIN, "", ReasonCode.CERT_CHAIN_INVALID, "a"),
            CheckResult.fail(CheckId.IDENTITY, "", ReasonCode.IDENTITY_MISMATCH, "b"));
    assertThat(v.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    assertThat(v.summary()).isEqualTo("FAIL: certificate.chain: CERT_CHAIN_INVALID: a");
  }

  @Test
  void checkResultsCannotContradictTheirReason() {
    assertThatThrownBy(
            () ->
                new CheckResult(
                    CheckId.SIGNATURE, "", Status.PASS, ReasonCode.SIGNATURE_INVALID, "", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new CheckResult(CheckId.SIGNATURE, "", Status.FAIL, ReasonCode.OK, "", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jsonRoundTripsAndReadersRederiveTheOutcome() throws Exception {
    Verdict v =
        of(
            CheckResult.pass(CheckId.SIGNATURE, "", "ok", Map.of("key.algorithm", "ECDSA_P256")),
            CheckResult.fail(
                CheckId.TLOG_SET, "tlogEntries[0]", ReasonCode.TLOG_SET_INVALID, "bad \"SET\"\n"));
    String json = VerdictJson.toJson(v);
    Verdict back = VerdictJson.fromJson(json.getBytes(StandardCharsets.UTF_8));
    assertThat(back).isEqualTo(v);
    // A document edited to claim PASS over a failing check still reads as a failure.
    Verdict edited =
        VerdictJson.fromJson(
            json.replace("\"outcome\":\"FAIL\"", "\"outcome\":\"PASS\"")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(edited.outcome()).isEqualTo(Outcome.FAIL);
  }

  @Test
  void unknownCodesInJsonAreMalformed() {
    String json =
        VerdictJson.toJson(of(CheckResult.pass(CheckId.SIGNATURE, "", "ok")))
            .replace("\"SIGNATURE\"", "\"X\"")
            .replace("\"signature\"", "\"no-such-check\"");
    assertThatThrownBy(() -> VerdictJson.fromJson(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EvidenceFormatException.class);
  }
}
