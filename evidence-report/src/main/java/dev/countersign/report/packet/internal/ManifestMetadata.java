package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.report.cmmc.CmmcCatalog;
import dev.countersign.report.packet.GapKind;
import dev.countersign.report.packet.PacketSettings;
import dev.countersign.verify.policy.PolicySet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The manifest's metadata: the tool and its version, when and for whom the packet was made, the
 * window, the CMMC catalog, policy and trust root revisions, the inputs, and the counts of images
 * and gaps. It is signed with the file list, so these statements are as sealed as the files.
 */
public final class ManifestMetadata {
  private ManifestMetadata() {}

  /**
   * @param inputs what the packet was built from, as {@link PacketInputs} describes it
   */
  public static ObjectNode describe(
      PacketSettings settings,
      CmmcCatalog catalog,
      ObjectNode inputs,
      Instant generated,
      PolicySet policies,
      List<ImageRow> rows,
      Map<GapKind, Long> gapCounts) {
    ObjectNode m = PacketJson.object();
    m.putObject("tool").put("name", "countersign").put("version", settings.toolVersion());
    m.put("generated", generated.toString());
    m.put("organization", settings.organization());
    m.putObject("window")
        .put("start", settings.window().start().toString())
        .put("end", settings.window().end().toString());
    m.putObject("catalog").put("id", catalog.id()).put("revision", catalog.revision());
    m.put("policyRevision", policies.revision());
    ArrayNode roots = m.putArray("trustRoots");
    settings
        .trustRoots()
        .forEach(r -> roots.addObject().put("name", r.name()).put("revision", r.revision()));
    m.set("inputs", inputs);
    ObjectNode counts = m.putObject("counts");
    counts.put("images", rows.size());
    counts.put("runningImages", rows.stream().filter(ImageRow::isRunning).count());
    ObjectNode g = counts.putObject("gaps");
    gapCounts.forEach((k, v) -> g.put(k.name(), v));
    return m;
  }
}
