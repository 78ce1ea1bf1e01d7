package dev.countersign.benchmarks.registry;

import dev.countersign.verify.oci.RegistryListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts registry round trips and adds up the time spent in them, as reported by the client's
 * {@link RegistryListener} (every HTTP exchange: token requests and refused attempts included). One
 * verification at a time.
 */
final class RoundTripTimer implements RegistryListener {
  private final List<String> trips = new ArrayList<>();
  private long networkNanos;

  @Override
  public synchronized void onRoundTrip(
      String registry, String operation, String method, int status, Duration elapsed) {
    trips.add(method + " " + operation + " " + status);
    networkNanos += elapsed.toNanos();
  }

  synchronized void reset() {
    trips.clear();
    networkNanos = 0;
  }

  synchronized int count() {
    return trips.size();
  }

  synchronized List<String> trips() {
    return List.copyOf(trips);
  }

  synchronized long networkNanos() {
    return networkNanos;
  }
}
