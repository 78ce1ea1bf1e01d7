package dev.countersign.report.packet.internal;

import dev.countersign.verify.policy.AttestationRequirement;
import dev.countersign.verify.policy.ImagePolicy;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.policy.PolicySet;
import dev.countersign.verify.policy.PolicyVerdict;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the facts of a {@link PolicyDecision} from its checks. Checks about an attestation have
 * targets starting {@code attestations.<requirement> }; the others are about the signature. The
 * requirement's kind comes from the predicate type the policy names for it.
 */
public final class DecisionFacts {
  private static final Set<String> SIGNER_KEYS =
      Set.of(
          "certificate.san",
          "certificate.issuer",
          "certificate.sourceRepositoryURI",
          "certificate.sourceRepositoryRef",
          "certificate.sourceRepositoryDigest",
          "certificate.githubWorkflowRepository",
          "certificate.githubWorkflowRef",
          "certificate.runnerEnvironment",
          "certificate.buildSignerURI",
          "tlog.integratedTime",
          "tlog.logIndex",
          "signingTime",
          "key.id");
  private static final Set<String> PROVENANCE_KEYS =
      Set.of("builder.id", "source.uri", "source.ref", "source.digest", "slsa.level", "build.type");
  private static final Set<String> SBOM_KEYS =
      Set.of("format", "components", "listed", "mitigated", "vulnerability", "denied");

  /** policy name → requirement name → predicate type. */
  private final Map<String, Map<String, String>> requirements = new HashMap<>();

  public DecisionFacts(PolicySet policies) {
    for (ImagePolicy p : policies.policies()) {
      Map<String, String> byName = new HashMap<>();
      for (AttestationRequirement r : p.attestations()) {
        byName.put(r.name(), r.predicateType());
      }
      requirements.put(p.name(), byName);
    }
  }

  /** The kind of an attestation predicate type: provenance, sbom, vex or other. */
  public static String kindOf(String predicateType) {
    String t = predicateType.toLowerCase(java.util.Locale.ROOT);
    if (t.contains("slsa.dev/provenance") || t.contains("in-toto.io/provenance")) {
      return "provenance";
    }
    if (t.contains("cyclonedx") || t.contains("spdx")) {
      return "sbom";
    }
    if (t.contains("openvex") || t.contains("vex")) {
      return "vex";
    }
    return "other";
  }

  public ImageFacts facts(PolicyDecision d, String decisionFile, int evidenceItems) {
    boolean evaluated = true;
    List<String> policyNames = new ArrayList<>();
    Map<String, String> signerFacts = new LinkedHashMap<>();
    String signatureStatus = "NONE";
    String signatureReason = "";
    Map<String, String[]> attestationStatus = new LinkedHashMap<>();
    Map<String, Map<String, String>> attestationFacts = new LinkedHashMap<>();
    for (PolicyVerdict v : d.verdicts()) {
      if (v.verdict().outcome() == Outcome.ERROR) {
        evaluated = false;
      }
      if (!v.policy().isEmpty()) {
        policyNames.add(v.policy());
      }
      Map<String, String> reqs = requirements.getOrDefault(v.policy(), Map.of());
      for (CheckResult c : v.verdict().checks()) {
        String target = c.target();
        if (target.startsWith("attestations.")) {
          String name = target.substring("attestations.".length()).split(" ", 2)[0];
          String type = reqs.getOrDefault(name, c.evidence().getOrDefault("predicateType", ""));
          String kind = kindOf(type);
          Map<String, String> f =
              attestationFacts.computeIfAbsent(kind, k -> new LinkedHashMap<>());
          f.putIfAbsent("predicateType", type);
          f.putIfAbsent("requirement", name);
          for (Map.Entry<String, String> e : c.evidence().entrySet()) {
            if (PROVENANCE_KEYS.contains(e.getKey()) || SBOM_KEYS.contains(e.getKey())) {
              f.putIfAbsent(e.getKey(), e.getValue());
            } else if (e.getKey().equals("certificate.san")) {
              f.putIfAbsent("signer", e.getValue());
            }
          }
          if (c.check() == CheckId.ATTESTATION) {
            merge(attestationStatus, kind, c);
          } else if (!attestationStatus.containsKey(kind) && c.status().name().equals("FAIL")) {
            attestationStatus.put(kind, new String[] {"FAIL", c.reason().name()});
          }
        } else {
          for (Map.Entry<String, String> e : c.evidence().entrySet()) {
            if (SIGNER_KEYS.contains(e.getKey())) {
              signerFacts.putIfAbsent(e.getKey(), e.getValue());
            }
          }
          if (c.check() == CheckId.IMAGE_SIGNATURE) {
            String[] merged = worse(new String[] {signatureStatus, signatureReason}, c);
            signatureStatus = merged[0];
            signatureReason = merged[1];
          }
        }
      }
      if (!v.passed() && signatureStatus.equals("NONE")) {
        // No signature summary: evaluation stopped earlier (no signature found, registry error).
        v.verdict()
            .decisive()
            .filter(c -> !c.target().startsWith("attestations."))
            .ifPresent(c -> signerFacts.putIfAbsent("stoppedAt", c.check().id()));
      }
    }
    if (signatureStatus.equals("NONE")) {
      for (PolicyVerdict v : d.verdicts()) {
        if (!v.passed()) {
          signatureStatus = v.verdict().outcome().name();
          signatureReason = v.verdict().reason().name();
          break;
        }
      }
    }
    Map<String, ImageFacts.Part> attestations = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> e : attestationFacts.entrySet()) {
      String[] s = attestationStatus.getOrDefault(e.getKey(), new String[] {"NONE", ""});
      attestations.put(e.getKey(), new ImageFacts.Part(s[0], s[1], e.getValue()));
    }
    // Requirements a policy names that left no check at all (evaluation stopped before them).
    for (PolicyVerdict v : d.verdicts()) {
      for (Map.Entry<String, String> r :
          requirements.getOrDefault(v.policy(), Map.of()).entrySet()) {
        String kind = kindOf(r.getValue());
        attestations.putIfAbsent(
            kind,
            new ImageFacts.Part(
                "NOT_EVALUATED",
                v.verdict().reason().name(),
                Map.of("predicateType", r.getValue(), "requirement", r.getKey())));
      }
    }
    return new ImageFacts(
        d.image(),
        d.digest(),
        d.decision().name(),
        d.reason().name(),
        d.policyRevision(),
        evaluated,
        d.policyMatched() && d.verdicts().stream().allMatch(PolicyVerdict::passed),
        policyNames,
        new ImageFacts.Part(signatureStatus, signatureReason, signerFacts),
        attestations,
        decisionFile,
        evidenceItems,
        d.messages());
  }

  private static void merge(Map<String, String[]> status, String kind, CheckResult c) {
    status.put(kind, worse(status.getOrDefault(kind, new String[] {"NONE", ""}), c));
  }

  /** The worse of a status so far and a check: ERROR over FAIL over PASS over NONE. */
  private static String[] worse(String[] current, CheckResult c) {
    List<String> order = List.of("NONE", "SKIPPED", "PASS", "FAIL", "ERROR");
    String s = c.status().name();
    if (order.indexOf(s) > order.indexOf(current[0])) {
      return new String[] {s, c.reason().name()};
    }
    return current;
  }
}
