package dev.countersign.cli;

import dev.countersign.admission.records.DecisionLogException;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.admission.server.Durations;
import dev.countersign.report.aws.AwsEvidenceException;
import dev.countersign.report.cmmc.CmmcCatalog;
import dev.countersign.report.cmmc.CmmcCatalogException;
import dev.countersign.report.example.ExampleEstate;
import dev.countersign.report.inventory.InventoryException;
import dev.countersign.report.packet.GapKind;
import dev.countersign.report.packet.PacketBuilder;
import dev.countersign.report.packet.PacketException;
import dev.countersign.report.packet.PacketResult;
import dev.countersign.report.packet.PacketSettings;
import dev.countersign.report.packet.RepositoryLayouts;
import dev.countersign.verify.policy.NoMatchAction;
import dev.countersign.verify.policy.PolicySet;
import dev.countersign.verify.trust.TrustRootException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

  @Mixin EvidenceWindowOptions window;

  @Mixin InventoryOptions inventory;

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

  @Mixin AdmissionRecordOptions admission;

  @Mixin AwsEvidenceOptions awsEvidence;

  @Option(
      names = "--ci-principal",
      paramLabel = "PATTERN",
      description = "ARN glob, or re:REGEX, of a principal allowed to push images (repeatable).")
  List<String> ciPrincipals = new ArrayList<>();

  @Option(
      names = "--findings-sla",
      paramLabel = "DURATION",
      converter = Durations.class,
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
            || !inventory.inventories.isEmpty()
            || inventory.kubernetes
            || awsEvidence.snapshot != null
            || awsEvidence.ecrLive) {
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
    b.window(window.timeWindow());
    common(b);
    inventory.addTo(b, closers);
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
    admission.addTo(b);
    awsEvidence.addTo(b, window.trailDeliveryLag, closers);
    b.ciPrincipals(ciPrincipals).findingsSla(findingsSla);
    b.invocation(List.of("countersign", "packet"));
    return b.build();
  }

  /** The bytes of an input file; UsageException when it cannot be read. */
  static byte[] read(Path p) {
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
