package dev.countersign.verify.slsa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the provenance checks found.
 *
 * @param provenance the provenance evaluated
 * @param level the SLSA build level the evidence supports
 * @param levelBasis why that level and not a higher one, for people
 * @param findings every check evaluated, in a stable order; checks an expectation did not ask for,
 *     and signer checks when there was no keyless signer, are absent
 */
public record SlsaEvaluation(
    SlsaProvenance provenance,
    SlsaBuildLevel level,
    String levelBasis,
    List<SlsaFinding> findings) {
  public SlsaEvaluation {
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(levelBasis, "levelBasis");
    findings = List.copyOf(findings);
  }

  /** True when at least one check was evaluated and every check passed. */
  public boolean passed() {
    return !findings.isEmpty() && findings.stream().allMatch(SlsaFinding::ok);
  }

  /** The checks that failed. */
  public List<SlsaFinding> failures() {
    return findings.stream().filter(f -> !f.ok()).toList();
  }

  /**
   * The provenance facts a report shows: {@code predicate.type}, {@code builder.id}, {@code
   * build.type}, {@code source.uri}, {@code source.ref}, {@code source.digest} (those present) and
   * {@code slsa.level}.
   */
  public Map<String, String> evidence() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("predicate.type", provenance.predicateType());
    provenance.builderId().ifPresent(v -> out.put("builder.id", v));
    provenance.buildType().ifPresent(v -> out.put("build.type", v));
    provenance.sourceUri().ifPresent(v -> out.put("source.uri", v));
    provenance.sourceRef().ifPresent(v -> out.put("source.ref", v));
    provenance.sourceDigest().ifPresent(v -> out.put("source.digest", v));
    out.put("slsa.level", String.valueOf(level.number()));
    return out;
  }
}
