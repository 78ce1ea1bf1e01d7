package dev.countersign.benchmarks.admission;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;

/**
 * An open-model, constant-arrival-rate load driver. Request {@code i} of a phase is due at {@code
 * start + i / rate}, whether or not earlier requests were answered: a dispatcher thread hands each
 * request, at its time, to an idle sender, each sender owning one kept-alive HTTPS connection.
 *
 * <p>The connections behave like the API server's HTTP/1.1 client (Go's {@code http.Transport} as
 * client-go configures it): a request goes out on the most recently used idle connection; when none
 * is idle a new connection is opened (no limit per host, here {@code maxConnections} as a safety
 * net); a connection that finishes a request while {@code maxIdle} others are already idle is
 * closed (client-go's {@code MaxIdleConnsPerHost} is 25); and a connection idle for {@link
 * #IDLE_CLOSE} is closed, as the transport drops connections the webhook closed for idleness
 * (Jetty's default is 30 s) instead of sending on them.
 *
 * <p>Latency is measured from the due time, not from the moment a sender got to the request, so a
 * server that stalls is charged for every request that was due meanwhile (no coordinated omission).
 * How late the driver itself sent each request is recorded separately ({@link
 * PhaseStats#sendLag()}), so a driver starved of CPU is visible rather than hidden.
 */
final class LoadDriver implements AutoCloseable {
  private static final String PATH = "/validate";
  private static final long STACK_BYTES = 256 * 1024;
  static final Duration IDLE_CLOSE = Duration.ofSeconds(20);

  private final SSLContext ssl;
  private final String host;
  private final int port;
  private final Duration timeout;
  private final int maxConnections;
  private final int maxIdle;

  /** Idle senders, most recently used first. */
  private final Deque<Sender> idle = new ConcurrentLinkedDeque<>();

  /** Requests due while {@code maxConnections} senders were busy. */
  private final ConcurrentLinkedQueue<Ticket> backlog = new ConcurrentLinkedQueue<>();

  private final AtomicInteger senders = new AtomicInteger();
  private final AtomicInteger mostSenders = new AtomicInteger();
  private final AtomicInteger connectionsOpened = new AtomicInteger();
  private volatile boolean closed;

  /** A request due at {@code dueNanos}. */
  private record Ticket(long dueNanos, String uid, Call call, PhaseStats stats) {}

  /**
   * @param timeout the API server's {@code timeoutSeconds}: an answer not complete this long after
   *     it was sent is a {@link ErrorKind#TIMEOUT} and its connection is dropped
   */
  LoadDriver(
      SSLContext ssl, String host, int port, Duration timeout, int maxConnections, int maxIdle) {
    this.ssl = ssl;
    this.host = host;
    this.port = port;
    this.timeout = timeout;
    this.maxConnections = maxConnections;
    this.maxIdle = maxIdle;
  }

  /** The most connections open at once so far. */
  int mostConnections() {
    return mostSenders.get();
  }

  /** TLS connections opened so far (each one a full handshake). */
  int connectionsOpened() {
    return connectionsOpened.get();
  }

  /**
   * Sends {@code requests} requests of {@code workload} at {@code rate} per second and waits for
   * every one to end (answered, failed or timed out).
   */
  PhaseStats run(String name, double rate, long requests, Workload workload) {
    PhaseStats stats = new PhaseStats(name, rate, requests);
    double interval = 1e9 / rate;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
    stats.started(start);
    for (long i = 0; i < requests; i++) {
      long due = start + (long) (i * interval);
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      dispatch(new Ticket(due, name + "-" + i, workload.call(i), stats));
    }
    // Every request ends by itself (answer, failure or timeout); only requests held in the
    // backlog at maxConnections can take longer than the last due time plus the timeout.
    long lastDue = start + (long) ((requests - 1) * interval);
    long giveUp = lastDue + timeout.toNanos() * 3;
    while (stats.finished() < requests && System.nanoTime() < giveUp) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
    if (stats.finished() < requests) {
      throw new IllegalStateException(
          name + ": " + (requests - stats.finished()) + " requests never finished");
    }
    return stats;
  }

  private void dispatch(Ticket t) {
    Sender s;
    while ((s = idle.pollFirst()) != null) {
      if (s.hand(t)) {
        return;
      }
    }
    if (senders.incrementAndGet() <= maxConnections) {
      mostSenders.accumulateAndGet(senders.get(), Math::max);
      Thread thread = new Thread(null, new Sender(t)::run, "load-sender", STACK_BYTES);
      thread.setDaemon(true);
      thread.start();
      return;
    }
    senders.decrementAndGet();
    backlog.add(t);
    // A sender may have gone idle after the poll above and before the add: wake it to look. (One
    // that refuses is closing; the busy senders look at the backlog before going idle.)
    Sender late = idle.pollFirst();
    if (late != null) {
      late.hand(null);
    }
  }

  /** One connection and the thread that sends on it. */
  private final class Sender {
    private final BlockingQueue<Ticket> slot = new ArrayBlockingQueue<>(1);
    private final Ticket first;
    private HttpsConnection connection;

    /** Set while parked in {@link #idle}; cleared by whoever takes it out. */
    private boolean handed;

    Sender(Ticket first) {
      this.first = first;
    }

    /**
     * Gives a request to this idle sender ({@code null}: only wake it to check the backlog); false
     * when it has just closed for idleness.
     */
    synchronized boolean hand(Ticket t) {
      if (handed) {
        return false;
      }
      handed = true;
      slot.add(t == null ? WAKE : t);
      return true;
    }

    void run() {
      try {
        Ticket t = first;
        while (t != null && !closed) {
          if (t != WAKE) {
            execute(t);
          }
          t = next();
        }
      } finally {
        if (connection != null) {
          connection.close();
        }
        senders.decrementAndGet();
      }
    }

    /** The next request, or null when this sender should close. */
    private Ticket next() {
      Ticket queued = backlog.poll();
      if (queued != null) {
        return queued;
      }
      if (connection == null || idle.size() >= maxIdle) {
        return null;
      }
      synchronized (this) {
        handed = false;
      }
      idle.addFirst(this);
      // The backlog may have been filled while this sender was not yet listed as idle.
      if (!backlog.isEmpty() && idle.remove(this)) {
        synchronized (this) {
          handed = true;
        }
        Ticket q = backlog.poll();
        return q == null ? WAKE : q;
      }
      try {
        Ticket t = slot.poll(IDLE_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
        if (t != null) {
          return t;
        }
        synchronized (this) {
          if (!handed) {
            handed = true;
            idle.remove(this);
            return null;
          }
        }
        // Taken out of the idle list just as the wait ended: the request is on its way.
        return slot.take();
      } catch (InterruptedException e) {
        return null;
      }
    }

    private void execute(Ticket t) {
      long sentAt = System.nanoTime();
      t.stats().sent(sentAt - t.dueNanos());
      byte[] body = t.call().review().body(t.uid());
      HttpsConnection.Response answer;
      try {
        if (connection == null || !connection.isOpen()) {
          if (connection != null) {
            connection.close();
          }
          connection = HttpsConnection.open(ssl, host, port, timeout);
          connectionsOpened.incrementAndGet();
        }
        answer = connection.post(PATH, body);
      } catch (SocketTimeoutException e) {
        t.stats()
            .failed(
                System.nanoTime() - t.dueNanos(),
                ErrorKind.TIMEOUT,
                "",
                "no answer within " + timeout.toSeconds() + " s");
        drop();
        return;
      } catch (IOException | RuntimeException e) {
        t.stats().failed(System.nanoTime() - t.dueNanos(), ErrorKind.IO, "", e.toString());
        drop();
        return;
      }
      long end = System.nanoTime();
      long latency = end - t.dueNanos();
      if (end - sentAt > timeout.toNanos()) {
        // Answered, but after the API server would have given up on it.
        t.stats()
            .failed(
                latency,
                ErrorKind.TIMEOUT,
                "",
                "answered after " + (end - sentAt) / 1_000_000 + " ms");
        drop();
        return;
      }
      AnswerCheck.Result r = AnswerCheck.check(answer, t.uid(), t.call().expected());
      if (r.failure().isPresent()) {
        t.stats().failed(latency, r.failure().get().kind(), r.reason(), r.failure().get().detail());
      } else {
        t.stats().ok(latency, r.reason());
      }
    }

    private void drop() {
      if (connection != null) {
        connection.close();
      }
      connection = null;
    }
  }

  /** Wakes an idle sender without a request (it then looks at the backlog). */
  private static final Ticket WAKE = new Ticket(0, "", null, null);

  @Override
  public void close() {
    closed = true;
    Sender s;
    while ((s = idle.pollFirst()) != null) {
      s.hand(null);
    }
  }
}
