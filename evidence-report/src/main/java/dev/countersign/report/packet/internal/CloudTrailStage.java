package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.report.aws.AwsEvidenceException;
import dev.countersign.report.aws.CloudTrailEvent;
import dev.countersign.report.aws.CloudTrailEvents;
import dev.countersign.report.aws.CollectionProblem;
import dev.countersign.report.aws.DigestChainValidator;
import dev.countersign.report.aws.DigestPublicKeys;
import dev.countersign.report.aws.EventCategory;
import dev.countersign.report.aws.EventReadReport;
import dev.countersign.report.aws.EventSink;
import dev.countersign.report.aws.EvidenceSink;
import dev.countersign.report.aws.IntegrityProblem;
import dev.countersign.report.aws.IntegrityReport;
import dev.countersign.report.aws.JsonLinesWriter;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.aws.SourceCount;
import dev.countersign.report.aws.TimeWindow;
import dev.countersign.report.aws.TrailLocation;
import dev.countersign.report.inventory.RawEvidence;
import dev.countersign.report.packet.CloudTrailInput;
import dev.countersign.report.packet.Gap;
import dev.countersign.report.packet.GapKind;
import dev.countersign.report.packet.PrincipalPattern;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * CloudTrail evidence: every ECR event of the window (deduplicated by eventID) written per category
 * as gzip JSON lines with the record exactly as delivered, the pushes of the images in scope
 * remembered for correlation, pushes by principals other than CI reported as gaps, and the trail's
 * digest chain validated. Events are streamed: memory does not grow with their number.
 */
public final class CloudTrailStage {
  public static final String DIR = "evidence/aws/cloudtrail";
  public static final String EVENTS = DIR + "/events";
  static final int PUSHES_PER_DIGEST = 20;

  private final PacketFiles files;
  private final TimeWindow window;
  private final Clock clock;
  private final List<PrincipalPattern> ci;
  private final Set<String> digests;
  private final GapLog gaps;
  private final Progress progress;

  public CloudTrailStage(
      PacketFiles files,
      TimeWindow window,
      Clock clock,
      List<PrincipalPattern> ci,
      Set<String> digests,
      GapLog gaps,
      Progress progress) {
    this.files = files;
    this.window = window;
    this.clock = clock;
    this.ci = List.copyOf(ci);
    this.digests = Set.copyOf(digests);
    this.gaps = gaps;
    this.progress = progress;
  }

  public CloudTrailFacts run(CloudTrailInput input) throws IOException {
    Writer writer = new Writer();
    EventReadReport report;
    try (writer) {
      report = CloudTrailEvents.combine(input.sources()).read(window, writer, progress);
    }
    writeReadReport(report);
    for (CollectionProblem p : report.problems()) {
      gaps.add(
          Gap.of(
              GapKind.COLLECTION_INCOMPLETE,
              p.operation() + (p.target().isEmpty() ? "" : " " + p.target()),
              "CloudTrail events could not be read completely: "
                  + p.reason()
                  + ": "
                  + p.message()));
    }
    for (SourceCount s : report.sources()) {
      if (s.units() == 0) {
        gaps.add(
            Gap.of(
                GapKind.COLLECTION_INCOMPLETE,
                s.source(),
                "the CloudTrail source delivered nothing for the window (no page answered, no log"
                    + " file found): an empty source is not evidence that nothing happened"));
      }
    }
    for (EventCategory c : EventCategory.values()) {
      String kind =
          switch (c) {
            case PUSH -> "cloudtrail.push.events";
            case PULL -> "cloudtrail.pull.events";
            case CONFIGURATION_CHANGE -> "cloudtrail.configuration.changes";
            case ACCESS_DENIED -> "cloudtrail.access.denied";
            case OTHER -> null;
          };
      String path = EVENTS + "/" + c.fileStem() + ".jsonl.gz";
      String description =
          "CloudTrail ECR events of category "
              + c.fileStem()
              + " in "
              + window
              + ", one JSON line each (normalised fields and the record exactly as delivered),"
              + " gzip; duplicates by eventID removed.";
      if (kind == null) {
        files.registry().add(path, "application/gzip", description, sourceQuery(input));
      } else {
        files.registry().add(path, "application/gzip", description, sourceQuery(input), kind);
      }
    }

    List<IntegrityReport> integrity = new ArrayList<>();
    if (input.trails().isEmpty()) {
      gaps.add(
          Gap.of(
              GapKind.EVIDENCE_NOT_PROVIDED,
              "cloudtrail.integrity",
              "events were read with LookupEvents only: CloudTrail's digest chain covers trail"
                  + " files, so the events' integrity was not validated"));
    } else {
      Optional<DigestPublicKeys> keys = keys(input);
      if (keys.isPresent()) {
        for (TrailLocation t : input.trails()) {
          IntegrityReport r =
              DigestChainValidator.using(keys.get())
                  .deliveryLag(input.deliveryLag())
                  .validate(t, window, progress);
          integrity.add(r);
          for (IntegrityProblem p : r.problems()) {
            gaps.add(
                Gap.of(
                    GapKind.CLOUDTRAIL_INTEGRITY,
                    p.file().isEmpty() ? r.location() : p.file(),
                    p.kind() + ": " + p.message()));
          }
        }
      }
      writeIntegrity(integrity);
    }
    return new CloudTrailFacts(
        Optional.of(report),
        integrity,
        writer.pushes,
        writer.nonCi,
        writer.configurationChanges,
        writer.accessDenied);
  }

  private Optional<DigestPublicKeys> keys(CloudTrailInput input) throws IOException {
    for (RawEvidence f : input.keyFiles()) {
      String path = DIR + "/public-keys/" + Names.segment(f.name());
      files.write(path, f.content());
      files
          .registry()
          .add(
              path,
              f.mediaType(),
              "The CloudTrail public keys the digest files were validated with.",
              f.query(),
              "cloudtrail.integrity");
    }
    if (input.keys().isPresent()) {
      return input.keys();
    }
    CloudTrailInput.KeyFetch fetch = input.fetchKeys().orElseThrow();
    try (EvidenceSink sink = EvidenceSink.directory(files.resolve(DIR + "/raw"))) {
      DigestPublicKeys keys =
          DigestPublicKeys.fetch(
              fetch.region(),
              fetch.endpoint().orElse(null),
              fetch.credentials().orElse(null),
              window,
              sink,
              clock);
      files
          .registry()
          .add(
              DIR + "/raw/queries.jsonl",
              "application/x-ndjson",
              "CloudTrail ListPublicKeys answers (under cloudtrail/list-public-keys/) with their"
                  + " exact queries.",
              "",
              "cloudtrail.integrity");
      return Optional.of(keys);
    } catch (AwsEvidenceException e) {
      gaps.add(
          Gap.of(
              GapKind.COLLECTION_INCOMPLETE,
              "cloudtrail:ListPublicKeys " + fetch.region(),
              "the digest public keys could not be fetched, so the trail's integrity was not"
                  + " validated: "
                  + e.reason()
                  + ": "
                  + e.getMessage()));
      return Optional.empty();
    }
  }

  private static String sourceQuery(CloudTrailInput input) {
    StringBuilder b = new StringBuilder();
    for (CloudTrailEvents s : input.sources()) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(s);
    }
    return "ECR events (eventSource ecr.amazonaws.com) from " + b;
  }

  private void writeReadReport(EventReadReport report) throws IOException {
    ObjectNode n = PacketJson.object();
    n.put("window", report.window().toString());
    n.put("read", report.read());
    n.put("kept", report.keptTotal());
    n.put("duplicates", report.duplicates());
    n.put("complete", report.complete());
    ObjectNode kept = n.putObject("keptByCategory");
    report.kept().forEach((c, v) -> kept.put(c.fileStem(), v));
    var sources = n.putArray("sources");
    for (SourceCount s : report.sources()) {
      ObjectNode o = sources.addObject();
      o.put("source", s.source());
      o.put("units", s.units());
      o.put("read", s.read());
      o.put("otherService", s.otherService());
      o.put("outsideWindow", s.outsideWindow());
      o.put("malformed", s.malformed());
      o.put("duplicates", s.duplicates());
      o.put("kept", s.keptTotal());
      o.put("balanced", s.balanced());
    }
    var problems = n.putArray("problems");
    for (CollectionProblem p : report.problems()) {
      ObjectNode o = problems.addObject();
      o.put("reason", p.reason().name());
      o.put("operation", p.operation());
      o.put("target", p.target());
      o.put("message", p.message());
    }
    files.writeJson(DIR + "/read-report.json", n);
    files
        .registry()
        .add(
            DIR + "/read-report.json",
            "application/json",
            "How many CloudTrail records each source delivered and what became of each: kept by"
                + " category, other services, outside the window, malformed, duplicates removed.",
            "",
            "cloudtrail.push.events",
            "cloudtrail.pull.events",
            "cloudtrail.configuration.changes",
            "cloudtrail.access.denied");
  }

  private void writeIntegrity(List<IntegrityReport> reports) throws IOException {
    var array = PacketJson.array();
    for (IntegrityReport r : reports) {
      ObjectNode n = array.addObject();
      n.put("location", r.location());
      n.put("window", r.window().toString());
      n.put("intact", r.intact());
      n.put("digestFiles", r.digestFiles());
      n.put("digestsValid", r.digestsValid());
      n.put("logFilesListed", r.logFilesListed());
      n.put("logFilesValid", r.logFilesValid());
      n.put("logFilesInWindow", r.logFilesInWindow());
      var problems = n.putArray("problems");
      for (IntegrityProblem p : r.problems()) {
        ObjectNode o = problems.addObject();
        o.put("kind", p.kind().name());
        o.put("file", p.file());
        o.put("message", p.message());
      }
    }
    ObjectNode root = PacketJson.object();
    root.set("trails", array);
    files.writeJson(DIR + "/integrity.json", root);
    files
        .registry()
        .add(
            DIR + "/integrity.json",
            "application/json",
            "CloudTrail log file integrity validation of the window: every digest file's signature,"
                + " the chain between digests, and every log file's SHA-256.",
            "",
            "cloudtrail.integrity");
  }

  /** Writes each event to its category's file and keeps what correlation needs. */
  private final class Writer implements EventSink {
    private final Map<EventCategory, JsonGenerator> out = new EnumMap<>(EventCategory.class);
    final Map<String, List<CloudTrailFacts.Push>> pushes = new HashMap<>();
    long nonCi;
    long configurationChanges;
    long accessDenied;

    Writer() throws IOException {
      for (EventCategory c : EventCategory.values()) {
        OutputStream raw = files.open(EVENTS + "/" + c.fileStem() + ".jsonl.gz");
        GZIPOutputStream gz =
            new GZIPOutputStream(raw, 1 << 16) {
              {
                def.setLevel(1);
              }
            };
        JsonGenerator g =
            PacketJson.MAPPER
                .getFactory()
                .createGenerator(new BufferedOutputStream(gz, 1 << 16), JsonEncoding.UTF8);
        g.setRootValueSeparator(null);
        out.put(c, g);
      }
    }

    @Override
    public void accept(CloudTrailEvent e) throws IOException {
      JsonGenerator g = out.get(e.category());
      JsonLinesWriter.writeLine(g, e, true);
      switch (e.category()) {
        case PUSH -> push(e);
        case CONFIGURATION_CHANGE -> configurationChanges++;
        case ACCESS_DENIED -> accessDenied++;
        default -> {}
      }
    }

    private void push(CloudTrailEvent e) throws IOException {
      if (!e.eventName().equals("PutImage") || e.failed()) {
        return;
      }
      boolean isCi =
          ci.stream()
              .anyMatch(
                  p ->
                      p.matches(e.principalArn())
                          || (!e.sessionIssuerArn().isEmpty() && p.matches(e.sessionIssuerArn())));
      if (!isCi) {
        nonCi++;
        gaps.add(
            new Gap(
                GapKind.PUSH_BY_NON_CI_PRINCIPAL,
                e.principalArn().isEmpty() ? "(unknown principal)" : e.principalArn(),
                "PutImage of "
                    + e.repositoryName()
                    + (e.imageTag().isEmpty() ? "" : ":" + e.imageTag())
                    + (e.imageDigest().isEmpty() ? "" : "@" + e.imageDigest())
                    + " by "
                    + (e.principalType().isEmpty() ? "" : e.principalType() + " ")
                    + e.principalArn()
                    + ", which matches no CI principal pattern (CloudTrail event "
                    + e.eventId()
                    + ")",
                Optional.of(e.eventTime())));
      }
      if (!e.imageDigest().isEmpty() && digests.contains(e.imageDigest())) {
        List<CloudTrailFacts.Push> list =
            pushes.computeIfAbsent(e.imageDigest(), k -> new ArrayList<>());
        if (list.size() < PUSHES_PER_DIGEST) {
          list.add(
              new CloudTrailFacts.Push(
                  e.repositoryName(),
                  e.imageTag(),
                  e.principalArn(),
                  e.eventTime(),
                  isCi,
                  e.eventId()));
          list.sort(java.util.Comparator.comparing(CloudTrailFacts.Push::time));
        }
      }
    }

    @Override
    public void close() throws IOException {
      IOException first = null;
      for (JsonGenerator g : out.values()) {
        try {
          g.close();
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }
}
