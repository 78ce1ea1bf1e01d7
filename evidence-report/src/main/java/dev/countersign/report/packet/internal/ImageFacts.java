package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What the policy decision established about one image, flattened for correlation and reports.
 * Every value comes from a check's evidence (certificate SAN, builder id, ...), so only verified
 * facts appear; a fact a failing check saw is shown with that check's status.
 *
 * @param reference the digest reference evaluated
 * @param decision ALLOW, ALLOW_WITH_WARNINGS or DENY
 * @param reason the decision's reason code
 * @param evaluated false when any verdict was ERROR (could not evaluate)
 * @param verdictsPassed a policy applied and every applicable policy's verdict is PASS (an audit or
 *     warn mode failure lets an image in, but its verdict did not pass)
 * @param policies the policies that applied (empty when none matched)
 * @param signature the signature requirement: status and facts
 * @param attestations per attestation requirement kind ({@code provenance}, {@code sbom}, {@code
 *     vex}, {@code other}): status and facts
 * @param decisionFile the decision's path in the packet
 * @param evidenceItems raw evidence items found beside the image
 */
public record ImageFacts(
    String reference,
    String digest,
    String decision,
    String reason,
    String policyRevision,
    boolean evaluated,
    boolean verdictsPassed,
    List<String> policies,
    Part signature,
    Map<String, Part> attestations,
    String decisionFile,
    int evidenceItems,
    List<String> messages) {

  /** One requirement: its outcome and the facts its checks established. */
  public record Part(String status, String reason, Map<String, String> facts) {
    public Part {
      facts = Ordered.copyOf(facts);
    }

    public static Part none() {
      return new Part("NONE", "", Map.of());
    }

    public String fact(String key) {
      return facts.getOrDefault(key, "");
    }
  }

  public ImageFacts {
    policies = List.copyOf(policies);
    attestations = Ordered.copyOf(attestations);
    messages = List.copyOf(messages);
  }

  /** The image has a passing verdict: ALLOW with every applicable policy passed. */
  public boolean passed() {
    return decision.equals("ALLOW") && verdictsPassed;
  }

  public Part attestation(String kind) {
    return attestations.getOrDefault(kind, Part.none());
  }

  public ObjectNode toJson() {
    ObjectNode n = PacketJson.object();
    n.put("reference", reference);
    n.put("digest", digest);
    n.put("decision", decision);
    n.put("reason", reason);
    n.put("policyRevision", policyRevision);
    n.put("evaluated", evaluated);
    n.put("verdictsPassed", verdictsPassed);
    n.set("policies", PacketJson.strings(policies));
    n.set("signature", part(signature));
    ObjectNode a = n.putObject("attestations");
    attestations.keySet().stream().sorted().forEach(k -> a.set(k, part(attestations.get(k))));
    n.put("decisionFile", decisionFile);
    n.put("evidenceItems", evidenceItems);
    n.set("messages", PacketJson.strings(messages));
    return n;
  }

  private static ObjectNode part(Part p) {
    ObjectNode n = PacketJson.object();
    n.put("status", p.status());
    n.put("reason", p.reason());
    ObjectNode f = n.putObject("facts");
    p.facts().keySet().stream().sorted().forEach(k -> f.put(k, p.facts().get(k)));
    return n;
  }
}
