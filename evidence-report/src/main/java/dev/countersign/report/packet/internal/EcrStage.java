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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      problems.addAll(new EcrSnapshotCopy(files, progress).copy(snapshot));
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

  private EcrFacts read(List<CollectionProblem> problems) throws IOException {
    List<EcrAnswer> answers = EcrAnswer.index(files.resolve(QUERIES));
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

    EcrAnswerBodies bodies = new EcrAnswerBodies(files, problems);
    Optional<RegistryScanning> scanning = Optional.empty();
    // Sorted by name, not in the order the answers arrived (the collector fetches concurrently):
    // the same estate gives the same packet.
    Map<String, EcrRepository> repositories = new TreeMap<>();
    Map<String, Boolean> policies = new HashMap<>();
    Map<String, EcrImage> images = new TreeMap<>();
    try (JsonLinesFile policyOut =
        JsonLinesFile.create(files, DIR + "/repository-policies.jsonl")) {
      for (EcrAnswer e : answers) {
        Optional<JsonNode> answer = bodies.body(e);
        if (answer.isEmpty()) {
          continue;
        }
        JsonNode body = answer.get();
        switch (e.operation()) {
          case "GetRegistryScanningConfiguration" -> {
            scanning = Optional.of(EcrResponses.scanning(body));
            files
                .registry()
                .add(
                    e.packetPath(),
                    "application/json",
                    "The ECR registry scanning configuration (GetRegistryScanningConfiguration answer).",
                    e.request(),
                    "ecr.registry.scanning");
          }
          case "DescribeRepositories" -> {
            for (JsonNode r : body.path("repositories")) {
              EcrRepository repo = EcrResponses.repository(r);
              repositories.put(repo.name(), repo);
            }
            files
                .registry()
                .add(
                    e.packetPath(),
                    "application/json",
                    "ECR repository settings: tag mutability, scan on push, encryption"
                        + " (DescribeRepositories answer).",
                    e.request(),
                    "ecr.repository.settings");
          }
          case "GetRepositoryPolicy" -> {
            String name =
                EcrJson.text(body, "repositoryName")
                    .orElse(e.parameter("repositoryName").orElse(""));
            boolean present =
                !body.path("__type").asText("").endsWith("RepositoryPolicyNotFoundException");
            policies.put(name, present);
            ObjectNode n = PacketJson.object();
            n.put("repositoryName", name);
            n.put("policy", present);
            n.put("policyText", present ? body.path("policyText").asText("") : "");
            n.put("file", e.packetPath());
            policyOut.write(n);
          }
          case "DescribeImages" -> {
            for (JsonNode d : body.path("imageDetails")) {
              EcrImage image = EcrResponses.image(d);
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

    EcrScanFindings findings = EcrScanFindings.write(files, answers, bodies, images);

    Map<String, String> uris = new HashMap<>();
    try (JsonLinesFile out = JsonLinesFile.create(files, DIR + "/repositories.jsonl")) {
      for (EcrRepository r : repositories.values()) {
        uris.put(r.name(), r.uri());
        out.write(repositoryLine(r, policies.get(r.name())));
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
        OpenFindings open = findings.open(i.repositoryName(), i.digest());
        byReference.put(
            reference,
            new EcrFacts.Image(
                reference, i, open.severities(), open.oldest(), open.late(slaReference, sla)));
        out.write(imageLine(reference, i, open));
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
    return new EcrFacts(repos, byReference, scanning, problems, findings.count());
  }

  /**
   * A line of {@code repositories.jsonl}.
   *
   * @param policy whether the repository has a resource policy; null when no answer said
   */
  private static ObjectNode repositoryLine(EcrRepository r, Boolean policy) {
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
    if (policy == null) {
      n.putNull("policy");
    } else {
      n.put("policy", policy);
    }
    return n;
  }

  /** A line of {@code images.jsonl}. */
  private static ObjectNode imageLine(String reference, EcrImage i, OpenFindings open) {
    ObjectNode n = PacketJson.object();
    n.put("reference", reference);
    n.put("repositoryName", i.repositoryName());
    n.put("digest", i.digest());
    n.set("tags", PacketJson.strings(i.tags()));
    n.put("pushedAt", i.pushedAt().map(Instant::toString).orElse(""));
    n.put("scanStatus", i.scanStatus().orElse(""));
    n.put("scanCompletedAt", i.scanCompletedAt().map(Instant::toString).orElse(""));
    ObjectNode sev = n.putObject("openFindings");
    new TreeMap<>(open.severities()).forEach(sev::put);
    n.put("oldestOpenFinding", open.oldest().map(Instant::toString).orElse(""));
    n.put("lastRecordedPullTime", i.lastRecordedPullTime().map(Instant::toString).orElse(""));
    return n;
  }
}
