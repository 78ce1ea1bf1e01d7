package dev.countersign.report.inventory.internal;

import dev.countersign.report.inventory.ContainerType;
import dev.countersign.report.inventory.Inventory;
import dev.countersign.report.inventory.InventoryException;
import dev.countersign.report.inventory.InventoryException.Reason;
import dev.countersign.report.inventory.RawEvidence;
import dev.countersign.report.inventory.RunningImage;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The running images of a cluster through fabric8: every pod's container statuses. */
public final class KubernetesPods {
  static final long PAGE = 500;

  private KubernetesPods() {}

  public static Inventory read(KubernetesClient client, String cluster) {
    String source = "kubernetes:" + cluster;
    List<RunningImage> images = new ArrayList<>();
    List<RawEvidence> raw = new ArrayList<>();
    String token = null;
    int page = 0;
    do {
      page++;
      ListOptions options = new ListOptionsBuilder().withLimit(PAGE).withContinue(token).build();
      PodList list;
      try {
        list = client.pods().inAnyNamespace().list(options);
      } catch (KubernetesClientException e) {
        throw new InventoryException(
            Reason.KUBERNETES_UNAVAILABLE,
            "listing pods of "
                + cluster
                + " at "
                + client.getMasterUrl()
                + " failed: "
                + message(e),
            e);
      }
      String query =
          "GET "
              + client.getMasterUrl()
              + "api/v1/pods?limit="
              + PAGE
              + (token == null ? "" : "&continue=" + token);
      raw.add(
          new RawEvidence(
              String.format("pods-page-%04d.json", page),
              client.getKubernetesSerialization().asJson(list).getBytes(StandardCharsets.UTF_8),
              "application/json",
              query));
      for (Pod pod : list.getItems()) {
        add(pod, cluster, source, images);
      }
      token = list.getMetadata() == null ? null : list.getMetadata().getContinue();
      if (token != null && token.isEmpty()) {
        token = null;
      }
    } while (token != null);
    return new Inventory(source, images, raw);
  }

  public static List<RawEvidence> webhookConfigurations(KubernetesClient client, String cluster) {
    ValidatingWebhookConfigurationList list;
    try {
      list = client.admissionRegistration().v1().validatingWebhookConfigurations().list();
    } catch (KubernetesClientException e) {
      throw new InventoryException(
          Reason.KUBERNETES_UNAVAILABLE,
          "listing ValidatingWebhookConfigurations of " + cluster + " failed: " + message(e),
          e);
    }
    return List.of(
        new RawEvidence(
            "validatingwebhookconfigurations-"
                + cluster.replaceAll("[^A-Za-z0-9._-]", "_")
                + ".json",
            client.getKubernetesSerialization().asJson(list).getBytes(StandardCharsets.UTF_8),
            "application/json",
            "GET "
                + client.getMasterUrl()
                + "apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations"));
  }

  static void add(Pod pod, String cluster, String source, List<RunningImage> out) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    // Finished pods no longer run anything; everything else (Pending, Running, Unknown) may.
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      return;
    }
    String namespace = pod.getMetadata() == null ? "" : pod.getMetadata().getNamespace();
    String name = pod.getMetadata() == null ? "" : pod.getMetadata().getName();
    OwnerReference owner = owner(pod);
    Optional<Instant> podStart =
        pod.getStatus() == null ? Optional.empty() : instant(pod.getStatus().getStartTime());
    Map<String, String> specImages = new LinkedHashMap<>();
    if (pod.getSpec() != null) {
      nonNull(pod.getSpec().getContainers())
          .forEach(c -> specImages.put("c/" + c.getName(), c.getImage()));
      nonNull(pod.getSpec().getInitContainers())
          .forEach(c -> specImages.put("i/" + c.getName(), c.getImage()));
      nonNull(pod.getSpec().getEphemeralContainers())
          .forEach(c -> specImages.put("e/" + c.getName(), c.getImage()));
    }
    List<String> reported = new ArrayList<>();
    if (pod.getStatus() != null) {
      List<StatusGroup> groups =
          List.of(
              new StatusGroup(pod.getStatus().getInitContainerStatuses(), ContainerType.INIT, "i/"),
              new StatusGroup(
                  pod.getStatus().getContainerStatuses(), ContainerType.CONTAINER, "c/"),
              new StatusGroup(
                  pod.getStatus().getEphemeralContainerStatuses(), ContainerType.EPHEMERAL, "e/"));
      for (StatusGroup g : groups) {
        statuses(
            g.statuses(),
            g.type(),
            g.prefix(),
            specImages,
            cluster,
            namespace,
            name,
            owner,
            podStart,
            source,
            out,
            reported);
      }
    }
    // Containers with no status yet (a pod still being scheduled) are listed from the spec: they
    // are about to run, and only a pinned spec image says at which digest.
    for (Map.Entry<String, String> e : specImages.entrySet()) {
      if (reported.contains(e.getKey()) || e.getValue() == null) {
        continue;
      }
      ContainerType type =
          e.getKey().startsWith("i/")
              ? ContainerType.INIT
              : e.getKey().startsWith("e/") ? ContainerType.EPHEMERAL : ContainerType.CONTAINER;
      out.add(
          new RunningImage(
              e.getValue(),
              ImageIds.digestReference(e.getValue(), ""),
              cluster,
              namespace,
              name,
              e.getKey().substring(2),
              type,
              owner == null ? "" : owner.getKind(),
              owner == null ? "" : owner.getName(),
              podStart,
              source));
    }
  }

  /** The statuses of one kind of container, and the prefix its spec images are keyed by. */
  private record StatusGroup(List<ContainerStatus> statuses, ContainerType type, String prefix) {}

  @SuppressWarnings("checkstyle:ParameterNumber")
  private static void statuses(
      List<ContainerStatus> statuses,
      ContainerType type,
      String prefix,
      Map<String, String> specImages,
      String cluster,
      String namespace,
      String pod,
      OwnerReference owner,
      Optional<Instant> podStart,
      String source,
      List<RunningImage> out,
      List<String> reported) {
    for (ContainerStatus s : nonNull(statuses)) {
      String key = prefix + s.getName();
      reported.add(key);
      String specImage = specImages.getOrDefault(key, s.getImage());
      String image = specImage == null ? s.getImage() : specImage;
      Optional<Instant> started = started(s.getState()).or(() -> podStart);
      out.add(
          new RunningImage(
              image == null ? "" : image,
              ImageIds.digestReference(image, s.getImageID()),
              cluster,
              namespace,
              pod,
              s.getName(),
              type,
              owner == null ? "" : owner.getKind(),
              owner == null ? "" : owner.getName(),
              started,
              source));
    }
  }

  private static OwnerReference owner(Pod pod) {
    if (pod.getMetadata() == null || pod.getMetadata().getOwnerReferences() == null) {
      return null;
    }
    List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
    return refs.stream()
        .filter(r -> Boolean.TRUE.equals(r.getController()))
        .findFirst()
        .orElse(refs.isEmpty() ? null : refs.get(0));
  }

  private static Optional<Instant> started(ContainerState state) {
    if (state == null) {
      return Optional.empty();
    }
    if (state.getRunning() != null) {
      return instant(state.getRunning().getStartedAt());
    }
    if (state.getTerminated() != null) {
      return instant(state.getTerminated().getStartedAt());
    }
    return Optional.empty();
  }

  private static Optional<Instant> instant(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String message(KubernetesClientException e) {
    return (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + e.getMessage();
  }
}
