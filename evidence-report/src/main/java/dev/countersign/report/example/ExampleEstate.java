package dev.countersign.report.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.report.aws.DigestPublicKeys;
import dev.countersign.report.aws.TimeWindow;
import dev.countersign.report.aws.TrailFiles;
import dev.countersign.report.aws.TrailLocation;
import dev.countersign.report.inventory.Inventory;
import dev.countersign.report.inventory.RawEvidence;
import dev.countersign.report.packet.CloudTrailInput;
import dev.countersign.report.packet.EcrInput;
import dev.countersign.report.packet.PacketSettings;
import dev.countersign.report.packet.RepositoryLayouts;
import dev.countersign.verify.trust.TrustRoots;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The example estate shipped in the jar: a small, realistic estate made once with the testkit's
 * private Sigstore deployment (see {@code ExampleEstateGenerator} in the tests) so {@code
 * countersign packet --example} builds a packet offline. Five images in OCI layouts (clean; a
 * critical vulnerability mitigated by VEX; a denied log4j-core; unsigned; signed by a fork's
 * workflow), running pods, signed admission decision records, an Amazon ECR snapshot and CloudTrail
 * trail files with signed digests.
 */
public final class ExampleEstate {
  /** Where the estate's files are on the classpath. */
  public static final String RESOURCES = "dev/countersign/report/example/";

  /** The list of the estate's files, one relative path per line. */
  public static final String FILE_LIST = "files.txt";

  /** The estate's settings: organization, window, CI principals, SLA. */
  public static final String SETTINGS = "estate.json";

  private ExampleEstate() {}

  /** Copies every file of the estate into {@code folder} (created if needed). */
  public static void extract(Path folder) throws IOException {
    ClassLoader loader = ExampleEstate.class.getClassLoader();
    List<String> names = new ArrayList<>();
    try (InputStream in = loader.getResourceAsStream(RESOURCES + FILE_LIST)) {
      if (in == null) {
        throw new IOException(
            "the example estate is not on the classpath (" + RESOURCES + FILE_LIST + ")");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          names.add(line.strip());
        }
      }
    }
    Path root = folder.toAbsolutePath().normalize();
    for (String name : names) {
      Path target = root.resolve(name).normalize();
      if (!target.startsWith(root)) {
        throw new IOException("the example estate lists a file outside itself: " + name);
      }
      try (InputStream in = loader.getResourceAsStream(RESOURCES + name)) {
        if (in == null) {
          throw new IOException("the example estate lists " + name + ", which is missing");
        }
        Files.createDirectories(target.getParent());
        Files.write(target, in.readAllBytes());
      }
    }
  }

  /**
   * Settings for the estate extracted into {@code folder}, writing the packet to {@code out}.
   * Callers may change any setting before building.
   */
  public static PacketSettings.Builder settings(Path folder, Path out) throws IOException {
    JsonNode s = new ObjectMapper().readTree(folder.resolve(SETTINGS).toFile());
    TimeWindow window =
        TimeWindow.of(
            Instant.parse(s.path("windowStart").asText()),
            Instant.parse(s.path("windowEnd").asText()));
    List<String> ci = new ArrayList<>();
    s.path("ciPrincipals").forEach(p -> ci.add(p.asText()));
    List<Path> logs = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder.resolve("decision-logs"))) {
      files.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(logs::add);
    }
    Path webhook = folder.resolve("webhook-configuration.yaml");
    Path keys = folder.resolve("aws/cloudtrail-public-keys.json");
    TrailLocation trail = TrailLocation.localFolder(folder.resolve("aws/cloudtrail"));
    Duration lag = Duration.parse(s.path("trailDeliveryLag").asText("PT2H"));
    return PacketSettings.builder()
        .out(out)
        .organization(s.path("organization").asText())
        .window(window)
        .inventory(Inventory.fromFile(folder.resolve("inventory.yaml")))
        // Every image in the registry is in scope, running or not: the denied ones show too.
        .inventoryFromEcr(true)
        .policies(folder.resolve("policies"))
        .trustRoots(TrustRoots.fromDirectory(folder.resolve("trust-roots")))
        .trustRootsDirectory(folder.resolve("trust-roots"))
        .evidenceSource(
            RepositoryLayouts.in(folder.resolve("oci-layouts")),
            "OCI image layouts per repository (example estate)")
        .decisionLogs(logs)
        .decisionLogKeys(
            List.of(
                DecisionLogKeys.readPublicKey(folder.resolve("decision-logs/decision-log.pub"))))
        .maxAdmissionSilence(Duration.parse(s.path("maxAdmissionSilence").asText("PT24H")))
        .webhookConfiguration(
            new RawEvidence(
                "webhook-configuration.yaml", Files.readAllBytes(webhook), "application/yaml", ""))
        .ecr(EcrInput.snapshot(folder.resolve("aws/ecr-snapshot")))
        .cloudTrail(
            new CloudTrailInput(
                List.of(TrailFiles.in(trail).deliveryLag(lag)),
                List.of(trail),
                Optional.of(DigestPublicKeys.fromPath(keys)),
                List.of(
                    new RawEvidence(
                        "cloudtrail-public-keys.json",
                        Files.readAllBytes(keys),
                        "application/json",
                        "aws cloudtrail list-public-keys")),
                Optional.empty(),
                lag))
        .ciPrincipals(ci)
        .findingsSla(Duration.parse(s.path("findingsSla").asText("P30D")));
  }
}
