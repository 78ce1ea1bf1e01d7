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
import dev.countersign.report.aws.internal.TrailLayout;
import dev.countersign.report.aws.internal.TrailStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
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
    sortOptions = false,
    modelTransformer = AwsRegionRequired.class)
final class PacketSnapshotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "New or empty folder.")
  Path out;

  @Mixin AwsOptions aws;

  @Option(names = "--no-ecr", description = "Do not collect ECR evidence.")
  boolean noEcr;

  @Option(
      names = "--trail-s3",
      paramLabel = "s3://BUCKET/PREFIX",
      description = "Copy this trail's files for the window.")
  String trailS3;

  @Mixin EvidenceWindowOptions window;

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
    TimeWindow w = window.timeWindow();
    PrintWriter o = spec.commandLine().getOut();
    PacketProgress progress =
        new PacketProgress(spec.commandLine().getErr(), System.console() != null);
    ObjectNode info = new ObjectMapper().createObjectNode();
    info.put("format", "countersign.dev/aws-snapshot/v1");
    info.put("collected", Instant.now().toString());
    info.put("region", aws.region);
    info.put("windowStart", w.start().toString());
    info.put("windowEnd", w.end().toString());
    boolean complete = true;
    try (EvidenceSink sink = EvidenceSink.directory(out)) {
      if (!noEcr) {
        EcrCollector.Builder b = EcrCollector.builder().region(aws.region).progress(progress);
        if (aws.ecrRegistryId != null) {
          b.registryId(aws.ecrRegistryId);
        }
        if (aws.ecrEndpoint != null) {
          b.endpointOverride(aws.ecrEndpoint);
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
              DigestPublicKeys.fetch(
                  aws.region, aws.cloudTrailEndpoint, null, w, sink, Clock.systemUTC());
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
    TrailS3Address address = TrailS3Address.parse(trailS3);
    Path target = out.resolve("cloudtrail/trail");
    long copied = 0;
    try (S3Client s3 = aws.s3Client()) {
      TrailStore store = (TrailStore) address.location(s3);
      for (String kind : new String[] {TrailLayout.LOGS, TrailLayout.DIGESTS}) {
        for (TrailLayout.RegionFolder rf : TrailLayout.regionFolders(store, kind)) {
          for (String day :
              TrailLayout.dayFolders(rf, w.start(), w.end().plus(window.trailDeliveryLag))) {
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
}
