package dev.countersign.verify.slsa;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * SLSA provenance v1 ({@value #PREDICATE_TYPE}). JSON-valued fields are copies; a field the
 * predicate lacks is empty (strings, maps, lists) or a missing node (JSON values).
 *
 * @param buildType {@code buildDefinition.buildType}
 * @param externalParameters {@code buildDefinition.externalParameters}
 * @param internalParameters {@code buildDefinition.internalParameters}
 * @param resolvedDependencies {@code buildDefinition.resolvedDependencies}
 * @param builderId {@code runDetails.builder.id}
 * @param builderVersion {@code runDetails.builder.version}
 * @param builderDependencies {@code runDetails.builder.builderDependencies}
 * @param invocationId {@code runDetails.metadata.invocationId}
 * @param startedOn {@code runDetails.metadata.startedOn}, as written
 * @param finishedOn {@code runDetails.metadata.finishedOn}, as written
 * @param byproducts {@code runDetails.byproducts}
 */
public record ProvenanceV1(
    String buildType,
    JsonNode externalParameters,
    JsonNode internalParameters,
    List<ResourceDescriptor> resolvedDependencies,
    String builderId,
    Map<String, String> builderVersion,
    List<ResourceDescriptor> builderDependencies,
    String invocationId,
    String startedOn,
    String finishedOn,
    List<ResourceDescriptor> byproducts)
    implements SlsaPredicate {
  public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";

  /** GitHub's build type for a top-level Actions workflow (actions/attest-build-provenance). */
  public static final String GITHUB_WORKFLOW_BUILD_TYPE =
      "https://actions.github.io/buildtypes/workflow/v1";

  public ProvenanceV1 {
    builderId = builderId == null ? "" : builderId;
    buildType = buildType == null ? "" : buildType;
    externalParameters = externalParameters.deepCopy();
    internalParameters = internalParameters.deepCopy();
    resolvedDependencies = List.copyOf(resolvedDependencies);
    builderVersion = Map.copyOf(builderVersion);
    builderDependencies = List.copyOf(builderDependencies);
    invocationId = invocationId == null ? "" : invocationId;
    startedOn = startedOn == null ? "" : startedOn;
    finishedOn = finishedOn == null ? "" : finishedOn;
    byproducts = List.copyOf(byproducts);
  }

  @Override
  public String predicateType() {
    return PREDICATE_TYPE;
  }

  @Override
  public JsonNode externalParameters() {
    return externalParameters.deepCopy();
  }

  @Override
  public JsonNode internalParameters() {
    return internalParameters.deepCopy();
  }
}
