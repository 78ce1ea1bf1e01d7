package dev.countersign.report.packet.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Hands results that finish in any order to a sink in the order of their inputs, one at a time. The
 * thread that completes the next awaited input drains it and every consecutive result already
 * waiting; other threads only park their result and go on, so slow writing never holds back a
 * verification. Memory is bounded by the caller, which limits how far ahead inputs may run.
 *
 * @param <T> the result
 */
final class InputOrder<T> {
  private final Map<Long, T> waiting = new ConcurrentHashMap<>();
  private final ReentrantLock draining = new ReentrantLock();
  private final Consumer<T> sink;
  // Written only while draining; read by threads that just parked a result.
  private volatile long next;

  /**
   * @param sink receives each result, in input order and never concurrently
   */
  InputOrder(Consumer<T> sink) {
    this.sink = sink;
  }

  /** The result of input {@code index} (0, 1, 2, ... each exactly once). */
  void complete(long index, T result) {
    waiting.put(index, result);
    // A thread that cannot take the lock leaves its result to the drainer. The drainer re-checks
    // after unlocking, so a result parked during its last moments is not left waiting for a later
    // completion that may never come.
    while (draining.tryLock()) {
      try {
        T r;
        while ((r = waiting.remove(next)) != null) {
          next++;
          sink.accept(r);
        }
      } finally {
        draining.unlock();
      }
      if (!waiting.containsKey(next)) {
        return;
      }
    }
  }
}
