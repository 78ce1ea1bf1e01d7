package dev.countersign.verify.sbom;

import java.util.Optional;

/**
 * What a VEX statement (or a CycloneDX analysis) says about a vulnerability in a product. The
 * states of both formats are kept apart so reports show what the document said.
 *
 * <p>Mitigating, so that a vulnerability they cover does not fail the severity gate: CycloneDX
 * {@code not_affected}, {@code false_positive}, {@code resolved} and {@code resolved_with_pedigree}
 * (resolved, with the pedigree to show it); OpenVEX {@code not_affected} and {@code fixed}.
 * Everything else (CycloneDX {@code exploitable}, {@code in_triage}; OpenVEX {@code affected},
 * {@code under_investigation}) leaves the vulnerability standing.
 */
public enum VexStatus {
  NOT_AFFECTED("not_affected", true),
  FALSE_POSITIVE("false_positive", true),
  RESOLVED("resolved", true),
  RESOLVED_WITH_PEDIGREE("resolved_with_pedigree", true),
  FIXED("fixed", true),
  EXPLOITABLE("exploitable", false),
  IN_TRIAGE("in_triage", false),
  AFFECTED("affected", false),
  UNDER_INVESTIGATION("under_investigation", false);

  private final String label;
  private final boolean mitigating;

  VexStatus(String label, boolean mitigating) {
    this.label = label;
    this.mitigating = mitigating;
  }

  /** Whether the status takes the vulnerability off the list for the severity gate. */
  public boolean mitigates() {
    return mitigating;
  }

  /** The spelling in the documents ({@code not_affected}, ...). */
  public String label() {
    return label;
  }

  /** Parses a document spelling; empty for anything else. */
  public static Optional<VexStatus> parse(String text) {
    for (VexStatus s : values()) {
      if (s.label.equals(text)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
