package dev.countersign.report.aws;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an ECR collection gathered and what it could not.
 *
 * @param repositories repositories described
 * @param images images described
 * @param imagesWithFindings images whose findings were read
 * @param findings findings read, by severity
 * @param policies repositories with a resource policy
 * @param apiCalls successful API calls (each one's response is in the evidence sink)
 * @param problems every part that could not be collected
 */
public record EcrCollection(
    String registryId,
    String region,
    long repositories,
    long images,
    long imagesWithFindings,
    Map<String, Long> findings,
    long policies,
    long apiCalls,
    List<CollectionProblem> problems) {
  public EcrCollection {
    registryId = registryId == null ? "" : registryId;
    Objects.requireNonNull(region, "region");
    findings = Map.copyOf(findings);
    problems = List.copyOf(problems);
  }

  /**
   * Everything asked for was collected. Zero API calls is never complete: an empty answer must come
   * from AWS, not from a collection that did nothing.
   */
  public boolean complete() {
    return problems.isEmpty() && apiCalls > 0;
  }

  public long findingCount() {
    return findings.values().stream().mapToLong(Long::longValue).sum();
  }
}
