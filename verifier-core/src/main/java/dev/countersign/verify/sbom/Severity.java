package dev.countersign.verify.sbom;

import java.util.Locale;
import java.util.Optional;

/**
 * Severity of a vulnerability, in increasing order from {@link #NONE} to {@link #CRITICAL}. {@link
 * #UNKNOWN} means no rating gave a usable severity or score.
 */
public enum Severity {
  UNKNOWN,
  NONE,
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /**
   * Whether a vulnerability of this severity is caught by a {@code failOnSeverity} threshold.
   * {@link #UNKNOWN} always is: a vulnerability nobody rated is not known to be harmless.
   */
  public boolean atLeast(Severity threshold) {
    return this == UNKNOWN || compareTo(threshold) >= 0;
  }

  /**
   * The CVSS v3 qualitative rating of a base score: 0.0 none, 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9
   * high, 9.0-10.0 critical. Scores outside 0-10 (or NaN) are {@link #UNKNOWN}.
   */
  public static Severity fromCvssScore(double score) {
    if (Double.isNaN(score) || score < 0 || score > 10) {
      return UNKNOWN;
    }
    if (score == 0) {
      return NONE;
    }
    if (score < 4.0) {
      return LOW;
    }
    if (score < 7.0) {
      return MEDIUM;
    }
    return score < 9.0 ? HIGH : CRITICAL;
  }

  /** Parses a CycloneDX or policy spelling ({@code critical}, {@code High}, ...), any case. */
  public static Optional<Severity> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Severity s : values()) {
      if (s.name().equalsIgnoreCase(text.trim())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The lower-case spelling used by CycloneDX and in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
