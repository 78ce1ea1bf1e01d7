package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.report.aws.CloudTrailEvents;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.aws.TrailLocation;
import dev.countersign.report.cmmc.CmmcCatalog;
import dev.countersign.report.inventory.Inventory;
import dev.countersign.report.inventory.RawEvidence;
import dev.countersign.report.inventory.RunningImage;
import dev.countersign.report.oscal.PacketMetadata;
import dev.countersign.report.oscal.Subject;
import dev.countersign.report.packet.Gap;
import dev.countersign.report.packet.GapKind;
import dev.countersign.report.packet.PacketException;
import dev.countersign.report.packet.PacketResult;
import dev.countersign.report.packet.PacketSettings;
import dev.countersign.report.packet.PrincipalPattern;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.policy.ImagePolicy;
import dev.countersign.verify.policy.LintFinding;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.PolicyLint;
import dev.countersign.verify.policy.PolicySet;
import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustRoots;
import dev.countersign.verify.trust.TrustedService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/** One packet build, in order: inputs, verification, AWS and admission evidence, outputs, seal. */
public final class PacketRun {
  private final PacketSettings settings;
  private final Progress progress;
  private final CmmcCatalog catalog;

  public PacketRun(PacketSettings settings, Progress progress) {
    this.settings = settings;
    this.progress = progress;
    this.catalog = settings.catalog();
  }

  public PacketResult run() throws IOException {
    long started = System.nanoTime();
    PolicySet policies;
    try {
      policies = PolicySet.load(settings.policies());
    } catch (PolicyException e) {
      throw new PacketException(
          PacketException.Reason.CONFIGURATION_INVALID,
          "the policies cannot be loaded: " + e.getMessage(),
          e);
    }
    PrivateKey signingKey;
    boolean ephemeral = settings.signingKey().isEmpty();
    if (ephemeral) {
      KeyPair pair = DecisionLogKeys.generateEd25519();
      signingKey = pair.getPrivate();
    } else {
      signingKey = settings.signingKey().get();
    }
    RecordingEvidenceSource recorder = new RecordingEvidenceSource(settings.evidenceSource());
    Verifier verifier;
    try {
      verifier =
          Verifier.builder()
              .trustRoots(settings.trustRoots())
              .policies(policies)
              .whenNoPolicyMatches(settings.noMatch())
              .evidenceSource(recorder)
              .build();
    } catch (PolicyException | IllegalArgumentException | IllegalStateException e) {
      throw new PacketException(
          PacketException.Reason.CONFIGURATION_INVALID,
          "the verifier cannot be set up: " + e.getMessage(),
          e);
    }

    PacketFiles files = PacketFiles.create(settings.out());
    Hashes hashes = new Hashes();
    Instant generated = settings.clock().instant();
    List<PrincipalPattern> ci =
        settings.ciPrincipals().stream().map(PrincipalPattern::compile).toList();

    GapLog gaps = new GapLog(files);
    Map<String, ImageFacts> facts;
    EcrFacts ecr;
    CloudTrailFacts trail;
    AdmissionFacts admission;
    Map<String, List<RunningImage>> inScope;
    List<ImageRow> rows;
    List<LintFinding> lint;
    try (gaps) {
      lint = policies(files, policies);
      trustRoots(files);
      inScope = inventory(files, gaps);
      if (settings.ecr().isPresent()) {
        ecr =
            new EcrStage(
                    files,
                    settings.clock(),
                    settings.window().end(),
                    settings.findingsSla(),
                    progress)
                .run(settings.ecr().get());
      } else {
        ecr = EcrFacts.none();
        gaps.add(
            Gap.of(
                GapKind.EVIDENCE_NOT_PROVIDED,
                "ecr.repository.settings",
                "no Amazon ECR evidence was collected (repository settings, registry scanning,"
                    + " repository policies, scan findings)"));
      }
      if (settings.inventoryFromEcr()) {
        for (EcrFacts.Image i : ecr.images().values()) {
          if (inScope.containsKey(i.reference())) {
            continue;
          }
          inScope
              .computeIfAbsent(i.reference(), k -> new ArrayList<>())
              .add(
                  new RunningImage(
                      i.reference(),
                      Optional.of(i.reference()),
                      "",
                      "",
                      "",
                      "",
                      null,
                      "",
                      "",
                      Optional.empty(),
                      "ecr:" + i.image().repositoryName()));
        }
      }
      if (inScope.isEmpty()) {
        throw new PacketException(
            PacketException.Reason.CONFIGURATION_INVALID,
            "no image digest is in scope: the inventory named none that could be resolved");
      }
      // Images in reference order, whatever order the inventory sources listed them in (a
      // cluster's pods, ECR's pages): the same estate gives the same packet.
      inScope = new TreeMap<>(inScope);
      Set<String> digests = new HashSet<>();
      for (String r : inScope.keySet()) {
        ImageReference.parse(r).digest().ifPresent(d -> digests.add(d.toString()));
      }

      // CloudTrail and the decision logs are read on another thread while images are verified.
      ExecutorService side =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "packet-evidence");
                t.setDaemon(true);
                return t;
              });
      try {
        Future<CloudTrailFacts> trailFuture =
            side.submit(
                () -> {
                  if (settings.cloudTrail().isEmpty()) {
                    gaps.add(
                        Gap.of(
                            GapKind.EVIDENCE_NOT_PROVIDED,
                            "cloudtrail.push.events",
                            "no CloudTrail evidence was collected (pushes, pulls, configuration"
                                + " changes, access denied, log integrity)"));
                    return CloudTrailFacts.none();
                  }
                  return new CloudTrailStage(
                          files, settings.window(), settings.clock(), ci, digests, gaps, progress)
                      .run(settings.cloudTrail().get());
                });
        Future<AdmissionFacts> admissionFuture =
            side.submit(
                () -> {
                  if (settings.webhookConfigurations().isEmpty()) {
                    gaps.add(
                        Gap.of(
                            GapKind.EVIDENCE_NOT_PROVIDED,
                            "admission.configuration",
                            "no ValidatingWebhookConfiguration was given: how admission control is"
                                + " configured (failure policy) is not evidenced"));
                  }
                  return new AdmissionStage(
                          files,
                          settings.window(),
                          generated,
                          settings.maxAdmissionSilence(),
                          digests,
                          gaps)
                      .run(
                          settings.decisionLogs(),
                          settings.decisionLogKeys(),
                          settings.decisionLogOpen(),
                          settings.webhookConfigurations());
                });
        facts =
            new ImageStage(
                    verifier,
                    recorder,
                    new DecisionFacts(policies),
                    files,
                    settings.parallelism(),
                    progress)
                .run(List.copyOf(inScope.keySet()));
        files
            .registry()
            .add(
                ImageStage.DECISIONS,
                "application/x-ndjson",
                "Every image digest's policy decision (application/vnd.countersign.decision.v1+json),"
                    + " one per line, with every check, its status, reason code and the facts it"
                    + " established (signer identity, issuer, log entry, builder, source, SBOM).",
                "verifier-core Verifier.evaluate per image digest, policy revision "
                    + policies.revision(),
                "image.signature.verdicts",
                "image.provenance.verdicts",
                "image.sbom.verdicts");
        files
            .registry()
            .add(
                ImageStage.EVIDENCE_INDEX,
                "application/x-ndjson",
                "Every raw piece of image evidence the verifier was given (cosign signatures, DSSE"
                    + " attestations, Sigstore bundles, certificates, in-toto statements with SBOMs and"
                    + " provenance), where it was found, and the blob holding it with its SHA-256.",
                settings.evidenceSourceDescription(),
                "image.signature.verdicts",
                "image.provenance.verdicts",
                "image.sbom.documents",
                "image.sbom.verdicts");
        trail = get(trailFuture);
        admission = get(admissionFuture);
      } finally {
        side.shutdownNow();
      }

      Correlation correlation = new Correlation(files, gaps);
      correlation.ecrGaps(ecr, settings.findingsSla(), settings.window().end());
      rows =
          correlation.run(
              inScope, facts, ecr, trail, admission, !settings.decisionLogs().isEmpty());
    }
    Map<GapKind, Long> gapCounts = gaps.counts();
    ObjectNode gapSummary = PacketJson.object();
    gapSummary.put("total", gaps.total());
    ObjectNode byKind = gapSummary.putObject("byKind");
    for (GapKind k : GapKind.values()) {
      byKind.put(k.name(), gapCounts.getOrDefault(k, 0L));
    }
    files.writeJson("evidence/gaps/summary.json", gapSummary);
    files
        .registry()
        .add(
            GapLog.FILE,
            "application/x-ndjson",
            "Every coverage gap found, one per line: kind (stable code), subject, detail and time.",
            "",
            "coverage.gaps");
    files
        .registry()
        .add(
            "evidence/gaps/summary.json",
            "application/json",
            "The number of coverage gaps of each kind.",
            "",
            "coverage.gaps");

    ObjectNode inputs = inputs(policies);
    files.writeJson("evidence/inputs.json", inputs);

    List<PracticeFolders.PracticeEvidence> practices =
        new PracticeFolders(files, catalog, hashes).write();

    PacketMetadata metadata =
        new PacketMetadata(
            "CMMC Level 2 evidence packet: " + settings.organization(),
            settings.organization(),
            settings.window().start(),
            settings.window().end(),
            settings.toolVersion(),
            generated,
            settings.assessmentPlan().orElse(OscalStage.defaultAssessmentPlan()));
    new OscalStage(files, catalog, hashes)
        .write(metadata, subjects(rows, ecr), summaries(rows, ecr, trail, admission, gapCounts));

    ReportModel model =
        new ReportModel(
            settings,
            generated,
            policies.revision(),
            lint,
            rows,
            ecr,
            trail,
            admission,
            gaps,
            gapCounts,
            practices,
            catalog,
            ephemeral,
            ManifestKey.keyId(DecisionLogKeys.publicKeyOf(signingKey)));
    files.write(HtmlReport.FILE, new HtmlReport(model).render());
    files.write(ReadmeText.FILE, new ReadmeText(model).render());

    ObjectNode metadataJson = manifestMetadata(inputs, generated, policies, rows, gapCounts);
    PacketIntegrity.Sealed sealed =
        PacketIntegrity.seal(files, hashes, metadataJson, signingKey, ephemeral, progress);

    Map<String, Long> decisions = new TreeMap<>();
    rows.forEach(r -> decisions.merge(r.facts().decision(), 1L, Long::sum));
    long containers =
        inScope.values().stream().flatMap(List::stream).filter(RunningImage::running).count();
    return new PacketResult(
        files.root(),
        rows.size(),
        containers,
        decisions,
        gapCounts,
        sealed.files(),
        sealed.manifestSha256(),
        sealed.logHash(),
        sealed.keyId(),
        ephemeral,
        Duration.ofNanos(System.nanoTime() - started));
  }

  private static <T> T get(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException) {
        throw (IOException) c;
      }
      if (c instanceof UncheckedIOException) {
        throw ((UncheckedIOException) c).getCause();
      }
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      throw new IllegalStateException(c);
    }
  }

  /** The inventory: normalised entries, raw sources, and the digest references in scope. */
  private Map<String, List<RunningImage>> inventory(PacketFiles files, GapLog gaps)
      throws IOException {
    Map<String, List<RunningImage>> inScope = new LinkedHashMap<>();
    int n = 0;
    try (JsonLinesFile running = JsonLinesFile.create(files, "evidence/inventory/running.jsonl");
        JsonLinesFile queries =
            JsonLinesFile.create(files, "evidence/inventory/sources/queries.jsonl")) {
      for (Inventory inventory : settings.inventories()) {
        n++;
        for (RawEvidence raw : inventory.raw()) {
          String path =
              "evidence/inventory/sources/"
                  + n
                  + "-"
                  + Names.segment(inventory.source())
                  + "/"
                  + Names.path(raw.name());
          files.write(path, raw.content());
          ObjectNode q = PacketJson.object();
          q.put("file", path);
          q.put("sha256", Hashes.of(raw.content()));
          q.put("source", inventory.source());
          q.put("query", raw.query());
          queries.write(q);
        }
        for (RunningImage r : inventory.images()) {
          ObjectNode o = PacketJson.object();
          o.put("image", r.image());
          o.put("digestReference", r.digestReference().orElse(""));
          o.put("cluster", r.cluster());
          o.put("namespace", r.namespace());
          o.put("pod", r.pod());
          o.put("container", r.container());
          o.put("containerType", r.containerType().key());
          o.put("owner", r.ownerKind().isEmpty() ? "" : r.ownerKind() + "/" + r.ownerName());
          o.put("startedAt", r.startedAt().map(Instant::toString).orElse(""));
          o.put("source", r.source());
          running.write(o);
          if (r.digestReference().isEmpty()) {
            gaps.add(
                Gap.of(
                    GapKind.DIGEST_UNRESOLVED,
                    r.place().isEmpty() ? r.image() : r.place(),
                    "runs "
                        + r.image()
                        + " but the runtime reported no registry digest for it: what runs cannot be"
                        + " verified"));
            continue;
          }
          inScope.computeIfAbsent(r.digestReference().get(), k -> new ArrayList<>()).add(r);
        }
      }
    }
    files
        .registry()
        .add(
            "evidence/inventory/running.jsonl",
            "application/x-ndjson",
            "Every running container of the inventory: image as written, the digest it runs, cluster,"
                + " namespace, pod, container, owner and start time.",
            "",
            "inventory.running");
    files
        .registry()
        .add(
            "evidence/inventory/sources/queries.jsonl",
            "application/x-ndjson",
            "The inventory's sources as read (inventory files, Kubernetes pod list pages), each with"
                + " its SHA-256 and the query that produced it.",
            "",
            "inventory.running");
    return inScope;
  }

  private List<LintFinding> policies(PacketFiles files, PolicySet policies) throws IOException {
    Path source = settings.policies();
    List<Path> policyFiles = new ArrayList<>();
    if (Files.isDirectory(source)) {
      try (Stream<Path> s = Files.walk(source)) {
        s.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .sorted()
            .forEach(policyFiles::add);
      }
    } else {
      policyFiles.add(source);
    }
    for (Path p : policyFiles) {
      String rel =
          Files.isDirectory(source)
              ? source.relativize(p).toString().replace('\\', '/')
              : p.getFileName().toString();
      String path = "evidence/policies/files/" + Names.path(rel);
      files.copy(p, path);
      files
          .registry()
          .add(
              path,
              "application/yaml",
              "An ImagePolicy file in force (" + rel + ").",
              "",
              "policy.files");
    }
    List<LintFinding> lint =
        PolicyLint.lint(source, settings.trustRootsDirectory(), settings.clock().instant());
    ObjectNode index = PacketJson.object();
    index.put("revision", policies.revision());
    ArrayNode list = index.putArray("policies");
    for (ImagePolicy p : policies.policies()) {
      ObjectNode o = list.addObject();
      o.put("name", p.name());
      o.put("source", p.source());
      o.put("mode", p.mode().name());
      o.set("images", PacketJson.strings(p.images().stream().map(Object::toString).toList()));
      o.put("trustRoot", p.trustRoot().orElse(""));
      o.put("authorities", p.authorities().size());
      ArrayNode atts = o.putArray("attestations");
      p.attestations()
          .forEach(
              a -> atts.addObject().put("name", a.name()).put("predicateType", a.predicateType()));
    }
    ArrayNode findings = index.putArray("lint");
    for (LintFinding f : lint) {
      findings
          .addObject()
          .put("severity", f.severity().name())
          .put("code", f.code())
          .put("location", f.location())
          .put("message", f.message());
    }
    files.writeJson("evidence/policies/index.json", index);
    files
        .registry()
        .add(
            "evidence/policies/index.json",
            "application/json",
            "The policy set in force: its revision, each policy's images, mode, trust root and"
                + " required attestations, and every policy lint finding.",
            "countersign policy lint " + source.getFileName(),
            "policy.files");
    return lint;
  }

  private void trustRoots(PacketFiles files) throws IOException {
    ObjectNode index = PacketJson.object();
    ArrayNode list = index.putArray("trustRoots");
    for (TrustRoot r : settings.trustRoots()) {
      ObjectNode o = list.addObject();
      o.put("name", r.name());
      o.put("revision", r.revision());
      o.put("source", r.source());
      ArrayNode services = o.putArray("services");
      for (TrustedService s : r.services()) {
        services
            .addObject()
            .put("kind", s.kind().name())
            .put("uri", s.uri())
            .put("identity", s.identity())
            .put("validFrom", s.validFrom().map(Instant::toString).orElse(""))
            .put("validUntil", s.validUntil().map(Instant::toString).orElse(""));
      }
      byte[] content = rootBytes(r);
      if (content != null) {
        String path = "evidence/trust-roots/" + Names.segment(r.name()) + ".json";
        files.write(path, content);
        o.put("file", path);
        files
            .registry()
            .add(
                path,
                "application/json",
                "Trust root " + r.name() + " (" + r.revision() + ") as used for verification.",
                "",
                "trust.roots");
      }
    }
    files.writeJson("evidence/trust-roots/index.json", index);
    files
        .registry()
        .add(
            "evidence/trust-roots/index.json",
            "application/json",
            "The trust roots used: name, revision, source, and every certificate authority, log and"
                + " timestamp authority they trust with validity periods.",
            "",
            "trust.roots");
  }

  private static byte[] rootBytes(TrustRoot r) throws IOException {
    if (r.name().equals(TrustRoots.PUBLIC_GOOD)) {
      try (InputStream in = TrustRoots.class.getResourceAsStream(TrustRoots.PUBLIC_GOOD_RESOURCE)) {
        if (in != null) {
          return in.readAllBytes();
        }
      }
    }
    Path p;
    try {
      p = Path.of(r.source());
    } catch (java.nio.file.InvalidPathException e) {
      // a root loaded from somewhere that is not a file (a resource, a mirror URL)
      return null;
    }
    if (Files.isRegularFile(p)) {
      return Files.readAllBytes(p);
    }
    Path inside = p.resolve("trusted_root.json");
    if (Files.isDirectory(p) && Files.isRegularFile(inside)) {
      return Files.readAllBytes(inside);
    }
    return null;
  }

  private ObjectNode inputs(PolicySet policies) {
    ObjectNode n = PacketJson.object();
    n.put("organization", settings.organization());
    n.put("windowStart", settings.window().start().toString());
    n.put("windowEnd", settings.window().end().toString());
    ArrayNode inv = n.putArray("inventories");
    for (Inventory i : settings.inventories()) {
      inv.addObject().put("source", i.source()).put("entries", i.images().size());
    }
    n.put("inventoryFromEcr", settings.inventoryFromEcr());
    n.put("policies", settings.policies().getFileName().toString());
    n.put("policyRevision", policies.revision());
    ArrayNode roots = n.putArray("trustRoots");
    settings
        .trustRoots()
        .forEach(r -> roots.addObject().put("name", r.name()).put("revision", r.revision()));
    n.put("noPolicyMatch", settings.noMatch().name());
    n.put("evidenceSource", settings.evidenceSourceDescription());
    n.set(
        "decisionLogs",
        PacketJson.strings(
            settings.decisionLogs().stream().map(p -> p.getFileName().toString()).toList()));
    n.put("decisionLogKeys", settings.decisionLogKeys().size());
    n.put("maxAdmissionSilence", settings.maxAdmissionSilence().toString());
    n.set(
        "webhookConfigurations",
        PacketJson.strings(
            settings.webhookConfigurations().stream().map(RawEvidence::name).toList()));
    n.put(
        "ecr",
        settings
            .ecr()
            .map(
                e ->
                    e.snapshot()
                        .map(p -> "snapshot " + p.getFileName())
                        .orElseGet(() -> "live " + e.live().get().region()))
            .orElse(""));
    ArrayNode ct = n.putArray("cloudTrail");
    settings
        .cloudTrail()
        .ifPresent(
            c -> {
              for (CloudTrailEvents s : c.sources()) {
                ct.add(s.toString());
              }
              for (TrailLocation t : c.trails()) {
                ct.add("integrity: " + t.describe());
              }
            });
    n.set("ciPrincipals", PacketJson.strings(settings.ciPrincipals()));
    n.put("findingsSla", settings.findingsSla().toString());
    n.put("rev3Informative", settings.rev3Informative());
    n.set("invocation", PacketJson.strings(settings.invocation()));
    return n;
  }

  private ObjectNode manifestMetadata(
      ObjectNode inputs,
      Instant generated,
      PolicySet policies,
      List<ImageRow> rows,
      Map<GapKind, Long> gapCounts) {
    ObjectNode m = PacketJson.object();
    m.putObject("tool").put("name", "countersign").put("version", settings.toolVersion());
    m.put("generated", generated.toString());
    m.put("organization", settings.organization());
    m.putObject("window")
        .put("start", settings.window().start().toString())
        .put("end", settings.window().end().toString());
    m.putObject("catalog").put("id", catalog.id()).put("revision", catalog.revision());
    m.put("policyRevision", policies.revision());
    ArrayNode roots = m.putArray("trustRoots");
    settings
        .trustRoots()
        .forEach(r -> roots.addObject().put("name", r.name()).put("revision", r.revision()));
    m.set("inputs", inputs);
    ObjectNode counts = m.putObject("counts");
    counts.put("images", rows.size());
    counts.put("runningImages", rows.stream().filter(ImageRow::isRunning).count());
    ObjectNode g = counts.putObject("gaps");
    gapCounts.forEach((k, v) -> g.put(k.name(), v));
    return m;
  }

  private static Map<String, List<Subject>> subjects(List<ImageRow> rows, EcrFacts ecr) {
    Map<String, List<Subject>> out = new LinkedHashMap<>();
    List<Subject> images = rows.stream().map(r -> Subject.image(r.reference())).toList();
    out.put("image.signature.verdicts", images);
    out.put(
        "inventory.running",
        rows.stream().filter(ImageRow::isRunning).map(r -> Subject.image(r.reference())).toList());
    List<Subject> repos = new ArrayList<>();
    for (EcrFacts.Repository r : ecr.repositories().values()) {
      String id = r.settings().uri().isEmpty() ? r.settings().name() : r.settings().uri();
      repos.add(new Subject("ecr-repository", id, id));
    }
    out.put("ecr.repository.settings", repos);
    return out;
  }

  private static Map<String, String> summaries(
      List<ImageRow> rows,
      EcrFacts ecr,
      CloudTrailFacts trail,
      AdmissionFacts admission,
      Map<GapKind, Long> gaps) {
    Map<String, String> s = new LinkedHashMap<>();
    Map<String, Long> decisions = new TreeMap<>();
    rows.forEach(r -> decisions.merge(r.facts().decision(), 1L, Long::sum));
    s.put(
        "image.signature.verdicts",
        rows.size() + " image digests evaluated; decisions: " + decisions + ".");
    s.put(
        "inventory.running",
        rows.stream().filter(ImageRow::isRunning).count() + " image digests running.");
    s.put(
        "ecr.repository.settings",
        ecr.repositories().size()
            + " repositories, "
            + ecr.repositories().values().stream()
                .filter(r -> !r.settings().tagsImmutable())
                .count()
            + " with mutable tags.");
    s.put(
        "ecr.scan.findings", ecr.findings() + " findings over " + ecr.images().size() + " images.");
    trail
        .read()
        .ifPresent(
            r ->
                s.put(
                    "cloudtrail.push.events",
                    r.keptTotal()
                        + " ECR events kept of "
                        + r.read()
                        + " records read, "
                        + r.duplicates()
                        + " duplicates removed; "
                        + trail.nonCiPushes()
                        + " pushes by principals other than CI."));
    s.put(
        "admission.decisions",
        admission.recordsInWindow()
            + " verified admission records in the window; "
            + admission.unverifiedAdmissions()
            + " admitted without a verified decision; "
            + admission.silences().size()
            + " periods without records.");
    long total = gaps.values().stream().mapToLong(Long::longValue).sum();
    s.put("coverage.gaps", total + " gaps: " + gaps + ".");
    return s;
  }
}
