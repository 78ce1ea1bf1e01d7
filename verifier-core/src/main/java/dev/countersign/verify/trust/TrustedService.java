package dev.countersign.verify.trust;

import java.time.Instant;
import java.util.Optional;

/**
 * One service a trust root vouches for, as a summary for people and linters.
 *
 * @param kind what the service does
 * @param uri its base URI as the trust root states it
 * @param identity the CA subject, or the hex key/log id for logs
 * @param validFrom start of the period the root trusts it for (inclusive); empty if unbounded
 * @param validUntil end of that period (inclusive); empty if open-ended
 */
public record TrustedService(
    Kind kind,
    String uri,
    String identity,
    Optional<Instant> validFrom,
    Optional<Instant> validUntil) {

  /** Kinds of trusted service. */
  public enum Kind {
    CERTIFICATE_AUTHORITY,
    TRANSPARENCY_LOG,
    CT_LOG,
    TIMESTAMP_AUTHORITY
  }

  /** Whether the root trusts this service for an event at {@code t}. */
  public boolean validAt(Instant t) {
    return validFrom.map(s -> !t.isBefore(s)).orElse(true)
        && validUntil.map(e -> !t.isAfter(e)).orElse(true);
  }
}
