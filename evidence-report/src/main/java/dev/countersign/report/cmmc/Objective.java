package dev.countersign.report.cmmc;

import java.util.Objects;

/**
 * One NIST SP 800-171A assessment objective ("Determine if: ...") of a CMMC Level 2 practice.
 *
 * @param practiceId the CMMC practice id, e.g. {@code CM.L2-3.4.8}
 * @param nistRequirement the NIST requirement id, e.g. {@code 3.4.8}
 * @param letter the objective letter, e.g. {@code b}
 * @param text the determination statement, e.g. {@code the software allowed to execute ... is
 *     specified.}
 */
public record Objective(String practiceId, String nistRequirement, String letter, String text) {
  public Objective {
    Objects.requireNonNull(practiceId, "practiceId");
    Objects.requireNonNull(nistRequirement, "nistRequirement");
    Objects.requireNonNull(letter, "letter");
    Objects.requireNonNull(text, "text");
  }

  /** The objective in CMMC form, e.g. {@code CM.L2-3.4.8[b]}. */
  public String id() {
    return practiceId + "[" + letter + "]";
  }

  /** The objective in SP 800-171A form, e.g. {@code 3.4.8[b]}. */
  public String nistId() {
    return nistRequirement + "[" + letter + "]";
  }
}
