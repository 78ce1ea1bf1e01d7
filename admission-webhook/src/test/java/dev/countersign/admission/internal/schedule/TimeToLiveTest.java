package dev.countersign.admission.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.admission.AdmissionSettings;
import dev.countersign.admission.internal.metrics.AdmissionMetrics;
import dev.countersign.verify.policy.Mode;
import dev.countersign.verify.policy.NoMatchAction;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.policy.PolicyVerdict;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How long each kind of decision is reused. */
class TimeToLiveTest {
  static final AdmissionSettings SETTINGS =
      AdmissionSettings.builder()
          .cacheTtl(Duration.ofMinutes(5))
          .tagCacheTtl(Duration.ofSeconds(30))
          .negativeCacheTtl(Duration.ofSeconds(20))
          .errorCacheTtl(Duration.ofSeconds(2))
          .build();
  final VerificationScheduler scheduler =
      new VerificationScheduler(SETTINGS, new AdmissionMetrics(new SimpleMeterRegistry()));

  @AfterEach
  void close() {
    scheduler.close();
  }

  static PolicyDecision decision(Mode mode, CheckResult... checks) {
    Verdict v = new Verdict("img", "private", "p", Instant.now(), List.of(checks));
    return new PolicyDecision(
        "img",
        "sha256:" + "a".repeat(64),
        "sha256:rev",
        Instant.now(),
        List.of(new PolicyVerdict("p", "p.yaml:1", mode, v)),
        NoMatchAction.DENY);
  }

  static final CheckResult PASS = CheckResult.pass(CheckId.SIGNATURE, "img", "ok");
  static final CheckResult FAIL =
      CheckResult.fail(CheckId.SIGNATURE, "img", ReasonCode.NO_SIGNATURE_FOUND, "none");
  static final CheckResult ERROR =
      CheckResult.error(CheckId.IMAGE_RESOLVE, "img", ReasonCode.REGISTRY_TIMEOUT, "slow");

  static CacheKey key(boolean pinned) {
    return new CacheKey("scope", "registry.test/app:1", pinned);
  }

  @Test
  void allowingDecisionsLiveLongestForDigestsAndBrieflyForTags() {
    assertThat(scheduler.timeToLive(key(true), decision(Mode.ENFORCE, PASS)))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(scheduler.timeToLive(key(false), decision(Mode.ENFORCE, PASS)))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void denialsAndWarningsLiveBriefly() {
    assertThat(scheduler.timeToLive(key(true), decision(Mode.ENFORCE, PASS, FAIL)))
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(scheduler.timeToLive(key(true), decision(Mode.WARN, PASS, FAIL)))
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void couldNotEvaluateLivesSecondsWhateverTheMode() {
    assertThat(scheduler.timeToLive(key(true), decision(Mode.ENFORCE, ERROR)))
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(scheduler.timeToLive(key(true), decision(Mode.AUDIT, PASS, ERROR)))
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(VerificationScheduler.couldNotEvaluate(decision(Mode.ENFORCE, PASS, FAIL)))
        .isFalse();
  }
}
