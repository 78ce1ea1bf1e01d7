package dev.countersign.report.cmmc;

import java.util.List;
import java.util.Objects;

/**
 * An informative link from a kind of evidence to Rev. 3 supply chain determination statements.
 *
 * @param evidenceKind the kind of evidence
 * @param determinations the determination statement ids, e.g. {@code A.03.17.02.05}
 * @param note why the evidence is relevant
 */
public record Rev3EvidenceLink(
    EvidenceKind evidenceKind, List<String> determinations, String note) {
  public Rev3EvidenceLink {
    Objects.requireNonNull(evidenceKind, "evidenceKind");
    determinations = List.copyOf(determinations);
    Objects.requireNonNull(note, "note");
  }
}
