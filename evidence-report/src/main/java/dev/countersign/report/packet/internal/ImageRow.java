package dev.countersign.report.packet.internal;

import dev.countersign.report.inventory.RunningImage;
import dev.countersign.report.packet.GapKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the packet knows about one image digest: where it runs, who pushed it, who signed it,
 * what built it, how it was scanned, when it was admitted, and the gaps about it.
 */
public record ImageRow(
    String reference,
    String digest,
    String repository,
    List<RunningImage> running,
    ImageFacts facts,
    Optional<EcrFacts.Image> ecr,
    List<CloudTrailFacts.Push> pushes,
    Optional<AdmissionFacts.Admission> admission,
    Set<GapKind> gaps) {
  public ImageRow {
    running = List.copyOf(running);
    pushes = List.copyOf(pushes);
    gaps = Ordered.sorted(gaps);
  }

  public boolean isRunning() {
    return running.stream().anyMatch(RunningImage::running);
  }
}
