package dev.countersign.report.inventory;

import dev.countersign.report.inventory.internal.InventoryFileReader;
import dev.countersign.report.inventory.internal.KubernetesPods;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What runs, by digest, and the raw answers it was read from.
 *
 * <pre>{@code
 * Inventory files = Inventory.fromFile(Path.of("running.yaml"));
 * Inventory pods = Inventory.fromKubernetes(client, "prod-east");
 * }</pre>
 *
 * @param source where it came from, for reports
 * @param images one entry per container (a digest running in three pods is three entries)
 * @param raw the source exactly as read (the file, or every page of the pod list with its query)
 */
public record Inventory(String source, List<RunningImage> images, List<RawEvidence> raw) {
  public Inventory {
    Objects.requireNonNull(source, "source");
    images = List.copyOf(images);
    raw = List.copyOf(raw);
  }

  /**
   * An inventory file, YAML or JSON:
   *
   * <pre>{@code
   * schema: countersign.dev/inventory/v1
   * cluster: prod-east                        # default for the items
   * items:
   *   - image: 123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/prod/api@sha256:...
   *     namespace: prod
   *     pod: api-7d4b9c-x1
   *     container: api
   *     containerType: container              # container | init | ephemeral
   *     owner: ReplicaSet/api-7d4b9c
   *     startedAt: 2025-09-01T08:00:00Z
   * }</pre>
   *
   * Only {@code image} is required, and it must be pinned by digest.
   *
   * @throws InventoryException naming the file and the field that is wrong
   */
  public static Inventory fromFile(Path file) {
    return InventoryFileReader.read(file);
  }

  /**
   * The containers of every pod of the cluster that is running or about to (phases Pending and
   * Running), with init and ephemeral containers, each at the digest its status reports ({@code
   * status.*ContainerStatuses[].imageID}). The pod list is read in pages of 500; each page is kept
   * as raw evidence with its query.
   *
   * @param cluster the name the packet gives the cluster
   * @throws InventoryException when the API cannot be reached or refuses the list
   */
  public static Inventory fromKubernetes(KubernetesClient client, String cluster) {
    return KubernetesPods.read(client, cluster);
  }

  /**
   * Every {@code ValidatingWebhookConfiguration} of the cluster, as the API returns them: the
   * evidence of how admission control is configured (failure policy, selectors, timeouts).
   *
   * @throws InventoryException when the API cannot be reached or refuses the list
   */
  public static List<RawEvidence> webhookConfigurations(KubernetesClient client, String cluster) {
    return KubernetesPods.webhookConfigurations(client, cluster);
  }
}
