package dev.countersign.report.packet.internal;

import dev.countersign.report.oscal.Subject;
import dev.countersign.report.packet.GapKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per evidence kind, what its OSCAL observation is about (images, running images, ECR repositories)
 * and one sentence of what the packet found, so an observation reads on its own without opening the
 * files it cites.
 */
public final class ObservationDetails {
  private ObservationDetails() {}

  /** Per evidence kind, the subjects of its observation; kinds not named have none. */
  public static Map<String, List<Subject>> subjects(List<ImageRow> rows, EcrFacts ecr) {
    Map<String, List<Subject>> out = new LinkedHashMap<>();
    List<Subject> images = rows.stream().map(r -> Subject.image(r.reference())).toList();
    out.put("image.signature.verdicts", images);
    out.put(
        "inventory.running",
        rows.stream().filter(ImageRow::isRunning).map(r -> Subject.image(r.reference())).toList());
    List<Subject> repos = new ArrayList<>();
    for (EcrFacts.Repository r : ecr.repositories().values()) {
      String id = r.settings().uri().isEmpty() ? r.settings().name() : r.settings().uri();
      repos.add(new Subject("ecr-repository", id, id));
    }
    out.put("ecr.repository.settings", repos);
    return out;
  }

  /** Per evidence kind, one sentence of what the packet found; kinds not named have none. */
  public static Map<String, String> summaries(
      List<ImageRow> rows,
      EcrFacts ecr,
      CloudTrailFacts trail,
      AdmissionFacts admission,
      Map<GapKind, Long> gaps) {
    Map<String, String> s = new LinkedHashMap<>();
    Map<String, Long> decisions = new TreeMap<>();
    rows.forEach(r -> decisions.merge(r.facts().decision(), 1L, Long::sum));
    s.put(
        "image.signature.verdicts",
        rows.size() + " image digests evaluated; decisions: " + decisions + ".");
    s.put(
        "inventory.running",
        rows.stream().filter(ImageRow::isRunning).count() + " image digests running.");
    s.put(
        "ecr.repository.settings",
        ecr.repositories().size()
            + " repositories, "
            + ecr.repositories().values().stream()
                .filter(r -> !r.settings().tagsImmutable())
                .count()
            + " with mutable tags.");
    s.put(
        "ecr.scan.findings", ecr.findings() + " findings over " + ecr.images().size() + " images.");
    trail
        .read()
        .ifPresent(
            r ->
                s.put(
                    "cloudtrail.push.events",
                    r.keptTotal()
                        + " ECR events kept of "
                        + r.read()
                        + " records read, "
                        + r.duplicates()
                        + " duplicates removed; "
                        + trail.nonCiPushes()
                        + " pushes by principals other than CI."));
    s.put(
        "admission.decisions",
        admission.recordsInWindow()
            + " verified admission records in the window; "
            + admission.unverifiedAdmissions()
            + " admitted without a verified decision; "
            + admission.silences().size()
            + " periods without records.");
    long total = gaps.values().stream().mapToLong(Long::longValue).sum();
    s.put("coverage.gaps", total + " gaps: " + gaps + ".");
    return s;
  }
}
