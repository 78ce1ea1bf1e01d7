package dev.countersign.report.oscal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One thing the packet observed, the evidence files it rests on, and the objectives it supports.
 *
 * @param uuid a version 4 or 5 UUID (OSCAL accepts no other), stable across regenerations of the
 *     same packet if the caller wants reproducible output
 * @param title a short title
 * @param description what was observed
 * @param methods how: examined, tested, or both
 * @param types OSCAL observation types, e.g. {@code control-objective}; empty for none
 * @param subjects what it is about
 * @param evidence the files it rests on; at least one
 * @param collected when the evidence was collected
 * @param objectives the objectives it supports, with coverage
 */
public record Observation(
    UUID uuid,
    String title,
    String description,
    Set<Method> methods,
    List<String> types,
    List<Subject> subjects,
    List<EvidenceFile> evidence,
    Instant collected,
    List<ObjectiveLink> objectives) {
  private static final Pattern TOKEN = Pattern.compile("^(\\p{L}|_)(\\p{L}|\\p{N}|[.\\-_])*$");

  public Observation {
    Objects.requireNonNull(uuid, "uuid");
    if (uuid.version() != 4 && uuid.version() != 5) {
      throw new IllegalArgumentException(
          "observation uuid must be version 4 or 5 (OSCAL), not version " + uuid.version());
    }
    Text.requireLine(title, "observation title");
    Text.requireText(description, "observation description");
    if (methods == null || methods.isEmpty()) {
      throw new IllegalArgumentException("observation " + uuid + " needs at least one method");
    }
    methods = Set.copyOf(EnumSet.copyOf(methods));
    types = List.copyOf(types);
    for (String t : types) {
      if (!TOKEN.matcher(t).matches()) {
        throw new IllegalArgumentException("observation type must be an OSCAL token, not " + t);
      }
    }
    subjects = List.copyOf(subjects);
    evidence = List.copyOf(evidence);
    if (evidence.isEmpty()) {
      // Why: an observation without evidence would be a claim, which is what the packet exists
      // to replace.
      throw new IllegalArgumentException("observation " + uuid + " names no evidence file");
    }
    Objects.requireNonNull(collected, "collected");
    objectives = List.copyOf(objectives);
  }
}
