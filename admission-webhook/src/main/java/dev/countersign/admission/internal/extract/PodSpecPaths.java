package dev.countersign.admission.internal.extract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the pod spec of a kind lives. Built-in workload kinds are known; custom resources are
 * configured ({@code --pod-template-path KIND=POINTER}). A kind that is neither is searched at the
 * conventional locations, so a workload type nobody configured is still verified rather than waved
 * through.
 */
public final class PodSpecPaths {
  static final String POD = "/spec";
  static final String TEMPLATE = "/spec/template/spec";
  static final String JOB_TEMPLATE = "/spec/jobTemplate/spec/template/spec";

  /** Core, apps, batch (and the old extensions group) kinds with a pod spec. */
  private static final Map<String, String> BUILT_IN =
      Map.ofEntries(
          Map.entry("Pod", POD),
          Map.entry("ReplicationController", TEMPLATE),
          Map.entry("PodTemplate", "/template/spec"),
          Map.entry("apps/Deployment", TEMPLATE),
          Map.entry("apps/ReplicaSet", TEMPLATE),
          Map.entry("apps/StatefulSet", TEMPLATE),
          Map.entry("apps/DaemonSet", TEMPLATE),
          Map.entry("extensions/Deployment", TEMPLATE),
          Map.entry("extensions/ReplicaSet", TEMPLATE),
          Map.entry("extensions/DaemonSet", TEMPLATE),
          Map.entry("batch/Job", TEMPLATE),
          Map.entry("batch/CronJob", JOB_TEMPLATE));

  /** Where to look in a kind nobody described. */
  static final List<String> CONVENTIONAL = List.of(TEMPLATE, JOB_TEMPLATE, POD);

  private final Map<String, List<String>> configured;

  /**
   * @param configured kind ({@code Kind} or {@code group/Kind}) to pod spec pointers
   */
  public PodSpecPaths(Map<String, List<String>> configured) {
    this.configured = Map.copyOf(configured);
  }

  /**
   * The pod spec pointers of a kind: configured ones first (a configuration may describe a built-in
   * kind differently), then built-in ones; empty when the kind is unknown.
   */
  public Optional<List<String>> of(String group, String kind) {
    String qualified = group.isEmpty() ? kind : group + "/" + kind;
    List<String> c = configured.get(qualified);
    if (c == null) {
      c = configured.get(kind);
    }
    if (c != null) {
      return Optional.of(c);
    }
    String b = BUILT_IN.get(qualified);
    return b == null ? Optional.empty() : Optional.of(List.of(b));
  }
}
