package dev.countersign.report.inventory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One container image in use, where it runs, and the digest it runs at.
 *
 * @param image the image as the workload names it (a tag or a digest reference)
 * @param digestReference {@code registry/repository@sha256:...}, the digest the container runs
 *     (from the container status' {@code imageID}, or the reference itself when pinned); empty when
 *     the runtime did not report one, which the packet reports as a gap rather than guessing from a
 *     tag
 * @param cluster the cluster's name, as given to the collection; empty when not known
 * @param namespace the pod's namespace; empty for images not known to run in Kubernetes
 * @param pod the pod's name
 * @param container the container's name
 * @param containerType which list of the pod spec the container comes from
 * @param ownerKind the kind of the pod's controller (ReplicaSet, StatefulSet, Job, ...), empty for
 *     a bare pod
 * @param ownerName the controller's name
 * @param startedAt when the container (or, failing that, the pod) started, when reported
 * @param source where this entry came from: a file, {@code kubernetes:<cluster>}, {@code ecr:...}
 */
public record RunningImage(
    String image,
    Optional<String> digestReference,
    String cluster,
    String namespace,
    String pod,
    String container,
    ContainerType containerType,
    String ownerKind,
    String ownerName,
    Optional<Instant> startedAt,
    String source) {
  public RunningImage {
    Objects.requireNonNull(image, "image");
    digestReference = digestReference == null ? Optional.empty() : digestReference;
    digestReference.ifPresent(
        r -> {
          if (!r.contains("@sha256:")) {
            throw new IllegalArgumentException("not a digest reference: " + r);
          }
        });
    cluster = cluster == null ? "" : cluster;
    namespace = namespace == null ? "" : namespace;
    pod = pod == null ? "" : pod;
    container = container == null ? "" : container;
    containerType = containerType == null ? ContainerType.CONTAINER : containerType;
    ownerKind = ownerKind == null ? "" : ownerKind;
    ownerName = ownerName == null ? "" : ownerName;
    startedAt = startedAt == null ? Optional.empty() : startedAt;
    source = source == null ? "" : source;
  }

  /** Whether the entry says where it runs (a pod), rather than only that the image exists. */
  public boolean running() {
    return !pod.isEmpty();
  }

  /** {@code cluster/namespace/pod/container}, for reports. */
  public String place() {
    StringBuilder b = new StringBuilder();
    for (String part : new String[] {cluster, namespace, pod, container}) {
      if (!part.isEmpty()) {
        if (b.length() > 0) {
          b.append('/');
        }
        b.append(part);
      }
    }
    return b.toString();
  }
}
