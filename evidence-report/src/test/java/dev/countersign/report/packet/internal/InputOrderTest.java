package dev.countersign.report.packet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class InputOrderTest {

  @Test
  void resultsFinishedOutOfOrderReachTheSinkInInputOrder() {
    List<Integer> sunk = new ArrayList<>();
    InputOrder<Integer> order = new InputOrder<>(sunk::add);
    order.complete(2, 20);
    order.complete(1, 10);
    assertThat(sunk).isEmpty();
    order.complete(0, 0);
    assertThat(sunk).containsExactly(0, 10, 20);
    order.complete(4, 40);
    assertThat(sunk).containsExactly(0, 10, 20);
    order.complete(3, 30);
    assertThat(sunk).containsExactly(0, 10, 20, 30, 40);
  }

  @RepeatedTest(20)
  void manyThreadsFinishingAtRandomLoseNothingAndNeverWriteConcurrently() throws Exception {
    int n = 2_000;
    List<Integer> shuffled = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    Collections.shuffle(shuffled, new Random());
    List<Integer> sunk = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger inSink = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    InputOrder<Integer> order =
        new InputOrder<>(
            v -> {
              if (inSink.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
              }
              sunk.add(v);
              inSink.decrementAndGet();
            });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    try {
      for (int i : shuffled) {
        pool.execute(
            () -> {
              try {
                start.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              order.complete(i, i);
            });
      }
      start.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
    assertThat(overlaps).hasValue(0);
    assertThat(sunk).hasSize(n).isSorted().doesNotHaveDuplicates();
  }
}
