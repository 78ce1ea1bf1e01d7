package dev.countersign.report.packet.internal;

import dev.countersign.report.aws.CollectionProblem;
import dev.countersign.report.aws.EcrImage;
import dev.countersign.report.aws.EcrRepository;
import dev.countersign.report.aws.RegistryScanning;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the ECR answers say, read from the raw answers kept in the packet.
 *
 * @param repositories by repository name
 * @param images by digest reference ({@code <repositoryUri>@sha256:...})
 * @param scanning the registry scanning configuration, when it was read
 * @param problems parts that could not be collected
 */
public record EcrFacts(
    Map<String, Repository> repositories,
    Map<String, Image> images,
    Optional<RegistryScanning> scanning,
    List<CollectionProblem> problems,
    long findings) {

  /** A repository and whether it has a resource policy (empty: not known). */
  public record Repository(EcrRepository settings, Optional<Boolean> policy) {}

  /** A finding still open after the SLA. */
  public record LateFinding(
      String vulnerabilityId, String severity, String packageName, Instant firstSeen) {}

  /**
   * An image with its scan summary.
   *
   * @param severities open findings by severity
   * @param oldestOpen when the oldest open finding was first seen
   * @param late findings open longer than the SLA as of the window's end
   */
  public record Image(
      String reference,
      EcrImage image,
      Map<String, Long> severities,
      Optional<Instant> oldestOpen,
      List<LateFinding> late) {
    public Image {
      severities = Ordered.copyOf(severities);
      late = List.copyOf(late);
    }
  }

  public EcrFacts {
    repositories = Ordered.copyOf(repositories);
    images = Ordered.copyOf(images);
    problems = List.copyOf(problems);
  }

  public static EcrFacts none() {
    return new EcrFacts(Map.of(), Map.of(), Optional.empty(), List.of(), 0);
  }
}
