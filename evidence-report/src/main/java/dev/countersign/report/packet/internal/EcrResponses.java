package dev.countersign.report.packet.internal;

import static dev.countersign.report.packet.internal.EcrJson.text;
import static dev.countersign.report.packet.internal.EcrJson.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.report.aws.EcrImage;
import dev.countersign.report.aws.EcrRepository;
import dev.countersign.report.aws.RegistryScanning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The registry, repository and image records, read from the ECR API reference's response shapes:
 * GetRegistryScanningConfiguration, an entry of DescribeRepositories' {@code repositories} and one
 * of DescribeImages' {@code imageDetails}.
 */
final class EcrResponses {
  private EcrResponses() {}

  static RegistryScanning scanning(JsonNode body) {
    JsonNode c = body.path("scanningConfiguration");
    List<RegistryScanning.Rule> rules = new ArrayList<>();
    for (JsonNode r : c.path("rules")) {
      List<String> filters = new ArrayList<>();
      for (JsonNode f : r.path("repositoryFilters")) {
        filters.add(f.path("filter").asText(""));
      }
      rules.add(new RegistryScanning.Rule(r.path("scanFrequency").asText(""), filters));
    }
    return new RegistryScanning(
        body.path("registryId").asText(""), c.path("scanType").asText(""), rules);
  }

  static EcrRepository repository(JsonNode r) {
    return new EcrRepository(
        r.path("registryId").asText(""),
        r.path("repositoryName").asText(""),
        r.path("repositoryArn").asText(""),
        r.path("repositoryUri").asText(""),
        time(r.path("createdAt")),
        r.path("imageTagMutability").asText(""),
        r.path("imageScanningConfiguration").path("scanOnPush").asBoolean(false),
        r.path("encryptionConfiguration").path("encryptionType").asText(""),
        text(r.path("encryptionConfiguration"), "kmsKey"));
  }

  static EcrImage image(JsonNode d) {
    List<String> tags = new ArrayList<>();
    d.path("imageTags").forEach(t -> tags.add(t.asText()));
    Map<String, Integer> counts = new TreeMap<>();
    d.path("imageScanFindingsSummary")
        .path("findingSeverityCounts")
        .fields()
        .forEachRemaining(f -> counts.put(f.getKey(), f.getValue().asInt()));
    JsonNode status = d.path("imageScanStatus");
    return new EcrImage(
        d.path("registryId").asText(""),
        d.path("repositoryName").asText(""),
        d.path("imageDigest").asText(""),
        tags,
        time(d.path("imagePushedAt")),
        d.path("imageSizeInBytes").isNumber()
            ? OptionalLong.of(d.get("imageSizeInBytes").asLong())
            : OptionalLong.empty(),
        d.path("imageManifestMediaType").asText(""),
        text(status, "status"),
        status.path("description").asText(""),
        time(d.path("imageScanFindingsSummary").path("imageScanCompletedAt")),
        counts,
        time(d.path("lastRecordedPullTime")));
  }
}
