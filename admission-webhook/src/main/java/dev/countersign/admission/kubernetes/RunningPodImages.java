package dev.countersign.admission.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Watches the cluster's pods (a fabric8 informer) and hands every image of a pod that is running or
 * about to run to a consumer (the pre-warmer): first the pods already there, then each new or
 * changed pod. Pods of excluded namespaces are ignored, as their admissions are.
 */
public final class RunningPodImages implements AutoCloseable {
  private final SharedIndexInformer<Pod> informer;

  private RunningPodImages(SharedIndexInformer<Pod> informer) {
    this.informer = informer;
  }

  /**
   * Starts the informer (it lists, then watches).
   *
   * @param resyncMillis how often the informer re-delivers every pod (0: never)
   */
  public static RunningPodImages start(
      KubernetesClient client,
      Set<String> excludedNamespaces,
      Consumer<String> images,
      long resyncMillis) {
    ResourceEventHandler<Pod> handler =
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            deliver(pod, excludedNamespaces, images);
          }

          @Override
          public void onUpdate(Pod oldPod, Pod newPod) {
            deliver(newPod, excludedNamespaces, images);
          }

          @Override
          public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {}
        };
    return new RunningPodImages(client.pods().inAnyNamespace().inform(handler, resyncMillis));
  }

  static void deliver(Pod pod, Set<String> excludedNamespaces, Consumer<String> images) {
    if (pod.getMetadata() != null
        && excludedNamespaces.contains(pod.getMetadata().getNamespace())) {
      return;
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      return;
    }
    imagesOf(pod.getSpec()).forEach(images);
  }

  static List<String> imagesOf(PodSpec spec) {
    List<String> out = new ArrayList<>();
    if (spec == null) {
      return out;
    }
    for (List<Container> list :
        List.of(nonNull(spec.getInitContainers()), nonNull(spec.getContainers()))) {
      for (Container c : list) {
        if (c.getImage() != null && !c.getImage().isBlank()) {
          out.add(c.getImage());
        }
      }
    }
    for (EphemeralContainer c : nonNull(spec.getEphemeralContainers())) {
      if (c.getImage() != null && !c.getImage().isBlank()) {
        out.add(c.getImage());
      }
    }
    return out;
  }

  private static <T> List<T> nonNull(List<T> l) {
    return l == null ? List.of() : l;
  }

  /** Whether the informer has listed the pods that existed when it started. */
  public boolean hasSynced() {
    return informer.hasSynced();
  }

  /** Whether the informer's watch is open (it follows changes after the initial list). */
  public boolean isWatching() {
    return informer.isWatching();
  }

  @Override
  public void close() {
    informer.close();
  }
}
