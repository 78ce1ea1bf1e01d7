package dev.countersign.cli;

import dev.countersign.report.inventory.Inventory;
import dev.countersign.report.packet.PacketSettings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which running images a packet covers: inventory files, a Kubernetes cluster, ECR's images. */
final class InventoryOptions {
  @Option(
      names = "--inventory",
      paramLabel = "FILE",
      description = "Inventory file (YAML or JSON) of running images (repeatable).")
  List<Path> inventories = new ArrayList<>();

  @Option(
      names = "--kubernetes",
      description = "Read running pods from Kubernetes (kubeconfig or in-cluster).")
  boolean kubernetes;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "kubeconfig to use with --kubernetes.")
  Path kubeconfig;

  @Option(
      names = "--kube-context",
      paramLabel = "NAME",
      description = "kubeconfig context to use with --kubernetes.")
  String kubeContext;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description = "The cluster's name in the packet (default: the context's).")
  String cluster;

  @Option(names = "--inventory-from-ecr", description = "Also put every image ECR lists in scope.")
  boolean inventoryFromEcr;

  /**
   * Adds the inventories to {@code b}; with {@code --kubernetes} also the cluster's webhook
   * configurations, read with a client added to {@code closers}.
   */
  void addTo(PacketSettings.Builder b, List<AutoCloseable> closers) {
    for (Path p : inventories) {
      b.inventory(Inventory.fromFile(p));
    }
    if (kubernetes) {
      Config config =
          kubeconfig != null
              ? Config.fromKubeconfig(kubeContext, kubeconfig.toFile())
              : Config.autoConfigure(kubeContext);
      KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
      closers.add(client);
      String name =
          cluster != null
              ? cluster
              : Optional.ofNullable(config.getCurrentContext())
                  .map(c -> c.getName())
                  .orElse("kubernetes");
      b.inventory(Inventory.fromKubernetes(client, name));
      Inventory.webhookConfigurations(client, name).forEach(b::webhookConfiguration);
    }
    b.inventoryFromEcr(inventoryFromEcr);
  }
}
