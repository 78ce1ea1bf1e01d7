package dev.countersign.verify.internal.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens per (registry, scope), kept until shortly before they expire, so a warm client
 * sends each request once instead of collecting a 401 and a token first. Also remembers each
 * registry's last challenge, so a new repository's token is fetched without another 401.
 */
final class TokenCache {
  /** Registries and repositories one verifier touches are few; this bounds a hostile workload. */
  private static final int MAX_ENTRIES = 4096;

  private final Clock clock;
  private final Map<Key, Entry> tokens = new ConcurrentHashMap<>();
  private final Map<String, AuthChallenge> challenges = new ConcurrentHashMap<>();

  TokenCache(Clock clock) {
    this.clock = clock;
  }

  record Key(String registry, String scope) {}

  private record Entry(String token, Instant refreshAt) {}

  Optional<String> token(String registry, String scope) {
    Key key = new Key(registry, scope);
    Entry e = tokens.get(key);
    if (e == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(e.refreshAt)) {
      tokens.remove(key, e);
      return Optional.empty();
    }
    return Optional.of(e.token);
  }

  /**
   * Stores a token valid for {@code lifetime}. It is dropped a margin before then (a tenth of the
   * lifetime, between 1 and 30 seconds) so that a request never leaves with a token that expires on
   * the way.
   */
  void put(String registry, String scope, String token, Duration lifetime) {
    long seconds = lifetime.toSeconds();
    long margin = Math.max(1, Math.min(30, seconds / 10));
    Instant refreshAt = clock.instant().plusSeconds(seconds - margin);
    if (tokens.size() >= MAX_ENTRIES) {
      Instant now = clock.instant();
      tokens.values().removeIf(e -> !now.isBefore(e.refreshAt));
      if (tokens.size() >= MAX_ENTRIES) {
        tokens.clear();
      }
    }
    tokens.put(new Key(registry, scope), new Entry(token, refreshAt));
  }

  void invalidate(String registry, String scope, String token) {
    tokens.computeIfPresent(new Key(registry, scope), (k, e) -> e.token.equals(token) ? null : e);
  }

  Optional<AuthChallenge> challenge(String registry) {
    return Optional.ofNullable(challenges.get(registry));
  }

  void rememberChallenge(String registry, AuthChallenge challenge) {
    if (challenges.size() < MAX_ENTRIES || challenges.containsKey(registry)) {
      challenges.put(registry, challenge);
    }
  }
}
