package dev.countersign.report.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trail log files from a local folder: streaming, window, duplicates, counts, JSON lines. */
class TrailFilesTest {
  private static final String ACCOUNT = "123456789012";
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void readsEveryEcrEventOfTheWindowOnceAndAccountsForEveryRecord() throws IOException {
    Path trail = dir.resolve("trail");
    List<SyntheticTrail.Generated> generated = new ArrayList<>();
    // 3 hours of records, one every 7 s: 1543 records, 1 in 4 from S3, every 50th delivered twice
    var logs =
        new SyntheticTrail(ACCOUNT, "us-gov-west-1", 7)
            .writeLogFiles(
                SyntheticTrail.folder(trail),
                "",
                T0,
                Duration.ofSeconds(7),
                1543,
                400,
                50,
                generated::add);
    TimeWindow window =
        TimeWindow.of(T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofHours(2)));

    EventReadReport report;
    Path out = dir.resolve("events");
    try (JsonLinesWriter writer = JsonLinesWriter.create(out)) {
      report = TrailFiles.in(TrailLocation.localFolder(trail)).read(window, writer, Progress.NONE);
    }

    long ecrInWindow =
        generated.stream()
            .filter(g -> g.kind().category != null && window.contains(g.time()))
            .count();
    Map<EventCategory, Long> expected =
        SyntheticTrail.categories(generated, g -> window.contains(g.time()));
    assertThat(report.problems()).isEmpty();
    assertThat(report.complete()).isTrue();
    assertThat(report.kept()).isEqualTo(expected);
    assertThat(report.keptTotal()).isEqualTo(ecrInWindow);
    SourceCount s = report.sources().get(0);
    assertThat(s.balanced()).isTrue();
    // files from the window's start to its end plus the 2-hour delivery lag: the whole trail here
    assertThat(s.units())
        .isEqualTo(logs.stream().filter(l -> !l.delivered().isBefore(window.start())).count());
    assertThat(s.read()).isEqualTo(countRecordsIn(logs, window, trail));
    long expectedDuplicates =
        generated.stream()
            .filter(g -> index(generated, g) % 50 == 0)
            .filter(g -> g.kind().category != null && window.contains(g.time()))
            .count();
    assertThat(s.duplicates()).isEqualTo(expectedDuplicates).isPositive();
    assertThat(s.otherService()).isPositive();
    assertThat(s.outsideWindow()).isPositive();
    assertThat(s.malformed()).isZero();

    // every category file holds exactly the kept events of its category, each eventID once
    for (EventCategory c : EventCategory.values()) {
      List<String> lines =
          Files.readAllLines(out.resolve(JsonLinesWriter.fileName(c)), StandardCharsets.UTF_8);
      assertThat(lines).hasSize(expected.get(c).intValue());
      assertThat(lines.stream().map(l -> read(l).get("eventId").asText()).distinct().count())
          .isEqualTo(lines.size());
      for (String l : lines) {
        JsonNode n = read(l);
        assertThat(n.get("category").asText()).isEqualTo(c.fileStem());
        assertThat(n.get("record").get("eventID").asText()).isEqualTo(n.get("eventId").asText());
      }
    }
  }

  @Test
  void normalisesPushPullDeniedAndConfigurationRecords() throws IOException {
    Path trail = dir.resolve("trail");
    List<SyntheticTrail.Generated> generated = new ArrayList<>();
    new SyntheticTrail(ACCOUNT, "us-east-1", 3)
        .writeLogFiles(
            SyntheticTrail.folder(trail),
            "",
            T0,
            Duration.ofSeconds(30),
            16,
            100,
            0,
            generated::add);
    List<CloudTrailEvent> events = new ArrayList<>();
    EventReadReport report =
        TrailFiles.in(TrailLocation.localFolder(trail))
            .read(TimeWindow.of(T0, T0.plus(Duration.ofHours(1))), events::add, Progress.NONE);
    assertThat(report.complete()).isTrue();
    assertThat(events).hasSize(12);

    CloudTrailEvent push = first(events, EventCategory.PUSH);
    assertThat(push.eventName()).isEqualTo("PutImage");
    assertThat(push.principalType()).isEqualTo("AssumedRole");
    assertThat(push.principalArn()).startsWith("arn:aws:sts::123456789012:assumed-role/ci-push/");
    assertThat(push.sessionIssuerArn()).isEqualTo("arn:aws:iam::123456789012:role/ci-push");
    assertThat(push.repositoryName()).startsWith("prod/service-");
    assertThat(push.imageTag()).startsWith("v1.");
    assertThat(push.imageDigest()).startsWith("sha256:").hasSize(71);
    assertThat(push.readOnly()).isFalse();
    assertThat(push.userAgent()).startsWith("docker/");

    CloudTrailEvent pull = first(events, EventCategory.PULL);
    assertThat(pull.eventName()).isEqualTo("BatchGetImage");
    assertThat(pull.imageDigest()).startsWith("sha256:");
    assertThat(pull.readOnly()).isTrue();

    CloudTrailEvent denied = first(events, EventCategory.ACCESS_DENIED);
    assertThat(denied.eventName()).isEqualTo("BatchGetImage");
    assertThat(denied.errorCode()).isEqualTo("AccessDenied");
    assertThat(denied.errorMessage()).contains("is not authorized to perform: ecr:BatchGetImage");
    assertThat(denied.principalType()).isEqualTo("IAMUser");
    assertThat(denied.imageTag()).startsWith("v1.");

    assertThat(events)
        .filteredOn(e -> e.category() == EventCategory.CONFIGURATION_CHANGE)
        .extracting(CloudTrailEvent::eventName)
        .contains("PutImageTagMutability", "SetRepositoryPolicy");
    CloudTrailEvent root =
        events.stream()
            .filter(e -> e.eventName().equals("SetRepositoryPolicy"))
            .findFirst()
            .orElseThrow();
    assertThat(root.principalType()).isEqualTo("Root");
    assertThat(root.principalArn()).isEqualTo("arn:aws:iam::123456789012:root");

    CloudTrailEvent service = first(events, EventCategory.OTHER);
    assertThat(service.principalType()).isEqualTo("AWSService");
    assertThat(service.principalArn()).isEqualTo("ecr.amazonaws.com");
  }

  @Test
  void damagedFilesAndMissingTrailsAreProblemsNotSilence() throws IOException {
    Path trail = dir.resolve("trail");
    var logs =
        new SyntheticTrail(ACCOUNT, "us-east-1", 5)
            .writeLogFiles(
                SyntheticTrail.folder(trail), "", T0, Duration.ofSeconds(20), 90, 1000, 0, g -> {});
    Path broken = trail.resolve(logs.get(0).key());
    Files.write(broken, "not gzip".getBytes(StandardCharsets.US_ASCII));
    Path noRecords = trail.resolve(logs.get(1).key());
    Files.write(
        noRecords, SyntheticTrail.gzip("{\"NotRecords\":[]}".getBytes(StandardCharsets.UTF_8)));
    Path truncated = trail.resolve(logs.get(2).key());
    Files.write(
        truncated,
        SyntheticTrail.gzip("{\"Records\":[{\"eventID\":".getBytes(StandardCharsets.UTF_8)));

    EventReadReport report =
        TrailFiles.in(TrailLocation.localFolder(trail))
            .read(TimeWindow.of(T0, T0.plus(Duration.ofHours(1))), e -> {}, Progress.NONE);
    assertThat(report.complete()).isFalse();
    assertThat(report.problems())
        .extracting(CollectionProblem::reason)
        .containsOnly(AwsReason.TRAIL_FILE_MALFORMED);
    assertThat(report.problems())
        .extracting(CollectionProblem::target)
        .containsExactlyInAnyOrder(broken.toString(), noRecords.toString(), truncated.toString());

    EventReadReport empty =
        TrailFiles.in(TrailLocation.localFolder(trail))
            .read(
                TimeWindow.of(T0.plus(Duration.ofDays(3)), T0.plus(Duration.ofDays(4))),
                e -> {},
                Progress.NONE);
    assertThat(empty.complete()).isFalse();
    assertThat(empty.problems())
        .extracting(CollectionProblem::reason)
        .containsExactly(AwsReason.NOT_FOUND);
  }

  @Test
  void badConfigurationIsAnErrorWithAReason() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                AwsEvidenceException.class, () -> TrailLocation.localFolder(dir.resolve("absent"))))
        .extracting(AwsEvidenceException::reason)
        .isEqualTo(AwsReason.NOT_FOUND);
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                AwsEvidenceException.class, () -> TimeWindow.of(T0, T0)))
        .extracting(AwsEvidenceException::reason)
        .isEqualTo(AwsReason.CONFIGURATION_INVALID);
  }

  private static int index(List<SyntheticTrail.Generated> all, SyntheticTrail.Generated g) {
    return all.indexOf(g);
  }

  private static CloudTrailEvent first(List<CloudTrailEvent> events, EventCategory c) {
    return events.stream().filter(e -> e.category() == c).findFirst().orElseThrow();
  }

  private static long countRecordsIn(
      List<SyntheticTrail.WrittenLog> logs, TimeWindow window, Path trail) throws IOException {
    long n = 0;
    for (var l : logs) {
      if (l.delivered().isBefore(window.start())) {
        continue;
      }
      byte[] gz = Files.readAllBytes(trail.resolve(l.key()));
      try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
        n += JSON.readTree(in).get("Records").size();
      }
    }
    return n;
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
