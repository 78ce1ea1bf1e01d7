package dev.countersign.report.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.report.aws.internal.EventIdSet;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The duplicate filter: exact for UUIDs, bounded memory for a million ids. */
class EventIdSetTest {

  @Test
  void aMillionEventIdsFitInTheBudgetAndEveryRepeatIsFound() {
    EventIdSet set = new EventIdSet();
    Random r = new Random(42);
    long[][] ids = new long[1_000_000][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = new long[] {r.nextLong(), r.nextLong()};
      assertThat(set.add(new UUID(ids[i][0], ids[i][1]).toString())).isTrue();
    }
    assertThat(set.size()).isEqualTo(1_000_000);
    assertThat(set.tableBytes()).isLessThanOrEqualTo(32L * 1024 * 1024);
    for (int i = 0; i < ids.length; i += 997) {
      assertThat(set.add(new UUID(ids[i][0], ids[i][1]).toString())).isFalse();
    }
    assertThat(set.size()).isEqualTo(1_000_000);
  }

  @Test
  void idsThatAreNotUuidsAreKeyedByHashAndSpellingsStayDistinct() {
    EventIdSet set = new EventIdSet();
    String lower = "0f8b5c2e-9a1d-4b7e-8c3f-2d6a9e1b7c40";
    assertThat(set.add(lower)).isTrue();
    assertThat(set.add(lower.toUpperCase(java.util.Locale.ROOT))).isTrue();
    assertThat(set.add("custom-id-1")).isTrue();
    assertThat(set.add("custom-id-2")).isTrue();
    assertThat(set.add("custom-id-1")).isFalse();
    assertThat(set.add("00000000-0000-0000-0000-000000000000")).isTrue();
    assertThat(set.add("00000000-0000-0000-0000-000000000000")).isFalse();
    assertThat(set.add(lower)).isFalse();
    assertThat(set.size()).isEqualTo(5);
  }
}
