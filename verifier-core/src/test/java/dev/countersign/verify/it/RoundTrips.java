package dev.countersign.verify.it;

import dev.countersign.verify.oci.RegistryListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every registry round trip a client reports, for counting. */
final class RoundTrips implements RegistryListener {
  /** One round trip. */
  record Trip(String registry, String operation, String method, int status) {
    @Override
    public String toString() {
      return method + " " + operation + " " + status;
    }
  }

  private final List<Trip> trips = new CopyOnWriteArrayList<>();

  @Override
  public void onRoundTrip(
      String registry, String operation, String method, int status, Duration elapsed) {
    trips.add(new Trip(registry, operation, method, status));
  }

  List<Trip> trips() {
    return List.copyOf(trips);
  }

  int count() {
    return trips.size();
  }

  long count(String operation) {
    return trips.stream().filter(t -> t.operation().equals(operation)).count();
  }

  void reset() {
    trips.clear();
  }
}
