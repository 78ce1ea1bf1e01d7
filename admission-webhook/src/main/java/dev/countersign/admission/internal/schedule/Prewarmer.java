package dev.countersign.admission.internal.schedule;

import dev.countersign.admission.AdmissionController;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verifies images before anyone asks, so the first admission of a known image is a cache hit.
 * Pre-warming yields to admission: it runs a few verifications at a time, and only while the
 * verification pool has spare capacity. Images are remembered (up to a bound) so they are verified
 * again after a configuration reload, whose new revision makes the cached decisions stale.
 */
public final class Prewarmer implements AutoCloseable {
  private static final int MAX_REMEMBERED = 20_000;

  private final AdmissionController controller;
  private final Semaphore permits;
  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>(MAX_REMEMBERED);
  private final Set<String> known = new LinkedHashSet<>();
  private final AtomicLong started = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  public Prewarmer(AdmissionController controller) {
    this.controller = controller;
    this.permits = new Semaphore(Math.max(1, controller.settings().workers() / 4));
    this.thread = new Thread(this::run, "countersign-prewarm");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues an image (once: an image seen before is not queued again until {@link #rewarm}). */
  public void submit(String image) {
    synchronized (known) {
      if (known.size() >= MAX_REMEMBERED || !known.add(image)) {
        return;
      }
    }
    queue.offer(image);
  }

  public void submitAll(Collection<String> images) {
    images.forEach(this::submit);
  }

  /** Queues every remembered image again (after a configuration reload). */
  public void rewarm() {
    List<String> all;
    synchronized (known) {
      all = List.copyOf(known);
    }
    all.forEach(queue::offer);
  }

  /** Verifications started or joined for pre-warming. */
  public long started() {
    return started.get();
  }

  /** Images waiting. */
  public int queued() {
    return queue.size();
  }

  private void run() {
    while (!closed) {
      String image;
      try {
        image = queue.take();
        while (!closed && !controller.hasSpareCapacity()) {
          Thread.sleep(200);
        }
        permits.acquire();
      } catch (InterruptedException e) {
        return;
      }
      try {
        var f = controller.prewarm(image);
        if (f.isEmpty()) {
          permits.release();
          continue;
        }
        started.incrementAndGet();
        f.get().whenComplete((d, e) -> permits.release());
      } catch (RuntimeException e) {
        permits.release();
      }
    }
  }

  /** Waits until the queue is empty and nothing started here is running (for tests, start-up). */
  public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
    long end = System.nanoTime() + unit.toNanos(timeout);
    int all = Math.max(1, controller.settings().workers() / 4);
    while (System.nanoTime() < end) {
      if (queue.isEmpty() && permits.availablePermits() == all) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
