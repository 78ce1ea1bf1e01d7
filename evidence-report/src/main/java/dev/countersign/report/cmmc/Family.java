package dev.countersign.report.cmmc;

import java.util.Objects;

/**
 * A CMMC domain, which is a NIST SP 800-171 Rev. 2 requirement family.
 *
 * @param id the two-letter family id, e.g. {@code AC}
 * @param nistSection the section of SP 800-171 Rev. 2, e.g. {@code 3.1}
 * @param title e.g. {@code Access Control}
 */
public record Family(String id, String nistSection, String title) {
  public Family {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nistSection, "nistSection");
    Objects.requireNonNull(title, "title");
  }
}
