package dev.countersign.verify.oci;

import java.time.Duration;

/**
 * Observes every HTTP round trip a registry client makes (for metrics, round-trip counts and
 * tests). Called on the requesting thread; implementations must be fast and thread-safe.
 */
@FunctionalInterface
public interface RegistryListener {

  /**
   * @param registry registry host (and port)
   * @param operation {@code manifest}, {@code blob}, {@code referrers}, {@code token} or {@code
   *     ping}
   * @param method HTTP method
   * @param status HTTP status, or -1 when no response arrived (connection failure or timeout)
   * @param elapsed time for this round trip
   */
  void onRoundTrip(String registry, String operation, String method, int status, Duration elapsed);

  RegistryListener NONE = (registry, operation, method, status, elapsed) -> {};
}
