package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.report.inventory.Inventory;
import dev.countersign.report.inventory.RawEvidence;
import dev.countersign.report.inventory.RunningImage;
import dev.countersign.report.packet.Gap;
import dev.countersign.report.packet.GapKind;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory: every running container normalised to one JSON line, every raw source (inventory
 * file, Kubernetes pod list page) kept with its SHA-256 and query, and the digest references in
 * scope. A container whose runtime reported no registry digest is a gap, not a guess.
 */
public final class InventoryStage {
  public static final String DIR = "evidence/inventory";
  public static final String RUNNING = DIR + "/running.jsonl";
  public static final String SOURCES = DIR + "/sources";
  public static final String QUERIES = SOURCES + "/queries.jsonl";

  private final PacketFiles files;
  private final GapLog gaps;

  public InventoryStage(PacketFiles files, GapLog gaps) {
    this.files = files;
    this.gaps = gaps;
  }

  /**
   * @return per digest reference, the containers running it, in the order the inventories listed
   *     them; modifiable, so images from other sources can join the scope
   */
  public Map<String, List<RunningImage>> run(List<Inventory> inventories) throws IOException {
    Map<String, List<RunningImage>> inScope = new LinkedHashMap<>();
    int n = 0;
    try (JsonLinesFile running = JsonLinesFile.create(files, RUNNING);
        JsonLinesFile queries = JsonLinesFile.create(files, QUERIES)) {
      for (Inventory inventory : inventories) {
        n++;
        for (RawEvidence raw : inventory.raw()) {
          String path =
              SOURCES
                  + "/"
                  + n
                  + "-"
                  + Names.segment(inventory.source())
                  + "/"
                  + Names.path(raw.name());
          files.write(path, raw.content());
          ObjectNode q = PacketJson.object();
          q.put("file", path);
          q.put("sha256", Hashes.of(raw.content()));
          q.put("source", inventory.source());
          q.put("query", raw.query());
          queries.write(q);
        }
        for (RunningImage r : inventory.images()) {
          running.write(entry(r));
          if (r.digestReference().isEmpty()) {
            gaps.add(
                Gap.of(
                    GapKind.DIGEST_UNRESOLVED,
                    r.place().isEmpty() ? r.image() : r.place(),
                    "runs "
                        + r.image()
                        + " but the runtime reported no registry digest for it: what runs cannot be"
                        + " verified"));
            continue;
          }
          inScope.computeIfAbsent(r.digestReference().get(), k -> new ArrayList<>()).add(r);
        }
      }
    }
    files
        .registry()
        .add(
            RUNNING,
            "application/x-ndjson",
            "Every running container of the inventory: image as written, the digest it runs, cluster,"
                + " namespace, pod, container, owner and start time.",
            "",
            "inventory.running");
    files
        .registry()
        .add(
            QUERIES,
            "application/x-ndjson",
            "The inventory's sources as read (inventory files, Kubernetes pod list pages), each with"
                + " its SHA-256 and the query that produced it.",
            "",
            "inventory.running");
    return inScope;
  }

  /**
   * Brings every image ECR holds into scope that no inventory named, as an image not known to run
   * whose source is its repository: what is stored is assessed too, not only what runs.
   */
  public static void addEcrImages(Map<String, List<RunningImage>> inScope, EcrFacts ecr) {
    for (EcrFacts.Image i : ecr.images().values()) {
      if (inScope.containsKey(i.reference())) {
        continue;
      }
      inScope
          .computeIfAbsent(i.reference(), k -> new ArrayList<>())
          .add(
              new RunningImage(
                  i.reference(),
                  Optional.of(i.reference()),
                  "",
                  "",
                  "",
                  "",
                  null,
                  "",
                  "",
                  Optional.empty(),
                  "ecr:" + i.image().repositoryName()));
    }
  }

  private static ObjectNode entry(RunningImage r) {
    ObjectNode o = PacketJson.object();
    o.put("image", r.image());
    o.put("digestReference", r.digestReference().orElse(""));
    putPlacement(o, r);
    return o;
  }

  /** Where an image runs (or was listed), as every packet file that names a container says it. */
  static void putPlacement(ObjectNode o, RunningImage r) {
    o.put("cluster", r.cluster());
    o.put("namespace", r.namespace());
    o.put("pod", r.pod());
    o.put("container", r.container());
    o.put("containerType", r.containerType().key());
    o.put("owner", r.ownerKind().isEmpty() ? "" : r.ownerKind() + "/" + r.ownerName());
    o.put("startedAt", r.startedAt().map(Instant::toString).orElse(""));
    o.put("source", r.source());
  }
}
