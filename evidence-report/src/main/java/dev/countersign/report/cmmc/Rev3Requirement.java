package dev.countersign.report.cmmc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A NIST SP 800-171 Rev. 3 requirement of the supply chain family (03.17), shown for information
 * only. It has no CMMC Level 2 practice id and is never part of a Level 2 assessment.
 *
 * @param id the Rev. 3 id, e.g. {@code 03.17.01}
 * @param title e.g. {@code Supply Chain Risk Management Plan}
 * @param statement the requirement items by label ({@code a}, {@code b}, ... or {@code text} for a
 *     requirement without items), in order
 * @param parameters the organization-defined parameters by id, each with its definition
 * @param determinations the SP 800-171A Rev. 3 determination statements by id, in order
 * @param evidence the evidence kinds linked to it, for information
 */
public record Rev3Requirement(
    String id,
    String title,
    Map<String, String> statement,
    Map<String, String> parameters,
    Map<String, String> determinations,
    List<Rev3EvidenceLink> evidence) {
  public Rev3Requirement {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    statement = ordered(statement);
    parameters = ordered(parameters);
    determinations = ordered(determinations);
    evidence = List.copyOf(evidence);
  }

  private static Map<String, String> ordered(Map<String, String> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
