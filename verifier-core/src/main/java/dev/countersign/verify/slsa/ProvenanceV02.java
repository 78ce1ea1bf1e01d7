package dev.countersign.verify.slsa;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * SLSA provenance v0.2 ({@value #PREDICATE_TYPE}). JSON-valued fields are copies; a field the
 * predicate lacks is empty (strings), a missing node (JSON values) or an empty list.
 *
 * @param builderId {@code builder.id}
 * @param buildType {@code buildType}
 * @param configSource {@code invocation.configSource}
 * @param parameters {@code invocation.parameters}
 * @param environment {@code invocation.environment} (GitHub builders record {@code github_*} or
 *     {@code GITHUB_*} context values here)
 * @param buildConfig {@code buildConfig}
 * @param metadata {@code metadata}
 * @param materials {@code materials}
 */
public record ProvenanceV02(
    String builderId,
    String buildType,
    ConfigSource configSource,
    JsonNode parameters,
    JsonNode environment,
    JsonNode buildConfig,
    Metadata metadata,
    List<ResourceDescriptor> materials)
    implements SlsaPredicate {
  public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v0.2";

  public ProvenanceV02 {
    builderId = builderId == null ? "" : builderId;
    buildType = buildType == null ? "" : buildType;
    parameters = parameters.deepCopy();
    environment = environment.deepCopy();
    buildConfig = buildConfig.deepCopy();
    materials = List.copyOf(materials);
  }

  @Override
  public String predicateType() {
    return PREDICATE_TYPE;
  }

  @Override
  public JsonNode parameters() {
    return parameters.deepCopy();
  }

  @Override
  public JsonNode environment() {
    return environment.deepCopy();
  }

  @Override
  public JsonNode buildConfig() {
    return buildConfig.deepCopy();
  }

  /**
   * {@code invocation.configSource}: the top-level build configuration, for GitHub builders the
   * triggering repository and ref.
   *
   * @param uri e.g. {@code git+https://github.com/acme/app@refs/heads/main}; empty when absent
   * @param digest e.g. {@code sha1} to commit
   * @param entryPoint e.g. the workflow path; empty when absent
   */
  public record ConfigSource(String uri, Map<String, String> digest, String entryPoint) {
    public ConfigSource {
      uri = uri == null ? "" : uri;
      digest = Map.copyOf(digest);
      entryPoint = entryPoint == null ? "" : entryPoint;
    }
  }

  /**
   * {@code metadata}. Timestamps are kept as written.
   *
   * @param buildInvocationId {@code buildInvocationId} (or {@code buildInvocationID}, as some
   *     builders write it)
   * @param buildStartedOn {@code buildStartedOn}, empty when absent
   * @param buildFinishedOn {@code buildFinishedOn}, empty when absent
   * @param completeParameters {@code completeness.parameters}
   * @param completeEnvironment {@code completeness.environment}
   * @param completeMaterials {@code completeness.materials}
   * @param reproducible {@code reproducible}
   */
  public record Metadata(
      String buildInvocationId,
      String buildStartedOn,
      String buildFinishedOn,
      boolean completeParameters,
      boolean completeEnvironment,
      boolean completeMaterials,
      boolean reproducible) {
    public Metadata {
      buildInvocationId = buildInvocationId == null ? "" : buildInvocationId;
      buildStartedOn = buildStartedOn == null ? "" : buildStartedOn;
      buildFinishedOn = buildFinishedOn == null ? "" : buildFinishedOn;
    }
  }
}
