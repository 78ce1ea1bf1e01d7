package dev.countersign.cli;

import dev.countersign.admission.records.DecisionLogException;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.report.aws.AwsEvidenceException;
import dev.countersign.report.aws.CloudTrailEvents;
import dev.countersign.report.aws.CloudTrailLookup;
import dev.countersign.report.aws.DigestPublicKeys;
import dev.countersign.report.aws.TimeWindow;
import dev.countersign.report.aws.TrailFiles;
import dev.countersign.report.aws.TrailLocation;
import dev.countersign.report.cmmc.CmmcCatalog;
import dev.countersign.report.cmmc.CmmcCatalogException;
import dev.countersign.report.example.ExampleEstate;
import dev.countersign.report.inventory.Inventory;
import dev.countersign.report.inventory.InventoryException;
import dev.countersign.report.inventory.RawEvidence;
import dev.countersign.report.packet.CloudTrailInput;
import dev.countersign.report.packet.EcrInput;
import dev.countersign.report.packet.GapKind;
import dev.countersign.report.packet.PacketBuilder;
import dev.countersign.report.packet.PacketException;
import dev.countersign.report.packet.PacketResult;
import dev.countersign.report.packet.PacketSettings;
import dev.countersign.report.packet.RepositoryLayouts;
import dev.countersign.verify.policy.NoMatchAction;
import dev.countersign.verify.policy.PolicySet;
import dev.countersign.verify.trust.TrustRootException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code countersign packet --out DIR ...}: builds a CMMC Level 2 audit packet. A packet is
 * evidence, not a verdict: exit 0 when it was written with every input collected (coverage gaps in
 * the estate are evidence and are counted, not failures), 1 with {@code --fail-on-gaps} when gaps
 * were found, 2 for usage or configuration errors, 3 when an input asked for could not be collected
 * completely (the packet is still written, with the problems recorded as gaps) or no packet could
 * be written.
 */
@Command(
    name = "packet",
    description =
        "Build a CMMC Level 2 audit packet: image verdicts and raw evidence, ECR and CloudTrail"
            + " evidence, admission records, correlation by digest, coverage gaps, OSCAL results,"
            + " an HTML report, CMMC hashing logs and a signed manifest.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    subcommands = {PacketVerifyCommand.class, PacketSnapshotCommand.class})
final class PacketCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", description = "The packet folder (new or empty).")
  Path out;

  @Option(
      names = "--example",
      description =
          "Build the packet of the shipped example estate (offline, in seconds); with --out only.")
  boolean example;

  @Option(
      names = "--organization",
      paramLabel = "NAME",
      description = "The organization seeking assessment.")
  String organization = "Organization Seeking Assessment";

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "Start of the evidence window (RFC 3339 UTC).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "End of the evidence window (default: now).")
  String to;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Length of the window ending at --to, when --from is not given (default 30d).")
  Duration window = Duration.ofDays(30);

  // --- inventory ---
  @Option(
      names = "--inventory",
      paramLabel = "FILE",
      description = "Inventory file (YAML or JSON) of running images (repeatable).")
  List<Path> inventories = new ArrayList<>();

  @Option(
      names = "--kubernetes",
      description = "Read running pods from Kubernetes (kubeconfig or in-cluster).")
  boolean kubernetes;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "kubeconfig to use with --kubernetes.")
  Path kubeconfig;

  @Option(
      names = "--kube-context",
      paramLabel = "NAME",
      description = "kubeconfig context to use with --kubernetes.")
  String kubeContext;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description = "The cluster's name in the packet (default: the context's).")
  String cluster;

  @Option(names = "--inventory-from-ecr", description = "Also put every image ECR lists in scope.")
  boolean inventoryFromEcr;

  // --- policies, trust, evidence ---
  @Option(
      names = "--policies",
      paramLabel = "FILE|DIR",
      description = "The ImagePolicy files in force.")
  Path policies;

  @Option(
      names = "--no-policy-match",
      paramLabel = "deny|warn|allow",
      description = "What happens to an image no policy applies to (default deny).")
  NoMatchAction noMatch = NoMatchAction.DENY;

  @Mixin TrustRootOptions trust;

  @Mixin RegistryOptions registry;

  @Option(
      names = "--oci-layouts",
      paramLabel = "DIR",
      description =
          "Read image evidence from OCI layouts, one per repository: DIR/<repository path>/.")
  Path ociLayouts;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "Images verified at the same time (default 8).")
  int parallelism = 8;

  // --- admission ---
  @Option(
      names = "--decision-log",
      paramLabel = "FILE",
      description = "Decision-log file of the admission webhook, oldest first (repeatable).")
  List<Path> decisionLogs = new ArrayList<>();

  @Option(
      names = "--decision-log-key",
      paramLabel = "PEM",
      description = "Public key the decision log must be signed with (repeatable).")
  List<Path> decisionLogKeys = new ArrayList<>();

  @Option(
      names = "--decision-log-open",
      description = "The last decision-log file is still being written.")
  boolean decisionLogOpen;

  @Option(
      names = "--max-admission-silence",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "A longer period without any admission record is a gap (default 24h).")
  Duration maxSilence = Duration.ofHours(24);

  @Option(
      names = "--webhook-configuration",
      paramLabel = "FILE",
      description = "ValidatingWebhookConfiguration YAML/JSON (repeatable).")
  List<Path> webhookConfigurations = new ArrayList<>();

  // --- AWS ---
  @Option(
      names = "--aws-region",
      paramLabel = "REGION",
      description = "AWS region of ECR and CloudTrail.")
  String awsRegion;

  @Option(
      names = "--ecr",
      description =
          "Collect Amazon ECR evidence now (DescribeRepositories, DescribeImages, findings, policies).")
  boolean ecrLive;

  @Option(
      names = "--ecr-registry-id",
      paramLabel = "ACCOUNT",
      description = "ECR registry (account id); default the caller's.")
  String ecrRegistryId;

  @Option(names = "--ecr-endpoint", paramLabel = "URL", description = "ECR API endpoint override.")
  URI ecrEndpoint;

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
      names = "--cloudtrail-endpoint",
      paramLabel = "URL",
      description = "CloudTrail API endpoint override.")
  URI cloudTrailEndpoint;

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
      names = "--s3-endpoint",
      paramLabel = "URL",
      description = "S3 endpoint override (path-style).")
  URI s3Endpoint;

  @Option(
      names = "--trail-public-keys",
      paramLabel = "FILE|DIR",
      description = "CloudTrail digest public keys (list-public-keys JSON or PEM).")
  Path trailKeys;

  @Option(
      names = "--trail-public-keys-from-aws",
      description = "Fetch the digest public keys with ListPublicKeys.")
  boolean trailKeysFromAws;

  @Option(
      names = "--trail-delivery-lag",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long after the window trail files are still read (default 2h).")
  Duration deliveryLag = Duration.ofHours(2);

  // --- correlation and output ---
  @Option(
      names = "--ci-principal",
      paramLabel = "PATTERN",
      description = "ARN glob, or re:REGEX, of a principal allowed to push images (repeatable).")
  List<String> ciPrincipals = new ArrayList<>();

  @Option(
      names = "--findings-sla",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long a finding may stay open, as of the window's end (default 30d).")
  Duration findingsSla = Duration.ofDays(30);

  @Option(
      names = "--signing-key",
      paramLabel = "PEM",
      description =
          "Ed25519 or ECDSA P-256 private key that signs the manifest (default: a new key).")
  Path signingKey;

  @Option(
      names = "--rev3-informative",
      description = "Add the informative NIST SP 800-171 Rev. 3 supply chain section.")
  boolean rev3;

  @Option(
      names = "--assessment-plan",
      paramLabel = "URI",
      description = "The OSCAL assessment plan the results import.")
  URI assessmentPlan;

  @Option(
      names = "--cmmc-catalog",
      paramLabel = "DIR",
      description = "A folder with an adapted CMMC catalog or mapping.")
  Path catalogDirectory;

  @Option(names = "--fail-on-gaps", description = "Exit 1 when coverage gaps were found.")
  boolean failOnGaps;

  @Override
  public Integer call() {
    if (out == null) {
      throw new UsageException("USAGE", "--out DIR is required");
    }
    PrintWriter err = spec.commandLine().getErr();
    PacketProgress progress = new PacketProgress(err, System.console() != null);
    Path exampleDir = null;
    List<AutoCloseable> closers = new ArrayList<>();
    try {
      PacketSettings settings;
      if (example) {
        if (policies != null
            || !inventories.isEmpty()
            || kubernetes
            || snapshot != null
            || ecrLive) {
          throw new UsageException("USAGE", "--example takes only --out (and --signing-key)");
        }
        exampleDir = Files.createTempDirectory("countersign-example-estate");
        ExampleEstate.extract(exampleDir);
        PacketSettings.Builder b = ExampleEstate.settings(exampleDir, out);
        common(b);
        settings = b.build();
      } else {
        settings = settings(closers);
      }
      PacketResult r = PacketBuilder.build(settings, progress);
      progress.finish();
      print(spec.commandLine().getOut(), r);
      if (!r.complete()) {
        err.println(
            "countersign: INPUT_INCOMPLETE: some evidence could not be collected; the packet"
                + " records each problem as a COLLECTION_INCOMPLETE or IMAGE_NOT_EVALUATED gap");
        return ExitCode.UNEVALUATED;
      }
      return failOnGaps && r.gapCount() > 0 ? ExitCode.FAILED : ExitCode.VERIFIED;
    } catch (PacketException e) {
      progress.finish();
      switch (e.reason()) {
        case OSCAL_INVALID, OUTPUT_UNWRITABLE -> {
          err.println("countersign: " + e.reason() + ": " + Main.oneLine(e.getMessage()));
          return ExitCode.UNEVALUATED;
        }
        default -> throw new UsageException(e.reason().name(), e.getMessage());
      }
    } catch (InventoryException e) {
      progress.finish();
      if (e.reason() == InventoryException.Reason.KUBERNETES_UNAVAILABLE) {
        err.println("countersign: " + e.reason() + ": " + Main.oneLine(e.getMessage()));
        return ExitCode.UNEVALUATED;
      }
      throw new UsageException(e.reason().name(), e.getMessage());
    } catch (AwsEvidenceException e) {
      progress.finish();
      throw new UsageException("AWS_" + e.reason().name(), e.getMessage());
    } catch (CmmcCatalogException e) {
      throw new UsageException("CATALOG_INVALID", e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      progress.finish();
      err.println("countersign: PACKET_NOT_WRITTEN: " + Main.oneLine(e.getMessage()));
      return ExitCode.UNEVALUATED;
    } finally {
      for (AutoCloseable c : closers) {
        try {
          c.close();
        } catch (Exception e) {
          // nothing more to report at this point
        }
      }
      if (exampleDir != null) {
        deleteQuietly(exampleDir);
      }
    }
  }

  private void common(PacketSettings.Builder b) {
    b.toolVersion(Version.version()).parallelism(parallelism).rev3Informative(rev3);
    if (signingKey != null) {
      try {
        PrivateKey key = DecisionLogKeys.readPrivateKey(signingKey);
        b.signingKey(key);
      } catch (DecisionLogException e) {
        throw new UsageException("SIGNING_KEY_INVALID", "--signing-key " + e.getMessage());
      }
    }
    if (assessmentPlan != null) {
      b.assessmentPlan(assessmentPlan);
    }
    if (catalogDirectory != null) {
      b.catalog(CmmcCatalog.load(catalogDirectory));
    }
  }

  private PacketSettings settings(List<AutoCloseable> closers) throws IOException {
    if (policies == null) {
      throw new UsageException("USAGE", "--policies FILE|DIR is required (or --example)");
    }
    if (!Files.exists(policies)) {
      throw new UsageException("INPUT_UNREADABLE", "--policies " + policies + " does not exist");
    }
    PacketSettings.Builder b = PacketSettings.builder().out(out).organization(organization);
    b.window(window());
    common(b);
    for (Path p : inventories) {
      b.inventory(Inventory.fromFile(p));
    }
    if (kubernetes) {
      Config config =
          kubeconfig != null
              ? Config.fromKubeconfig(kubeContext, kubeconfig.toFile())
              : Config.autoConfigure(kubeContext);
      KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
      closers.add(client);
      String name =
          cluster != null
              ? cluster
              : Optional.ofNullable(config.getCurrentContext())
                  .map(c -> c.getName())
                  .orElse("kubernetes");
      b.inventory(Inventory.fromKubernetes(client, name));
      Inventory.webhookConfigurations(client, name).forEach(b::webhookConfiguration);
    }
    b.inventoryFromEcr(inventoryFromEcr);
    PolicySet set = VerifyImageCommand.loadPolicies(policies);
    b.policies(policies);
    try {
      b.trustRoots(trust.loadFor(set));
    } catch (TrustRootException e) {
      throw new UsageException("TRUST_ROOT_INVALID", e.getMessage());
    }
    if (trust.trustRootsDirectory != null) {
      b.trustRootsDirectory(trust.trustRootsDirectory);
    }
    b.noMatch(noMatch);
    if (ociLayouts != null) {
      b.evidenceSource(
          RepositoryLayouts.in(ociLayouts), "OCI layouts per repository in " + ociLayouts);
    } else if (registry.ociLayout != null) {
      b.evidenceSource(registry.evidenceSource(), "OCI layout " + registry.ociLayout);
    } else {
      b.evidenceSource(registry.evidenceSource(), "container registries (OCI distribution API)");
    }
    for (Path p : decisionLogs) {
      if (!Files.isRegularFile(p)) {
        throw new UsageException("INPUT_UNREADABLE", "cannot read decision log " + p);
      }
    }
    b.decisionLogs(decisionLogs).decisionLogOpen(decisionLogOpen).maxAdmissionSilence(maxSilence);
    List<PublicKey> keys = new ArrayList<>();
    for (Path p : decisionLogKeys) {
      try {
        keys.add(DecisionLogKeys.readPublicKey(p));
      } catch (DecisionLogException e) {
        throw new UsageException("KEY_UNSUPPORTED", "--decision-log-key " + e.getMessage());
      }
    }
    b.decisionLogKeys(keys);
    for (Path p : webhookConfigurations) {
      b.webhookConfiguration(
          new RawEvidence(p.getFileName().toString(), read(p), "application/yaml", ""));
    }
    // AWS
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
      requireRegion("--ecr");
      b.ecr(
          EcrInput.live(
              new EcrInput.Live(
                  awsRegion,
                  Optional.ofNullable(ecrRegistryId),
                  Optional.ofNullable(ecrEndpoint),
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
      requireRegion("--trail-s3");
      if (!s.startsWith("s3://") || s.length() <= 5) {
        throw new UsageException("USAGE", "--trail-s3 must be s3://BUCKET[/PREFIX], not " + s);
      }
      String rest = s.substring(5);
      int slash = rest.indexOf('/');
      String bucket = slash < 0 ? rest : rest.substring(0, slash);
      String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
      S3Client client = s3Client();
      closers.add(client);
      TrailLocation t = TrailLocation.s3(client, bucket, prefix);
      trails.add(t);
      sources.add(TrailFiles.in(t).deliveryLag(deliveryLag));
    }
    if (lookup) {
      requireRegion("--cloudtrail-lookup");
      CloudTrailLookup.Builder lb = CloudTrailLookup.builder().region(awsRegion);
      if (cloudTrailEndpoint != null) {
        lb.endpointOverride(cloudTrailEndpoint);
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
        requireRegion("--trail-public-keys-from-aws");
        fetch =
            Optional.of(
                new CloudTrailInput.KeyFetch(
                    awsRegion, Optional.ofNullable(cloudTrailEndpoint), Optional.empty()));
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
    b.ciPrincipals(ciPrincipals).findingsSla(findingsSla);
    b.invocation(List.of("countersign", "packet"));
    return b.build();
  }

  private TimeWindow window() {
    Instant end = to == null ? Instant.now() : instant("--to", to);
    Instant start = from == null ? end.minus(window) : instant("--from", from);
    if (!end.isAfter(start)) {
      throw new UsageException(
          "USAGE", "the window must end after it starts: " + start + " .. " + end);
    }
    return TimeWindow.of(start, end);
  }

  private static Instant instant(String option, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "USAGE",
          option + " '" + text + "' is not an RFC 3339 UTC time such as 2025-09-01T00:00:00Z");
    }
  }

  private void requireRegion(String option) {
    if (awsRegion == null || awsRegion.isBlank()) {
      throw new UsageException("USAGE", option + " needs --aws-region");
    }
  }

  private S3Client s3Client() {
    var b =
        S3Client.builder()
            .region(Region.of(awsRegion))
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (s3Endpoint != null) {
      b.endpointOverride(s3Endpoint).forcePathStyle(true);
    }
    return b.build();
  }

  private static List<RawEvidence> keyFiles(Path keys) throws IOException {
    List<RawEvidence> out = new ArrayList<>();
    if (Files.isDirectory(keys)) {
      try (Stream<Path> s = Files.list(keys)) {
        for (Path p : s.sorted().toList()) {
          if (Files.isRegularFile(p)) {
            out.add(new RawEvidence(p.getFileName().toString(), read(p), "application/json", ""));
          }
        }
      }
    } else {
      out.add(new RawEvidence(keys.getFileName().toString(), read(keys), "application/json", ""));
    }
    return out;
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UsageException("INPUT_UNREADABLE", "cannot read " + p + ": " + e.getMessage());
    }
  }

  static void print(PrintWriter out, PacketResult r) {
    out.println("packet written: " + r.folder());
    out.println(
        "  images: "
            + r.images()
            + " digests, "
            + r.containers()
            + " running containers; decisions: "
            + new java.util.TreeMap<>(r.decisions()));
    StringBuilder gaps = new StringBuilder();
    for (Map.Entry<GapKind, Long> e : r.gaps().entrySet()) {
      if (e.getValue() > 0) {
        gaps.append(gaps.length() == 0 ? "" : ", ")
            .append(e.getKey())
            .append(' ')
            .append(e.getValue());
      }
    }
    out.println("  coverage gaps: " + r.gapCount() + (gaps.length() == 0 ? "" : " (" + gaps + ")"));
    out.println("  files: " + r.files() + ", manifest sha256 " + r.manifestSha256());
    out.println("  CMMCAssessmentLogHash: " + r.logHash());
    out.println(
        "  signed with key "
            + r.signingKeyId()
            + (r.ephemeralKey()
                ? " (made for this packet: record this key id or the log hash with the assessor)"
                : ""));
    out.println("  built in " + r.elapsed().toMillis() + " ms");
    out.flush();
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
