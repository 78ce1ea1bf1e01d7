package dev.countersign.verify.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
  @Test
  void unitsCombineAndIsoIsAccepted() {
    assertThat(DurationText.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(DurationText.parse(" 1h30m ")).contains(Duration.ofMinutes(90));
    assertThat(DurationText.parse("1d12h")).contains(Duration.ofHours(36));
    assertThat(DurationText.parse("2w")).contains(Duration.ofDays(14));
    assertThat(DurationText.parse("PT20S")).contains(Duration.ofSeconds(20));
    assertThat(DurationText.parse("p30d")).contains(Duration.ofDays(30));
  }

  @Test
  void anythingElseIsNoDuration() {
    assertThat(DurationText.parse("soon")).isEmpty();
    assertThat(DurationText.parse("")).isEmpty();
    assertThat(DurationText.parse(null)).isEmpty();
    assertThat(DurationText.parse("5 m")).isEmpty();
    assertThat(DurationText.parse("5x")).isEmpty();
    assertThat(DurationText.parse("-5s")).isEmpty();
    assertThat(DurationText.parse("PT-5S")).isEmpty();
    assertThat(DurationText.parse("P")).isEmpty();
  }
}
