package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.cmmc.CmmcCatalog;
import dev.countersign.report.inventory.RunningImage;
import dev.countersign.report.oscal.PacketMetadata;
import dev.countersign.report.packet.Gap;
import dev.countersign.report.packet.GapKind;
import dev.countersign.report.packet.PacketException;
import dev.countersign.report.packet.PacketResult;
import dev.countersign.report.packet.PacketSettings;
import dev.countersign.report.packet.PrincipalPattern;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.policy.LintFinding;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.PolicySet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
      lint =
          new PolicyStage(
                  files, settings.policies(), settings.trustRootsDirectory(), settings.clock())
              .run(policies);
      new TrustRootStage(files).run(settings.trustRoots());
      inScope = new InventoryStage(files, gaps).run(settings.inventories());
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
        InventoryStage.addEcrImages(inScope, ecr);
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

    ObjectNode inputs = PacketInputs.describe(settings, policies);
    files.writeJson(PacketInputs.FILE, inputs);

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
        .write(
            metadata,
            ObservationDetails.subjects(rows, ecr),
            ObservationDetails.summaries(rows, ecr, trail, admission, gapCounts));

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

    ObjectNode metadataJson =
        ManifestMetadata.describe(settings, catalog, inputs, generated, policies, rows, gapCounts);
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
}
