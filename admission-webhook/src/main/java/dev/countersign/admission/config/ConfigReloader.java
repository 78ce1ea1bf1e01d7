package dev.countersign.admission.config;

import dev.countersign.admission.ActiveVerifier;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Holds the configuration in force and replaces it when the mounted files change.
 *
 * <p>Kubernetes updates a mounted ConfigMap or Secret by writing a new hidden directory and
 * swapping the {@code ..data} symbolic link, so a change shows up as events on the mount directory.
 * A {@link WatchService} wakes the reloader early; a content fingerprint, compared on every wake-up
 * and at least every {@code pollInterval}, decides whether anything changed (events alone miss
 * changes on some file systems and report many that change nothing).
 *
 * <p>A reload builds the whole new configuration (policies, trust roots, verifier) before swapping
 * one reference, so requests see either the old or the new configuration, never a mix. A new
 * configuration that fails to load is refused: the old one stays in force, and the reason is kept
 * for {@code /readyz}, counted and passed to listeners. The refused fingerprint is remembered, so
 * the same broken files are not reloaded (and reported) again until they change.
 */
public final class ConfigReloader implements Supplier<ActiveVerifier>, AutoCloseable {
  private final VerifierLoader loader;
  private final Duration pollInterval;
  private final Clock clock;
  private final AtomicReference<ActiveVerifier> current = new AtomicReference<>();
  private final List<ReloadListener> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private volatile String fingerprint;
  private volatile long reloads;
  private volatile long failures;
  private volatile Optional<String> lastFailure = Optional.empty();
  private volatile Optional<Instant> lastFailureAt = Optional.empty();
  private final WatchService watcher;
  private final Thread thread;
  private volatile boolean closed;

  private ConfigReloader(VerifierLoader loader, Duration pollInterval, Clock clock)
      throws IOException {
    this.loader = loader;
    this.pollInterval = pollInterval;
    this.clock = clock;
    this.fingerprint = fingerprint();
    this.current.set(loader.load());
    this.watcher = FileSystems.getDefault().newWatchService();
    for (Path p : loader.watched()) {
      Path dir = Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
      if (dir != null && Files.isDirectory(dir)) {
        dir.register(
            watcher,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_DELETE,
            StandardWatchEventKinds.ENTRY_MODIFY);
      }
    }
    this.thread = new Thread(this::watch, "countersign-config-reload");
    this.thread.setDaemon(true);
  }

  /**
   * Loads the configuration now (throwing {@link ConfigException} if it is bad: a webhook with a
   * broken configuration must not start) and watches it from then on.
   */
  public static ConfigReloader start(VerifierLoader loader, Duration pollInterval, Clock clock) {
    Objects.requireNonNull(loader, "loader");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive");
    }
    ConfigReloader r;
    try {
      r = new ConfigReloader(loader, pollInterval, clock);
    } catch (IOException e) {
      throw new ConfigException(
          "INPUT_UNREADABLE", "cannot watch the configuration: " + e.getMessage(), e);
    }
    r.thread.start();
    return r;
  }

  @Override
  public ActiveVerifier get() {
    return current.get();
  }

  public void addListener(ReloadListener l) {
    listeners.add(Objects.requireNonNull(l, "listener"));
  }

  public ReloadStatus status() {
    ActiveVerifier a = current.get();
    return new ReloadStatus(
        a.policyRevision(),
        a.trustRootRevisions(),
        a.loadedAt(),
        reloads,
        failures,
        lastFailure,
        lastFailureAt);
  }

  /**
   * Reloads if the files changed since the last load or refusal.
   *
   * @return true when a new configuration took effect
   */
  public boolean checkNow() {
    synchronized (lock) {
      String now = fingerprint();
      if (now.equals(fingerprint)) {
        return false;
      }
      fingerprint = now;
      ActiveVerifier next;
      try {
        next = loader.load();
      } catch (ConfigException e) {
        failures++;
        lastFailure = Optional.of(e.reason() + ": " + e.getMessage());
        lastFailureAt = Optional.of(clock.instant());
        for (ReloadListener l : listeners) {
          safely(() -> l.refused(e));
        }
        return false;
      } catch (RuntimeException e) {
        ConfigException wrapped =
            new ConfigException(
                "INTERNAL_ERROR", e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        failures++;
        lastFailure = Optional.of(wrapped.reason() + ": " + wrapped.getMessage());
        lastFailureAt = Optional.of(clock.instant());
        for (ReloadListener l : listeners) {
          safely(() -> l.refused(wrapped));
        }
        return false;
      }
      current.set(next);
      reloads++;
      lastFailure = Optional.empty();
      lastFailureAt = Optional.empty();
      for (ReloadListener l : listeners) {
        safely(() -> l.reloaded(next));
      }
      return true;
    }
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      System.err.println("countersign webhook: reload listener failed: " + e);
    }
  }

  private String fingerprint() {
    List<String> parts = new ArrayList<>();
    for (Path p : loader.watched()) {
      parts.add(Fingerprint.of(p));
    }
    return String.join(",", parts);
  }

  private void watch() {
    while (!closed) {
      try {
        var key = watcher.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
          // Kubernetes writes the new files, then swaps the link: let the swap finish.
          Thread.sleep(Math.min(200, pollInterval.toMillis()));
          drain();
        }
        checkNow();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      } catch (RuntimeException e) {
        System.err.println("countersign webhook: configuration check failed: " + e);
      }
    }
  }

  private void drain() {
    for (var key = watcher.poll(); key != null; key = watcher.poll()) {
      key.pollEvents();
      key.reset();
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      watcher.close();
    } catch (IOException e) {
      // Closing is best effort; the thread is a daemon.
    }
  }
}
