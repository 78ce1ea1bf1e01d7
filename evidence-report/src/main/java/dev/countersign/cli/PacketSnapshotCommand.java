package dev.countersign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.report.aws.AwsEvidenceException;
import dev.countersign.report.aws.DigestPublicKeys;
import dev.countersign.report.aws.EcrCollection;
import dev.countersign.report.aws.EcrCollector;
import dev.countersign.report.aws.EcrVisitor;
import dev.countersign.report.aws.EvidenceSink;
import dev.countersign.report.aws.TimeWindow;
import dev.countersign.report.aws.TrailLocation;
import dev.countersign.report.aws.internal.TrailLayout;
import dev.countersign.report.aws.internal.TrailStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code countersign packet snapshot --out DIR}: collects the AWS evidence on a connected host so
 * an air-gapped host can build the packet with {@code --snapshot DIR}: every ECR answer as received
 * with {@code queries.jsonl}, CloudTrail's public keys ({@code ListPublicKeys}), and the trail's
 * log and digest files for the window copied from S3 with each digest's signature beside it. Exit 0
 * when everything was collected, 3 when a part could not be (the snapshot says which).
 */
@Command(
    name = "snapshot",
    description =
        "Collect ECR answers, CloudTrail public keys and trail files into a folder, for building"
            + " the packet elsewhere (air-gapped) with --snapshot.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class PacketSnapshotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "New or empty folder.")
  Path out;

  @Option(
      names = "--aws-region",
      required = true,
      paramLabel = "REGION",
      description = "AWS region.")
  String region;

  @Option(
      names = "--ecr-registry-id",
      paramLabel = "ACCOUNT",
      description = "ECR registry (account id).")
  String registryId;

  @Option(names = "--ecr-endpoint", paramLabel = "URL", description = "ECR API endpoint override.")
  URI ecrEndpoint;

  @Option(
      names = "--cloudtrail-endpoint",
      paramLabel = "URL",
      description = "CloudTrail endpoint override.")
  URI cloudTrailEndpoint;

  @Option(names = "--no-ecr", description = "Do not collect ECR evidence.")
  boolean noEcr;

  @Option(
      names = "--trail-s3",
      paramLabel = "s3://BUCKET/PREFIX",
      description = "Copy this trail's files for the window.")
  String trailS3;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description = "S3 endpoint override (path-style).")
  URI s3Endpoint;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "Start of the window (RFC 3339 UTC).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "End of the window (default now).")
  String to;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Length of the window ending at --to (default 30d).")
  Duration window = Duration.ofDays(30);

  @Option(
      names = "--trail-delivery-lag",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Trail files delivered this long after the window are copied too (default 2h).")
  Duration lag = Duration.ofHours(2);

  @Override
  public Integer call() throws IOException {
    if (Files.exists(out)) {
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) {
          throw new UsageException("OUTPUT_EXISTS", out + " is not empty");
        }
      }
    }
    Files.createDirectories(out);
    Instant end = to == null ? Instant.now() : instant("--to", to);
    Instant start = from == null ? end.minus(window) : instant("--from", from);
    if (!end.isAfter(start)) {
      throw new UsageException("USAGE", "the window must end after it starts");
    }
    TimeWindow w = TimeWindow.of(start, end);
    PrintWriter o = spec.commandLine().getOut();
    PacketProgress progress =
        new PacketProgress(spec.commandLine().getErr(), System.console() != null);
    ObjectNode info = new ObjectMapper().createObjectNode();
    info.put("format", "countersign.dev/aws-snapshot/v1");
    info.put("collected", Instant.now().toString());
    info.put("region", region);
    info.put("windowStart", start.toString());
    info.put("windowEnd", end.toString());
    boolean complete = true;
    try (EvidenceSink sink = EvidenceSink.directory(out)) {
      if (!noEcr) {
        EcrCollector.Builder b = EcrCollector.builder().region(region).progress(progress);
        if (registryId != null) {
          b.registryId(registryId);
        }
        if (ecrEndpoint != null) {
          b.endpointOverride(ecrEndpoint);
        }
        try (EcrCollector ecr = b.evidenceSink(sink).build()) {
          EcrCollection c = ecr.collect(new EcrVisitor() {});
          info.put("ecrRepositories", c.repositories());
          info.put("ecrImages", c.images());
          info.put("ecrComplete", c.complete());
          c.problems()
              .forEach(
                  p ->
                      o.println(
                          "ECR: "
                              + p.reason()
                              + " "
                              + p.operation()
                              + " "
                              + p.target()
                              + ": "
                              + p.message()));
          complete &= c.complete();
        }
      }
      if (trailS3 != null) {
        try {
          DigestPublicKeys keys =
              DigestPublicKeys.fetch(region, cloudTrailEndpoint, null, w, sink, Clock.systemUTC());
          info.put("cloudTrailPublicKeys", keys.size());
        } catch (AwsEvidenceException e) {
          o.println("CloudTrail ListPublicKeys: " + e.reason() + ": " + e.getMessage());
          complete = false;
        }
        long copied = copyTrail(w, progress);
        info.put("trailFilesCopied", copied);
        complete &= copied > 0;
      }
    } catch (AwsEvidenceException e) {
      throw new UsageException("AWS_" + e.reason().name(), e.getMessage());
    }
    progress.finish();
    info.put("complete", complete);
    Files.write(
        out.resolve("snapshot.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(info));
    o.println("snapshot written: " + out.toAbsolutePath() + (complete ? "" : " (INCOMPLETE)"));
    o.flush();
    return complete ? ExitCode.VERIFIED : ExitCode.UNEVALUATED;
  }

  /** Copies the trail's log and digest files for the window, each digest's signature beside it. */
  private long copyTrail(TimeWindow w, PacketProgress progress) throws IOException {
    if (!trailS3.startsWith("s3://") || trailS3.length() <= 5) {
      throw new UsageException("USAGE", "--trail-s3 must be s3://BUCKET[/PREFIX]");
    }
    String rest = trailS3.substring(5);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
    var b =
        S3Client.builder()
            .region(Region.of(region))
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (s3Endpoint != null) {
      b.endpointOverride(s3Endpoint).forcePathStyle(true);
    }
    Path target = out.resolve("cloudtrail/trail");
    long copied = 0;
    try (S3Client s3 = b.build()) {
      TrailStore store = (TrailStore) TrailLocation.s3(s3, bucket, prefix);
      for (String kind : new String[] {TrailLayout.LOGS, TrailLayout.DIGESTS}) {
        for (TrailLayout.RegionFolder rf : TrailLayout.regionFolders(store, kind)) {
          for (String day : TrailLayout.dayFolders(rf, w.start(), w.end().plus(lag))) {
            for (String key : store.files(day)) {
              String relative = key.substring(store.prefix().length());
              Path file = target.resolve(relative).normalize();
              if (!file.startsWith(target)) {
                continue;
              }
              Files.createDirectories(file.getParent());
              try (InputStream in = store.open(key)) {
                Files.copy(in, file);
              }
              if (kind.equals(TrailLayout.DIGESTS)) {
                Optional<String> sig = store.signature(key);
                if (sig.isPresent()) {
                  Files.writeString(
                      file.resolveSibling(file.getFileName() + ".signature"), sig.get());
                }
              }
              progress.update("trail files", ++copied, -1);
            }
          }
        }
      }
    }
    return copied;
  }

  private static Instant instant(String option, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException("USAGE", option + " '" + text + "' is not an RFC 3339 UTC time");
    }
  }
}
