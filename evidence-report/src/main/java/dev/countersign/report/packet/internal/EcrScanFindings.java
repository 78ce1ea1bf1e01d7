package dev.countersign.report.packet.internal;

import static dev.countersign.report.packet.internal.EcrJson.attribute;
import static dev.countersign.report.packet.internal.EcrJson.text;
import static dev.countersign.report.packet.internal.EcrJson.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.report.aws.EcrImage;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DescribeImageScanFindings answers: every finding goes to {@code findings.jsonl}, and the open
 * ones are totalled per image.
 *
 * @param openByImage open findings by {@code <repositoryName>@<digest>}
 * @param count every finding read, open or not
 */
record EcrScanFindings(Map<String, OpenFindings> openByImage, long count) {
  static final String FILE = EcrStage.DIR + "/findings.jsonl";

  EcrScanFindings {
    openByImage = Map.copyOf(openByImage);
  }

  /**
   * Reads the findings pages in index order.
   *
   * @param images the images DescribeImages listed, by {@code <repositoryName>@<digest>}: a page
   *     without a scan time takes its image's
   */
  static EcrScanFindings write(
      PacketFiles files,
      List<EcrAnswer> answers,
      EcrAnswerBodies bodies,
      Map<String, EcrImage> images)
      throws IOException {
    Map<String, OpenFindings> open = new HashMap<>();
    long count = 0;
    try (JsonLinesFile out = JsonLinesFile.create(files, FILE)) {
      for (EcrAnswer e : answers) {
        if (!e.operation().equals("DescribeImageScanFindings")) {
          continue;
        }
        Optional<JsonNode> answer = bodies.body(e);
        if (answer.isEmpty()) {
          continue;
        }
        JsonNode body = answer.get();
        String repo = text(body, "repositoryName").orElse(e.parameter("repositoryName").orElse(""));
        String digest = text(body.path("imageId"), "imageDigest").orElse("");
        EcrImage image = images.get(repo + "@" + digest);
        Optional<Instant> scanned =
            time(body.path("imageScanFindings").path("imageScanCompletedAt"))
                .or(() -> image == null ? Optional.empty() : image.scanCompletedAt());
        OpenFindings a = open.computeIfAbsent(repo + "@" + digest, k -> new OpenFindings());
        for (JsonNode f : body.path("imageScanFindings").path("findings")) {
          count++;
          String pkg = attribute(f, "package_name");
          out.write(
              new EcrFindingLine(
                      repo,
                      digest,
                      "BASIC",
                      f.path("name").asText(""),
                      f.path("severity").asText("UNDEFINED"),
                      pkg,
                      attribute(f, "package_version"),
                      "",
                      "ACTIVE",
                      scanned,
                      Optional.empty(),
                      e.packetPath())
                  .json());
          a.add(f.path("name").asText(""), f.path("severity").asText("UNDEFINED"), pkg, scanned);
        }
        for (JsonNode f : body.path("imageScanFindings").path("enhancedFindings")) {
          count++;
          JsonNode v = f.path("packageVulnerabilityDetails");
          String id = text(v, "vulnerabilityId").orElse(f.path("title").asText(""));
          String status = f.path("status").asText("ACTIVE");
          Optional<Instant> first = time(f.path("firstObservedAt")).or(() -> scanned);
          String pkg = "";
          String version = "";
          String fixed = "";
          if (v.path("vulnerablePackages").size() > 0) {
            JsonNode p0 = v.path("vulnerablePackages").get(0);
            pkg = p0.path("name").asText("");
            version = p0.path("version").asText("");
            fixed = p0.path("fixedInVersion").asText("");
          }
          out.write(
              new EcrFindingLine(
                      repo,
                      digest,
                      "ENHANCED",
                      id,
                      f.path("severity").asText("UNDEFINED"),
                      pkg,
                      version,
                      fixed,
                      status,
                      first,
                      time(f.path("lastObservedAt")),
                      e.packetPath())
                  .json());
          if (status.equals("ACTIVE")) {
            a.add(id, f.path("severity").asText("UNDEFINED"), pkg, first);
          }
        }
      }
    }
    files
        .registry()
        .add(
            FILE,
            "application/x-ndjson",
            "Every Amazon ECR scan finding per image digest: vulnerability, severity, package, fixed"
                + " version, status and first/last observed times (from the DescribeImageScanFindings"
                + " answers listed in queries.jsonl).",
            "",
            "ecr.scan.findings",
            "image.vulnerabilities");
    return new EcrScanFindings(open, count);
  }

  /** The image's open findings; none when no findings page named it. */
  OpenFindings open(String repositoryName, String digest) {
    return openByImage.getOrDefault(repositoryName + "@" + digest, new OpenFindings());
  }
}
