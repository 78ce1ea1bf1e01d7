package dev.countersign.cli;

import dev.countersign.report.aws.CloudTrailEvents;
import dev.countersign.report.aws.CloudTrailLookup;
import dev.countersign.report.aws.DigestPublicKeys;
import dev.countersign.report.aws.TrailFiles;
import dev.countersign.report.aws.TrailLocation;
import dev.countersign.report.inventory.RawEvidence;
import dev.countersign.report.packet.CloudTrailInput;
import dev.countersign.report.packet.EcrInput;
import dev.countersign.report.packet.PacketSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS evidence in a packet: ECR's answers, collected now or read from a snapshot, and ECR's
 * CloudTrail events, from trail files (local, in S3 or in a snapshot) or from LookupEvents.
 */
final class AwsEvidenceOptions {
  @Mixin AwsOptions aws;

  @Option(
      names = "--ecr",
      description =
          "Collect Amazon ECR evidence now (DescribeRepositories, DescribeImages, findings, policies).")
  boolean ecrLive;

  @Option(
      names = "--ecr-rate",
      paramLabel = "N",
      description = "ECR requests per second, retries included (default 20).")
  double ecrRate = 20;

  @Option(
      names = "--snapshot",
      paramLabel = "DIR",
      description =
          "An offline snapshot written by `countersign packet snapshot`: its ECR answers, trail"
              + " files and CloudTrail public keys are used.")
  Path snapshot;

  @Option(
      names = "--cloudtrail-lookup",
      description = "Read ECR events with CloudTrail LookupEvents (2 requests/s).")
  boolean lookup;

  @Option(
      names = "--trail-folder",
      paramLabel = "DIR",
      description = "Local copy of a trail's files (holds AWSLogs/; repeatable).")
  List<Path> trailFolders = new ArrayList<>();

  @Option(
      names = "--trail-s3",
      paramLabel = "s3://BUCKET/PREFIX",
      description = "A trail's S3 location (repeatable).")
  List<String> trailS3 = new ArrayList<>();

  @Option(
      names = "--trail-public-keys",
      paramLabel = "FILE|DIR",
      description = "CloudTrail digest public keys (list-public-keys JSON or PEM).")
  Path trailKeys;

  @Option(
      names = "--trail-public-keys-from-aws",
      description = "Fetch the digest public keys with ListPublicKeys.")
  boolean trailKeysFromAws;

  /**
   * Adds the ECR and CloudTrail inputs to {@code b}; the AWS clients they read with are added to
   * {@code closers}. Trail files delivered up to {@code deliveryLag} after the window are read.
   */
  void addTo(PacketSettings.Builder b, Duration deliveryLag, List<AutoCloseable> closers)
      throws IOException {
    Path snapshotTrail = snapshot == null ? null : snapshot.resolve("cloudtrail/trail");
    Path snapshotKeys = snapshot == null ? null : snapshot.resolve("cloudtrail/list-public-keys");
    if (snapshot != null) {
      if (!Files.isDirectory(snapshot)) {
        throw new UsageException("INPUT_UNREADABLE", "--snapshot " + snapshot + " is not a folder");
      }
      if (ecrLive) {
        throw new UsageException(
            "USAGE", "--snapshot and --ecr both name the ECR evidence; give one");
      }
      if (Files.isDirectory(snapshot.resolve("ecr"))) {
        b.ecr(EcrInput.snapshot(snapshot));
      }
    } else if (ecrLive) {
      aws.requireRegion("--ecr");
      b.ecr(
          EcrInput.live(
              new EcrInput.Live(
                  aws.region,
                  Optional.ofNullable(aws.ecrRegistryId),
                  Optional.ofNullable(aws.ecrEndpoint),
                  Optional.empty(),
                  ecrRate)));
    }
    List<CloudTrailEvents> sources = new ArrayList<>();
    List<TrailLocation> trails = new ArrayList<>();
    List<Path> folders = new ArrayList<>(trailFolders);
    if (snapshotTrail != null && Files.isDirectory(snapshotTrail)) {
      folders.add(snapshotTrail);
    }
    for (Path f : folders) {
      TrailLocation t = TrailLocation.localFolder(f);
      trails.add(t);
      sources.add(TrailFiles.in(t).deliveryLag(deliveryLag));
    }
    for (String s : trailS3) {
      aws.requireRegion("--trail-s3");
      TrailS3Address address = TrailS3Address.parse(s);
      S3Client client = aws.s3Client();
      closers.add(client);
      TrailLocation t = address.location(client);
      trails.add(t);
      sources.add(TrailFiles.in(t).deliveryLag(deliveryLag));
    }
    if (lookup) {
      aws.requireRegion("--cloudtrail-lookup");
      CloudTrailLookup.Builder lb = CloudTrailLookup.builder().region(aws.region);
      if (aws.cloudTrailEndpoint != null) {
        lb.endpointOverride(aws.cloudTrailEndpoint);
      }
      CloudTrailLookup l = lb.build();
      closers.add(l);
      sources.add(l);
    }
    if (!sources.isEmpty()) {
      Optional<DigestPublicKeys> keysFromFile = Optional.empty();
      List<RawEvidence> keyFiles = new ArrayList<>();
      Path keyPath = trailKeys != null ? trailKeys : snapshotKeys;
      if (keyPath != null && Files.exists(keyPath)) {
        keysFromFile = Optional.of(DigestPublicKeys.fromPath(keyPath));
        keyFiles.addAll(keyFiles(keyPath));
      }
      Optional<CloudTrailInput.KeyFetch> fetch = Optional.empty();
      if (trailKeysFromAws) {
        aws.requireRegion("--trail-public-keys-from-aws");
        fetch =
            Optional.of(
                new CloudTrailInput.KeyFetch(
                    aws.region, Optional.ofNullable(aws.cloudTrailEndpoint), Optional.empty()));
      }
      if (!trails.isEmpty() && keysFromFile.isEmpty() && fetch.isEmpty()) {
        throw new UsageException(
            "USAGE",
            "trail files are validated with CloudTrail's digest public keys: give"
                + " --trail-public-keys FILE or --trail-public-keys-from-aws");
      }
      b.cloudTrail(
          new CloudTrailInput(sources, trails, keysFromFile, keyFiles, fetch, deliveryLag));
    }
  }

  private static List<RawEvidence> keyFiles(Path keys) throws IOException {
    List<RawEvidence> out = new ArrayList<>();
    if (Files.isDirectory(keys)) {
      try (Stream<Path> s = Files.list(keys)) {
        for (Path p : s.sorted().toList()) {
          if (Files.isRegularFile(p)) {
            out.add(
                new RawEvidence(
                    p.getFileName().toString(), PacketCommand.read(p), "application/json", ""));
          }
        }
      }
    } else {
      out.add(
          new RawEvidence(
              keys.getFileName().toString(), PacketCommand.read(keys), "application/json", ""));
    }
    return out;
  }
}
