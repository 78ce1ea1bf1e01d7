package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.report.aws.CloudTrailEvents;
import dev.countersign.report.aws.TrailLocation;
import dev.countersign.report.inventory.Inventory;
import dev.countersign.report.inventory.RawEvidence;
import dev.countersign.report.packet.PacketSettings;
import dev.countersign.verify.policy.PolicySet;

/**
 * What the packet was built from: window, inventories, policies and trust roots, evidence sources,
 * decision logs, ECR and CloudTrail sources, CI principal patterns and the command line. Written to
 * {@value #FILE} and embedded in the manifest metadata, so a packet says how to rebuild it.
 */
public final class PacketInputs {
  public static final String FILE = "evidence/inputs.json";

  private PacketInputs() {}

  public static ObjectNode describe(PacketSettings settings, PolicySet policies) {
    ObjectNode n = PacketJson.object();
    n.put("organization", settings.organization());
    n.put("windowStart", settings.window().start().toString());
    n.put("windowEnd", settings.window().end().toString());
    ArrayNode inv = n.putArray("inventories");
    for (Inventory i : settings.inventories()) {
      inv.addObject().put("source", i.source()).put("entries", i.images().size());
    }
    n.put("inventoryFromEcr", settings.inventoryFromEcr());
    n.put("policies", settings.policies().getFileName().toString());
    n.put("policyRevision", policies.revision());
    ArrayNode roots = n.putArray("trustRoots");
    settings
        .trustRoots()
        .forEach(r -> roots.addObject().put("name", r.name()).put("revision", r.revision()));
    n.put("noPolicyMatch", settings.noMatch().name());
    n.put("evidenceSource", settings.evidenceSourceDescription());
    n.set(
        "decisionLogs",
        PacketJson.strings(
            settings.decisionLogs().stream().map(p -> p.getFileName().toString()).toList()));
    n.put("decisionLogKeys", settings.decisionLogKeys().size());
    n.put("maxAdmissionSilence", settings.maxAdmissionSilence().toString());
    n.set(
        "webhookConfigurations",
        PacketJson.strings(
            settings.webhookConfigurations().stream().map(RawEvidence::name).toList()));
    n.put(
        "ecr",
        settings
            .ecr()
            .map(
                e ->
                    e.snapshot()
                        .map(p -> "snapshot " + p.getFileName())
                        .orElseGet(() -> "live " + e.live().get().region()))
            .orElse(""));
    ArrayNode ct = n.putArray("cloudTrail");
    settings
        .cloudTrail()
        .ifPresent(
            c -> {
              for (CloudTrailEvents s : c.sources()) {
                ct.add(s.toString());
              }
              for (TrailLocation t : c.trails()) {
                ct.add("integrity: " + t.describe());
              }
            });
    n.set("ciPrincipals", PacketJson.strings(settings.ciPrincipals()));
    n.put("findingsSla", settings.findingsSla().toString());
    n.put("rev3Informative", settings.rev3Informative());
    n.set("invocation", PacketJson.strings(settings.invocation()));
    return n;
  }
}
