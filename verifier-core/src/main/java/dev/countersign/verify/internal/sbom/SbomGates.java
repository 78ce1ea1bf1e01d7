package dev.countersign.verify.internal.sbom;

import dev.countersign.verify.sbom.Sbom;
import dev.countersign.verify.sbom.SbomFinding;
import dev.countersign.verify.sbom.SbomPolicy;
import dev.countersign.verify.sbom.SbomSubject;
import dev.countersign.verify.sbom.VexDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the gates a policy enables, in report order. */
public final class SbomGates {
  private SbomGates() {}

  public static List<SbomFinding> evaluate(
      Sbom sbom, SbomPolicy policy, SbomSubject subject, List<VexDocument> vex, Instant now) {
    List<SbomFinding> out = new ArrayList<>();
    out.add(format(sbom));
    if (policy.requireSubjectMatch()) {
      out.add(DocumentGates.subject(sbom, subject));
    }
    policy.maxAge().ifPresent(max -> out.add(DocumentGates.age(sbom, max, now)));
    if (!policy.deniedComponents().isEmpty()) {
      out.addAll(ComponentGates.deniedComponents(sbom, policy.deniedComponents()));
    }
    if (!policy.deniedLicenses().isEmpty()) {
      out.addAll(ComponentGates.deniedLicenses(sbom, policy.deniedLicenses()));
    }
    policy
        .failOnSeverity()
        .ifPresent(
            t ->
                out.addAll(
                    VulnerabilityGate.evaluate(sbom, t, new VexDecisions(sbom, subject, vex))));
    return out;
  }

  private static SbomFinding format(Sbom sbom) {
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("format", sbom.format().label(sbom.specVersion()));
    sbom.serialNumber().ifPresent(s -> evidence.put("serialNumber", s));
    sbom.timestamp().ifPresent(t -> evidence.put("timestamp", t.toString()));
    evidence.put("components", String.valueOf(sbom.components().size()));
    sbom.metadataComponent().ifPresent(m -> evidence.put("metadataComponent", m.describe()));
    return SbomFinding.pass(SbomFinding.FORMAT, sbom.summary().describe(), evidence);
  }
}
