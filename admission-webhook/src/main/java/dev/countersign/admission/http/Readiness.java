package dev.countersign.admission.http;

import java.util.Map;

/**
 * What {@code GET /readyz} answers.
 *
 * @param ready whether the webhook can decide requests (HTTP 200, else 503)
 * @param detail facts for people and probes (configuration revision, last reload failure)
 */
public record Readiness(boolean ready, Map<String, Object> detail) {
  public Readiness {
    detail = Map.copyOf(detail);
  }
}
