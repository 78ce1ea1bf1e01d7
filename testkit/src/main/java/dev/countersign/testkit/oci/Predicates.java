package dev.countersign.testkit.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Json;
import java.util.List;

/**
 * Small, realistic in-toto predicates for image attestations: SLSA provenance (v1 as GitHub writes
 * it, v0.2 as older builders do), a CycloneDX SBOM and cosign's vulnerability scan.
 */
public final class Predicates {
  /** SLSA provenance v1. */
  public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";

  /** SLSA provenance v0.2. */
  public static final String SLSA_PROVENANCE_V02 = "https://slsa.dev/provenance/v0.2";

  /** CycloneDX SBOM ({@code cosign attest --type cyclonedx}). */
  public static final String CYCLONEDX = "https://cyclonedx.org/bom";

  /** cosign's vulnerability scan predicate ({@code --type vuln}). */
  public static final String COSIGN_VULN = "https://cosign.sigstore.dev/attestation/vuln/v1";

  /** The build type GitHub Actions provenance declares. */
  public static final String GITHUB_ACTIONS_BUILD_TYPE =
      "https://actions.github.io/buildtypes/workflow/v1";

  private Predicates() {}

  /**
   * SLSA v1 provenance as GitHub's {@code attest-build-provenance} writes it for a workflow run of
   * {@code repository} (owner/name) at {@code ref} and commit {@code sha}.
   */
  public static ObjectNode slsaProvenanceV1(
      String builderId, String repository, String workflowPath, String ref, String sha) {
    ObjectNode predicate = Json.object();
    ObjectNode definition = predicate.putObject("buildDefinition");
    definition.put("buildType", GITHUB_ACTIONS_BUILD_TYPE);
    ObjectNode workflow = definition.putObject("externalParameters").putObject("workflow");
    workflow.put("ref", ref);
    workflow.put("repository", "https://github.com/" + repository);
    workflow.put("path", workflowPath);
    ObjectNode github = definition.putObject("internalParameters").putObject("github");
    github.put("event_name", "push");
    github.put("runner_environment", "github-hosted");
    ObjectNode dependency = definition.putArray("resolvedDependencies").addObject();
    dependency.put("uri", "git+https://github.com/" + repository + "@" + ref);
    dependency.putObject("digest").put("gitCommit", sha);
    ObjectNode run = predicate.putObject("runDetails");
    run.putObject("builder").put("id", builderId);
    run.putObject("metadata")
        .put("invocationId", "https://github.com/" + repository + "/actions/runs/1/attempts/1");
    return predicate;
  }

  /** SLSA v0.2 provenance naming the builder and the source it built from. */
  public static ObjectNode slsaProvenanceV02(String builderId, String sourceUri, String sha) {
    ObjectNode predicate = Json.object();
    predicate.putObject("builder").put("id", builderId);
    predicate.put(
        "buildType", "https://github.com/slsa-framework/slsa-github-generator/generic@v1");
    ObjectNode configSource = predicate.putObject("invocation").putObject("configSource");
    configSource.put("uri", sourceUri);
    configSource.putObject("digest").put("sha1", sha);
    configSource.put("entryPoint", ".github/workflows/release.yml");
    ObjectNode material = predicate.putArray("materials").addObject();
    material.put("uri", sourceUri);
    material.putObject("digest").put("sha1", sha);
    return predicate;
  }

  /** A CycloneDX 1.5 SBOM listing one library component per package URL. */
  public static ObjectNode cycloneDx(List<String> purls) {
    ObjectNode bom = Json.object();
    bom.put("bomFormat", "CycloneDX");
    bom.put("specVersion", "1.5");
    bom.put("version", 1);
    ArrayNode components = bom.putArray("components");
    for (String purl : purls) {
      String nameVersion = purl.substring(purl.lastIndexOf('/') + 1);
      int at = nameVersion.indexOf('@');
      ObjectNode component = components.addObject();
      component.put("type", "library");
      component.put("name", at < 0 ? nameVersion : nameVersion.substring(0, at));
      if (at >= 0) {
        component.put("version", nameVersion.substring(at + 1));
      }
      component.put("purl", purl);
    }
    return bom;
  }

  /** cosign's vulnerability predicate: a scanner and the CVE IDs it found. */
  public static ObjectNode cosignVuln(String scannerUri, List<String> cves) {
    ObjectNode predicate = Json.object();
    predicate.putObject("invocation").put("uri", "https://ci.countersign.test/run/1");
    ObjectNode scanner = predicate.putObject("scanner");
    scanner.put("uri", scannerUri);
    scanner.put("version", "0.1.0");
    ArrayNode results = scanner.putObject("result").putArray("Vulnerabilities");
    cves.forEach(id -> results.addObject().put("VulnerabilityID", id));
    ObjectNode metadata = predicate.putObject("metadata");
    metadata.put("scanStartedOn", "2025-01-01T00:00:00Z");
    metadata.put("scanFinishedOn", "2025-01-01T00:01:00Z");
    return predicate;
  }
}
