package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.report.aws.AwsEvidenceException;
import dev.countersign.report.aws.AwsReason;
import dev.countersign.report.aws.CollectionProblem;
import dev.countersign.report.aws.EcrCollection;
import dev.countersign.report.aws.EcrCollector;
import dev.countersign.report.aws.EcrImage;
import dev.countersign.report.aws.EcrRepository;
import dev.countersign.report.aws.EcrVisitor;
import dev.countersign.report.aws.EvidenceSink;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.aws.RegistryScanning;
import dev.countersign.report.packet.EcrInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Amazon ECR evidence: the raw API answers (collected now with {@link EcrCollector}, or copied from
 * a snapshot folder) go into {@code evidence/aws/ecr/raw/} with {@code queries.jsonl}, and the
 * facts the packet uses are read back from those answers, following the ECR API reference's
 * response shapes (timestamps as epoch seconds, as they are on the wire). Reading the answers
 * rather than the SDK's objects means a packet built from a snapshot says exactly what one built
 * live would.
 */
public final class EcrStage {
  public static final String DIR = "evidence/aws/ecr";
  public static final String RAW = DIR + "/raw";
  public static final String QUERIES = RAW + "/queries.jsonl";

  private final PacketFiles files;
  private final Clock clock;
  private final Instant slaReference;
  private final Duration sla;
  private final Progress progress;

  public EcrStage(
      PacketFiles files, Clock clock, Instant slaReference, Duration sla, Progress progress) {
    this.files = files;
    this.clock = clock;
    this.slaReference = slaReference;
    this.sla = sla;
    this.progress = progress;
  }

  public EcrFacts run(EcrInput input) throws IOException {
    List<CollectionProblem> problems = new ArrayList<>();
    String source;
    if (input.live().isPresent()) {
      EcrInput.Live live = input.live().get();
      source = "ECR API " + live.region() + live.endpoint().map(e -> " at " + e).orElse("");
      problems.addAll(collect(live));
    } else {
      Path snapshot = input.snapshot().get();
      source = "ECR snapshot " + snapshot.toAbsolutePath();
      problems.addAll(copySnapshot(snapshot));
    }
    EcrFacts facts = read(problems);
    ObjectNode collection = PacketJson.object();
    collection.put("source", source);
    collection.put("repositories", facts.repositories().size());
    collection.put("images", facts.images().size());
    collection.put("findings", facts.findings());
    collection.put("complete", facts.problems().isEmpty());
    var p = collection.putArray("problems");
    for (CollectionProblem cp : facts.problems()) {
      ObjectNode n = p.addObject();
      n.put("reason", cp.reason().name());
      n.put("operation", cp.operation());
      n.put("target", cp.target());
      n.put("message", cp.message());
    }
    files.writeJson(DIR + "/collection.json", collection);
    files
        .registry()
        .add(
            DIR + "/collection.json",
            "application/json",
            "What the ECR collection read and every part it could not read (" + source + ").",
            "",
            "ecr.repository.settings",
            "ecr.scan.findings",
            "coverage.gaps");
    return facts;
  }

  private List<CollectionProblem> collect(EcrInput.Live live) throws IOException {
    EcrCollector.Builder b =
        EcrCollector.builder().region(live.region()).requestsPerSecond(live.requestsPerSecond());
    live.registryId().ifPresent(b::registryId);
    live.endpoint().ifPresent(b::endpointOverride);
    live.credentials().ifPresent(b::credentialsProvider);
    EcrCollection result;
    try (EvidenceSink sink = EvidenceSink.directory(files.resolve(RAW));
        EcrCollector collector = b.clock(clock).evidenceSink(sink).progress(progress).build()) {
      result = collector.collect(new EcrVisitor() {});
    } catch (AwsEvidenceException e) {
      return List.of(new CollectionProblem(e.reason(), "ecr", "", e.getMessage()));
    }
    List<CollectionProblem> problems = new ArrayList<>(result.problems());
    if (result.apiCalls() == 0 && problems.isEmpty()) {
      problems.add(
          new CollectionProblem(
              AwsReason.SERVICE_ERROR, "ecr", "", "ECR answered no request at all"));
    }
    return problems;
  }

  /** Copies the snapshot's ECR answers, checking each against the hash its index recorded. */
  private List<CollectionProblem> copySnapshot(Path snapshot) throws IOException {
    Path index = snapshot.resolve("queries.jsonl");
    if (!Files.isRegularFile(index)) {
      throw new AwsEvidenceException(
          AwsReason.NOT_FOUND,
          "ECR snapshot "
              + snapshot
              + " has no queries.jsonl: it was not written by the collector");
    }
    List<CollectionProblem> problems = new ArrayList<>();
    Files.createDirectories(files.resolve(RAW));
    long copied = 0;
    try (BufferedReader r = Files.newBufferedReader(index, StandardCharsets.UTF_8);
        JsonLinesFile out = JsonLinesFile.create(files, QUERIES)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode entry = PacketJson.MAPPER.readTree(line);
        String file = entry.path("file").asText("");
        if (!file.startsWith("ecr/")) {
          continue;
        }
        if (!Names.safe(file)) {
          problems.add(
              new CollectionProblem(
                  AwsReason.RESPONSE_MALFORMED, "snapshot", file, "unsafe file name in the index"));
          continue;
        }
        Path source = snapshot.resolve(file).normalize();
        if (!source.startsWith(snapshot.normalize()) || !Files.isRegularFile(source)) {
          problems.add(
              new CollectionProblem(
                  AwsReason.NOT_FOUND,
                  "snapshot",
                  file,
                  "the snapshot's index lists " + file + ", which is missing"));
          continue;
        }
        String expected = entry.path("sha256").asText("");
        String actual = Hashes.compute(source);
        if (!actual.equals(expected)) {
          // Why: a snapshot travels between hosts; an answer changed on the way is not evidence.
          problems.add(
              new CollectionProblem(
                  AwsReason.RESPONSE_MALFORMED,
                  "snapshot",
                  file,
                  file
                      + " does not have the SHA-256 the snapshot recorded: it changed after"
                      + " collection"));
          continue;
        }
        files.copy(source, RAW + "/" + file);
        out.writeLine(line.strip());
        copied++;
        progress.update("ecr snapshot files", copied, -1);
      }
    }
    if (copied == 0) {
      problems.add(
          new CollectionProblem(
              AwsReason.NOT_FOUND,
              "snapshot",
              snapshot.toString(),
              "the snapshot holds no ECR answer"));
    }
    return problems;
  }

  private record Entry(String file, String operation, JsonNode query) {}

  private EcrFacts read(List<CollectionProblem> problems) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Path index = files.resolve(QUERIES);
    if (Files.isRegularFile(index)) {
      try (BufferedReader r = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          if (!line.isBlank()) {
            JsonNode n = PacketJson.MAPPER.readTree(line);
            entries.add(
                new Entry(
                    n.path("file").asText(),
                    n.path("query").path("operation").asText(),
                    n.path("query")));
          }
        }
      }
    }
    files
        .registry()
        .add(
            QUERIES,
            "application/x-ndjson",
            "Index of every raw Amazon ECR API answer in the packet: file, SHA-256, size and the"
                + " exact request (operation, region, endpoint, parameters, request id, time).",
            "",
            "ecr.repository.settings",
            "ecr.registry.scanning",
            "ecr.repository.policies",
            "ecr.scan.findings");

    Optional<RegistryScanning> scanning = Optional.empty();
    // Sorted by name, not in the order the answers arrived (the collector fetches concurrently):
    // the same estate gives the same packet.
    Map<String, EcrRepository> repositories = new TreeMap<>();
    Map<String, Boolean> policies = new HashMap<>();
    Map<String, EcrImage> images = new TreeMap<>();
    try (JsonLinesFile policyOut =
        JsonLinesFile.create(files, DIR + "/repository-policies.jsonl")) {
      for (Entry e : entries) {
        JsonNode body = body(e, problems);
        if (body == null) {
          continue;
        }
        switch (e.operation()) {
          case "GetRegistryScanningConfiguration" -> {
            scanning = Optional.of(scanning(body));
            files
                .registry()
                .add(
                    RAW + "/" + e.file(),
                    "application/json",
                    "The ECR registry scanning configuration (GetRegistryScanningConfiguration answer).",
                    query(e),
                    "ecr.registry.scanning");
          }
          case "DescribeRepositories" -> {
            for (JsonNode r : body.path("repositories")) {
              EcrRepository repo = repository(r);
              repositories.put(repo.name(), repo);
            }
            files
                .registry()
                .add(
                    RAW + "/" + e.file(),
                    "application/json",
                    "ECR repository settings: tag mutability, scan on push, encryption"
                        + " (DescribeRepositories answer).",
                    query(e),
                    "ecr.repository.settings");
          }
          case "GetRepositoryPolicy" -> {
            String name =
                text(body, "repositoryName").orElse(param(e, "repositoryName").orElse(""));
            boolean present =
                !body.path("__type").asText("").endsWith("RepositoryPolicyNotFoundException");
            policies.put(name, present);
            ObjectNode n = PacketJson.object();
            n.put("repositoryName", name);
            n.put("policy", present);
            n.put("policyText", present ? body.path("policyText").asText("") : "");
            n.put("file", RAW + "/" + e.file());
            policyOut.write(n);
          }
          case "DescribeImages" -> {
            for (JsonNode d : body.path("imageDetails")) {
              EcrImage image = image(d);
              images.put(image.repositoryName() + "@" + image.digest(), image);
            }
          }
          default -> {
            // findings are read in a second pass, with their images known
          }
        }
      }
    }
    files
        .registry()
        .add(
            DIR + "/repository-policies.jsonl",
            "application/x-ndjson",
            "Each ECR repository's resource policy text, or that it has none (GetRepositoryPolicy"
                + " answers, listed with their files in queries.jsonl).",
            "",
            "ecr.repository.policies");

    // Findings, aggregated per image as the pages arrive; every finding also goes to
    // findings.jsonl.
    Map<String, Acc> acc = new HashMap<>();
    long findings = 0;
    try (JsonLinesFile out = JsonLinesFile.create(files, DIR + "/findings.jsonl")) {
      for (Entry e : entries) {
        if (!e.operation().equals("DescribeImageScanFindings")) {
          continue;
        }
        JsonNode body = body(e, problems);
        if (body == null) {
          continue;
        }
        String repo = text(body, "repositoryName").orElse(param(e, "repositoryName").orElse(""));
        String digest = text(body.path("imageId"), "imageDigest").orElse("");
        EcrImage image = images.get(repo + "@" + digest);
        Optional<Instant> scanned =
            time(body.path("imageScanFindings").path("imageScanCompletedAt"))
                .or(() -> image == null ? Optional.empty() : image.scanCompletedAt());
        Acc a = acc.computeIfAbsent(repo + "@" + digest, k -> new Acc());
        for (JsonNode f : body.path("imageScanFindings").path("findings")) {
          findings++;
          String pkg = attribute(f, "package_name");
          ObjectNode n =
              finding(
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
                  RAW + "/" + e.file());
          out.write(n);
          a.add(f.path("name").asText(""), f.path("severity").asText("UNDEFINED"), pkg, scanned);
        }
        for (JsonNode f : body.path("imageScanFindings").path("enhancedFindings")) {
          findings++;
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
          ObjectNode n =
              finding(
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
                  RAW + "/" + e.file());
          out.write(n);
          if (status.equals("ACTIVE")) {
            a.add(id, f.path("severity").asText("UNDEFINED"), pkg, first);
          }
        }
      }
    }
    files
        .registry()
        .add(
            DIR + "/findings.jsonl",
            "application/x-ndjson",
            "Every Amazon ECR scan finding per image digest: vulnerability, severity, package, fixed"
                + " version, status and first/last observed times (from the DescribeImageScanFindings"
                + " answers listed in queries.jsonl).",
            "",
            "ecr.scan.findings",
            "image.vulnerabilities");

    Map<String, String> uris = new HashMap<>();
    try (JsonLinesFile out = JsonLinesFile.create(files, DIR + "/repositories.jsonl")) {
      for (EcrRepository r : repositories.values()) {
        uris.put(r.name(), r.uri());
        ObjectNode n = PacketJson.object();
        n.put("registryId", r.registryId());
        n.put("repositoryName", r.name());
        n.put("repositoryUri", r.uri());
        n.put("imageTagMutability", r.imageTagMutability());
        n.put("tagsImmutable", r.tagsImmutable());
        n.put("scanOnPush", r.scanOnPush());
        n.put("encryptionType", r.encryptionType());
        n.put("kmsKey", r.kmsKey().orElse(""));
        n.put("createdAt", r.createdAt().map(Instant::toString).orElse(""));
        Boolean policy = policies.get(r.name());
        if (policy == null) {
          n.putNull("policy");
        } else {
          n.put("policy", policy);
        }
        out.write(n);
      }
    }
    files
        .registry()
        .add(
            DIR + "/repositories.jsonl",
            "application/x-ndjson",
            "Each ECR repository's tag mutability, scan on push, encryption type and KMS key, and"
                + " whether it has a resource policy.",
            "",
            "ecr.repository.settings",
            "ecr.repository.policies");

    Map<String, EcrFacts.Image> byReference = new LinkedHashMap<>();
    try (JsonLinesFile out = JsonLinesFile.create(files, DIR + "/images.jsonl")) {
      for (EcrImage i : images.values()) {
        String uri = uris.getOrDefault(i.repositoryName(), "");
        if (uri.isEmpty()) {
          uri = i.registryId() + ".dkr.ecr.unknown/" + i.repositoryName();
        }
        String reference = uri + "@" + i.digest();
        Acc a = acc.getOrDefault(i.repositoryName() + "@" + i.digest(), new Acc());
        EcrFacts.Image fact =
            new EcrFacts.Image(reference, i, a.severities, a.oldest, a.late(slaReference, sla));
        byReference.put(reference, fact);
        ObjectNode n = PacketJson.object();
        n.put("reference", reference);
        n.put("repositoryName", i.repositoryName());
        n.put("digest", i.digest());
        n.set("tags", PacketJson.strings(i.tags()));
        n.put("pushedAt", i.pushedAt().map(Instant::toString).orElse(""));
        n.put("scanStatus", i.scanStatus().orElse(""));
        n.put("scanCompletedAt", i.scanCompletedAt().map(Instant::toString).orElse(""));
        ObjectNode sev = n.putObject("openFindings");
        new TreeMap<>(a.severities).forEach(sev::put);
        n.put("oldestOpenFinding", a.oldest.map(Instant::toString).orElse(""));
        n.put("lastRecordedPullTime", i.lastRecordedPullTime().map(Instant::toString).orElse(""));
        out.write(n);
      }
    }
    files
        .registry()
        .add(
            DIR + "/images.jsonl",
            "application/x-ndjson",
            "Each image in the ECR repositories: digest, tags, push time, scan status and time, open"
                + " findings by severity and the oldest open finding.",
            "",
            "ecr.scan.findings",
            "image.vulnerabilities");

    Map<String, EcrFacts.Repository> repos = new LinkedHashMap<>();
    repositories.forEach(
        (name, r) ->
            repos.put(name, new EcrFacts.Repository(r, Optional.ofNullable(policies.get(name)))));
    return new EcrFacts(repos, byReference, scanning, problems, findings);
  }

  /** Open findings of one image. */
  private static final class Acc {
    final Map<String, Long> severities = new HashMap<>();
    Optional<Instant> oldest = Optional.empty();
    final List<EcrFacts.LateFinding> seen = new ArrayList<>();

    void add(String id, String severity, String pkg, Optional<Instant> first) {
      severities.merge(severity, 1L, Long::sum);
      if (first.isPresent()) {
        if (oldest.isEmpty() || first.get().isBefore(oldest.get())) {
          oldest = first;
        }
        seen.add(new EcrFacts.LateFinding(id, severity, pkg, first.get()));
      }
    }

    List<EcrFacts.LateFinding> late(Instant reference, Duration sla) {
      Instant limit = reference.minus(sla);
      return seen.stream().filter(f -> f.firstSeen().isBefore(limit)).toList();
    }
  }

  private JsonNode body(Entry e, List<CollectionProblem> problems) {
    Path p = files.resolve(RAW + "/" + e.file());
    try {
      return PacketJson.MAPPER.readTree(Files.readAllBytes(p));
    } catch (IOException ex) {
      problems.add(
          new CollectionProblem(
              AwsReason.RESPONSE_MALFORMED,
              "ecr:" + e.operation(),
              e.file(),
              "the answer is not JSON: " + ex.getMessage()));
      return null;
    }
  }

  private static String query(Entry e) {
    JsonNode q = e.query();
    return q.path("service").asText()
        + ":"
        + q.path("operation").asText()
        + " "
        + q.path("region").asText()
        + " "
        + q.path("endpoint").asText()
        + " "
        + q.path("parameters").asText();
  }

  private static Optional<String> param(Entry e, String field) {
    try {
      JsonNode p = PacketJson.MAPPER.readTree(e.query().path("parameters").asText("{}"));
      return text(p, field);
    } catch (IOException ex) {
      return Optional.empty();
    }
  }

  private static ObjectNode finding(
      String repo,
      String digest,
      String kind,
      String id,
      String severity,
      String pkg,
      String version,
      String fixed,
      String status,
      Optional<Instant> firstSeen,
      Optional<Instant> lastSeen,
      String file) {
    ObjectNode n = PacketJson.object();
    n.put("repositoryName", repo);
    n.put("imageDigest", digest);
    n.put("kind", kind);
    n.put("vulnerabilityId", id);
    n.put("severity", severity);
    n.put("packageName", pkg);
    n.put("packageVersion", version);
    n.put("fixedInVersion", fixed);
    n.put("status", status);
    n.put("firstSeen", firstSeen.map(Instant::toString).orElse(""));
    n.put("lastSeen", lastSeen.map(Instant::toString).orElse(""));
    n.put("file", file);
    return n;
  }

  private static String attribute(JsonNode finding, String key) {
    for (JsonNode a : finding.path("attributes")) {
      if (key.equals(a.path("key").asText())) {
        return a.path("value").asText("");
      }
    }
    return "";
  }

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

  /** AWS JSON protocols send timestamps as epoch seconds (with fractions); ISO-8601 is read too. */
  static Optional<Instant> time(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return Optional.empty();
    }
    if (n.isNumber()) {
      return Optional.of(Instant.ofEpochMilli(Math.round(n.asDouble() * 1000)));
    }
    try {
      return Optional.of(Instant.parse(n.asText()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }
}
