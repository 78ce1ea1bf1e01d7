package dev.countersign.report.packet.internal;

import dev.countersign.report.cmmc.CmmcCatalog;
import dev.countersign.report.packet.GapKind;
import dev.countersign.report.packet.PacketSettings;
import dev.countersign.verify.policy.LintFinding;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the HTML report and the README are rendered from. */
public record ReportModel(
    PacketSettings settings,
    Instant generated,
    String policyRevision,
    List<LintFinding> lint,
    List<ImageRow> rows,
    EcrFacts ecr,
    CloudTrailFacts trail,
    AdmissionFacts admission,
    GapLog gaps,
    Map<GapKind, Long> gapCounts,
    List<PracticeFolders.PracticeEvidence> practices,
    CmmcCatalog catalog,
    boolean ephemeralKey,
    String keyId) {

  public long gapTotal() {
    return gapCounts.values().stream().mapToLong(Long::longValue).sum();
  }
}
