package dev.countersign.report.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.countersign.report.inventory.internal.ImageIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inventory file format and the digests runtimes report. */
class InventoryFileTest {
  static final String DIGEST =
      "sha256:6d7e566ea4cb6ce3577ef26306834e1d3f63af63d83f8266208ee8ec64a88fb1";
  static final String IMAGE = "registry.example:5000/team/app@" + DIGEST;

  @TempDir Path tmp;

  Path file(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void yamlAndJsonReadTheSame() throws IOException {
    Inventory yaml =
        Inventory.fromFile(
            file(
                "running.yaml",
                "schema: countersign.dev/inventory/v1\n"
                    + "cluster: prod-east\n"
                    + "items:\n"
                    + "  - image: "
                    + IMAGE
                    + "\n"
                    + "    namespace: prod\n"
                    + "    pod: app-0\n"
                    + "    container: app\n"
                    + "    containerType: init\n"
                    + "    owner: StatefulSet/app\n"
                    + "    startedAt: 2025-09-01T08:00:00Z\n"
                    + "  - image: "
                    + IMAGE
                    + "\n"));
    Inventory json =
        Inventory.fromFile(
            file(
                "running.json",
                "{\"schema\":\"countersign.dev/inventory/v1\",\"cluster\":\"prod-east\",\"items\":["
                    + "{\"image\":\""
                    + IMAGE
                    + "\",\"namespace\":\"prod\",\"pod\":\"app-0\",\"container\":\"app\","
                    + "\"containerType\":\"init\",\"owner\":\"StatefulSet/app\","
                    + "\"startedAt\":\"2025-09-01T08:00:00Z\"},{\"image\":\""
                    + IMAGE
                    + "\"}]}"));
    for (Inventory i : new Inventory[] {yaml, json}) {
      assertThat(i.images()).hasSize(2);
      RunningImage first = i.images().get(0);
      assertThat(first.digestReference()).contains(IMAGE);
      assertThat(first.place()).isEqualTo("prod-east/prod/app-0/app");
      assertThat(first.containerType()).isEqualTo(ContainerType.INIT);
      assertThat(first.ownerKind()).isEqualTo("StatefulSet");
      assertThat(first.startedAt()).contains(Instant.parse("2025-09-01T08:00:00Z"));
      assertThat(first.running()).isTrue();
      RunningImage second = i.images().get(1);
      assertThat(second.cluster()).isEqualTo("prod-east");
      assertThat(second.containerType()).isEqualTo(ContainerType.CONTAINER);
      assertThat(second.running()).isFalse();
      assertThat(i.raw()).hasSize(1);
    }
    assertThat(yaml.raw().get(0).mediaType()).isEqualTo("application/yaml");
    assertThat(json.raw().get(0).mediaType()).isEqualTo("application/json");
  }

  @Test
  void everyProblemHasAStableReasonAndNamesTheField() throws IOException {
    String head = "schema: countersign.dev/inventory/v1\nitems:\n";
    expect(
        file("a.yaml", head + "  - image: " + IMAGE + "\n    node: n1\n"),
        InventoryException.Reason.INVENTORY_INVALID,
        "items[0].node is not a field");
    expect(
        file("b.yaml", "schema: other/v9\nitems: []\n"),
        InventoryException.Reason.INVENTORY_INVALID,
        "schema must be countersign.dev/inventory/v1");
    expect(
        file("c.yaml", head + "  - image: registry.example/app:1.0\n"),
        InventoryException.Reason.INVENTORY_NOT_PINNED,
        "items[0].image");
    expect(
        file("d.yaml", "schema: countersign.dev/inventory/v1\nitems: []\n"),
        InventoryException.Reason.INVENTORY_EMPTY,
        "items is empty");
    expect(
        file("e.yaml", head + "  - image: " + IMAGE + "\n    owner: ReplicaSet\n"),
        InventoryException.Reason.INVENTORY_INVALID,
        "items[0].owner must be Kind/name");
    expect(
        file("f.yaml", head + "  - image: " + IMAGE + "\n    startedAt: yesterday\n"),
        InventoryException.Reason.INVENTORY_INVALID,
        "items[0].startedAt");
    expect(
        file("g.yaml", head + "  - image: " + IMAGE + "\n    containerType: sidecar\n"),
        InventoryException.Reason.INVENTORY_INVALID,
        "container, init or ephemeral");
    expect(
        file("h.yaml", "items: [unclosed\n"),
        InventoryException.Reason.INVENTORY_INVALID,
        "neither YAML nor JSON");
    expect(
        tmp.resolve("missing.yaml"),
        InventoryException.Reason.INVENTORY_UNREADABLE,
        "missing.yaml");
  }

  static void expect(Path file, InventoryException.Reason reason, String message) {
    InventoryException e =
        catchThrowableOfType(InventoryException.class, () -> Inventory.fromFile(file));
    assertThat(e).as(file.toString()).isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    assertThat(e.getMessage()).contains(file.getFileName().toString()).contains(message);
  }

  @Test
  void theDigestARuntimeReportsIsReadInEachSpelling() {
    String spec = "registry.example/team/app:1.0";
    String pinned = "registry.example/team/app@" + DIGEST;
    // dockershim
    assertThat(ImageIds.digestReference(spec, "docker-pullable://" + pinned)).contains(pinned);
    // containerd and CRI-O
    assertThat(ImageIds.digestReference(spec, pinned)).contains(pinned);
    // a short name is canonical: docker.io/library/...
    assertThat(ImageIds.digestReference("nginx:1", "nginx@" + DIGEST))
        .contains("docker.io/library/nginx@" + DIGEST);
    // a bare sha256 is the local image id, not a registry digest: never taken for one
    String local = "sha256:" + "1".repeat(64);
    assertThat(ImageIds.digestReference(spec, local)).isEqualTo(Optional.empty());
    assertThat(ImageIds.digestReference(pinned, local)).contains(pinned);
    // not started yet
    assertThat(ImageIds.digestReference(spec, "")).isEmpty();
    assertThat(ImageIds.digestReference(pinned, null)).contains(pinned);
  }
}
