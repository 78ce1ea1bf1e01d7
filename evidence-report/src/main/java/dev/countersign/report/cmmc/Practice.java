package dev.countersign.report.cmmc;

import java.util.List;
import java.util.Objects;

/**
 * A CMMC Level 2 practice: one NIST SP 800-171 Rev. 2 security requirement with its SP 800-171A
 * assessment objectives.
 *
 * @param id the CMMC practice id, e.g. {@code AC.L2-3.1.1}
 * @param nistId the NIST requirement id, e.g. {@code 3.1.1}
 * @param family the family id, e.g. {@code AC}
 * @param title the short title of the CMMC Assessment Guide, e.g. {@code Authorized Access Control}
 * @param type basic or derived
 * @param requirement the requirement text of SP 800-171 Rev. 2
 * @param objectives the assessment objectives, in letter order
 */
public record Practice(
    String id,
    String nistId,
    String family,
    String title,
    RequirementType type,
    String requirement,
    List<Objective> objectives) {
  public Practice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nistId, "nistId");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(requirement, "requirement");
    objectives = List.copyOf(objectives);
  }
}
