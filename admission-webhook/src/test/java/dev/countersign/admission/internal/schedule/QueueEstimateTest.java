package dev.countersign.admission.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When a verification would queue past its deadline and is shed instead. */
class QueueEstimateTest {
  static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void aFreeWorkerOrNoTimingNeverSheds() {
    assertThat(VerificationScheduler.wouldMissDeadline(3, 100, 4, SECOND, 1)).isFalse();
    assertThat(VerificationScheduler.wouldMissDeadline(4, 100, 4, 0, 1)).isFalse();
  }

  @Test
  void busyWorkersShedWhatCouldNotFinishInTime() {
    // Two busy workers, one-second verifications, three seconds left.
    assertThat(VerificationScheduler.wouldMissDeadline(2, 0, 2, SECOND, 3 * SECOND)).isFalse();
    assertThat(VerificationScheduler.wouldMissDeadline(2, 1, 2, SECOND, 3 * SECOND)).isFalse();
    assertThat(VerificationScheduler.wouldMissDeadline(2, 2, 2, SECOND, 3 * SECOND)).isFalse();
    assertThat(VerificationScheduler.wouldMissDeadline(2, 3, 2, SECOND, 3 * SECOND)).isFalse();
    assertThat(VerificationScheduler.wouldMissDeadline(2, 4, 2, SECOND, 3 * SECOND)).isTrue();
    assertThat(VerificationScheduler.wouldMissDeadline(2, 0, 2, SECOND, SECOND)).isTrue();
  }
}
