package dev.countersign.report.packet;

import dev.countersign.report.aws.TimeWindow;
import dev.countersign.report.cmmc.CmmcCatalog;
import dev.countersign.report.inventory.Inventory;
import dev.countersign.report.inventory.RawEvidence;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.policy.NoMatchAction;
import dev.countersign.verify.trust.TrustRoot;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one audit packet is built from. Build with {@link #builder()}; {@link Builder#build()}
 * checks every setting.
 *
 * @param out the folder to write; it must not exist or be empty
 * @param organization the organisation seeking assessment, as the packet names it
 * @param window the period the evidence covers
 * @param clock the packet's "now" (generation time); image verification uses the real time of
 *     verification, as it always does
 * @param catalog the CMMC catalog and evidence mapping
 * @param inventories what runs (files, clusters); may be empty when {@code inventoryFromEcr}
 * @param inventoryFromEcr also treat every image ECR lists as in scope (not running anywhere known)
 * @param policies the ImagePolicy file or folder in force
 * @param trustRoots the trust roots the policies verify with
 * @param trustRootsDirectory the folder they came from, for the policy lint; empty when not one
 * @param noMatch what happens to an image no policy applies to
 * @param evidenceSource where image evidence is read (a registry, OCI layouts)
 * @param evidenceSourceDescription that source in words, for the manifest and report
 * @param parallelism how many images are verified at the same time
 * @param decisionLogs the admission webhook's decision-log files, oldest first; empty when none
 * @param decisionLogKeys the keys the decision log must be signed with; empty: the key in the log
 * @param decisionLogOpen the last decision-log file is still being written
 * @param maxAdmissionSilence a longer period without any admission record is a gap
 * @param webhookConfigurations the admission webhook's ValidatingWebhookConfigurations, as read
 * @param ecr Amazon ECR evidence, when wanted
 * @param cloudTrail CloudTrail evidence, when wanted
 * @param ciPrincipals patterns of the principals allowed to push images (globs, or {@code re:}
 *     followed by a regular expression matching the whole ARN)
 * @param findingsSla how long a vulnerability finding may stay open, as of the window's end
 * @param signingKey the key that signs the manifest; empty: an ephemeral key is made
 * @param rev3Informative add the informative NIST SP 800-171 Rev. 3 supply chain section
 * @param assessmentPlan the OSCAL assessment plan the results import; empty: the packet's README
 * @param toolVersion the Countersign version, for the manifest and OSCAL
 * @param invocation the command line that built the packet, for the manifest; may be empty
 */
public record PacketSettings(
    Path out,
    String organization,
    TimeWindow window,
    Clock clock,
    CmmcCatalog catalog,
    List<Inventory> inventories,
    boolean inventoryFromEcr,
    Path policies,
    List<TrustRoot> trustRoots,
    Optional<Path> trustRootsDirectory,
    NoMatchAction noMatch,
    EvidenceSource evidenceSource,
    String evidenceSourceDescription,
    int parallelism,
    List<Path> decisionLogs,
    List<PublicKey> decisionLogKeys,
    boolean decisionLogOpen,
    Duration maxAdmissionSilence,
    List<RawEvidence> webhookConfigurations,
    Optional<EcrInput> ecr,
    Optional<CloudTrailInput> cloudTrail,
    List<String> ciPrincipals,
    Duration findingsSla,
    Optional<PrivateKey> signingKey,
    boolean rev3Informative,
    Optional<URI> assessmentPlan,
    String toolVersion,
    List<String> invocation) {

  public PacketSettings {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(catalog, "catalog");
    inventories = List.copyOf(inventories);
    Objects.requireNonNull(policies, "policies");
    trustRoots = List.copyOf(trustRoots);
    trustRootsDirectory = trustRootsDirectory == null ? Optional.empty() : trustRootsDirectory;
    Objects.requireNonNull(noMatch, "noMatch");
    Objects.requireNonNull(evidenceSource, "evidenceSource");
    Objects.requireNonNull(evidenceSourceDescription, "evidenceSourceDescription");
    decisionLogs = List.copyOf(decisionLogs);
    decisionLogKeys = List.copyOf(decisionLogKeys);
    Objects.requireNonNull(maxAdmissionSilence, "maxAdmissionSilence");
    webhookConfigurations = List.copyOf(webhookConfigurations);
    ecr = ecr == null ? Optional.empty() : ecr;
    cloudTrail = cloudTrail == null ? Optional.empty() : cloudTrail;
    ciPrincipals = List.copyOf(ciPrincipals);
    Objects.requireNonNull(findingsSla, "findingsSla");
    signingKey = signingKey == null ? Optional.empty() : signingKey;
    assessmentPlan = assessmentPlan == null ? Optional.empty() : assessmentPlan;
    Objects.requireNonNull(toolVersion, "toolVersion");
    invocation = List.copyOf(invocation);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the settings; {@link #build()} checks them. */
  public static final class Builder {
    private Path out;
    private String organization = "Organization Seeking Assessment";
    private TimeWindow window;
    private Clock clock = Clock.systemUTC();
    private CmmcCatalog catalog;
    private final List<Inventory> inventories = new ArrayList<>();
    private boolean inventoryFromEcr;
    private Path policies;
    private final List<TrustRoot> trustRoots = new ArrayList<>();
    private Path trustRootsDirectory;
    private NoMatchAction noMatch = NoMatchAction.DENY;
    private EvidenceSource evidenceSource;
    private String evidenceSourceDescription = "";
    private int parallelism = 8;
    private final List<Path> decisionLogs = new ArrayList<>();
    private final List<PublicKey> decisionLogKeys = new ArrayList<>();
    private boolean decisionLogOpen;
    private Duration maxAdmissionSilence = Duration.ofHours(24);
    private final List<RawEvidence> webhookConfigurations = new ArrayList<>();
    private EcrInput ecr;
    private CloudTrailInput cloudTrail;
    private final List<String> ciPrincipals = new ArrayList<>();
    private Duration findingsSla = Duration.ofDays(30);
    private PrivateKey signingKey;
    private boolean rev3Informative;
    private URI assessmentPlan;
    private String toolVersion = "dev";
    private final List<String> invocation = new ArrayList<>();

    private Builder() {}

    public Builder out(Path out) {
      this.out = out;
      return this;
    }

    public Builder organization(String organization) {
      this.organization = organization;
      return this;
    }

    public Builder window(TimeWindow window) {
      this.window = window;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder catalog(CmmcCatalog catalog) {
      this.catalog = catalog;
      return this;
    }

    public Builder inventory(Inventory inventory) {
      this.inventories.add(Objects.requireNonNull(inventory));
      return this;
    }

    public Builder inventoryFromEcr(boolean fromEcr) {
      this.inventoryFromEcr = fromEcr;
      return this;
    }

    public Builder policies(Path policies) {
      this.policies = policies;
      return this;
    }

    public Builder trustRoots(List<? extends TrustRoot> roots) {
      this.trustRoots.addAll(roots);
      return this;
    }

    public Builder trustRootsDirectory(Path directory) {
      this.trustRootsDirectory = directory;
      return this;
    }

    public Builder noMatch(NoMatchAction action) {
      this.noMatch = action;
      return this;
    }

    public Builder evidenceSource(EvidenceSource source, String description) {
      this.evidenceSource = source;
      this.evidenceSourceDescription = description;
      return this;
    }

    public Builder parallelism(int threads) {
      this.parallelism = threads;
      return this;
    }

    public Builder decisionLogs(List<Path> files) {
      this.decisionLogs.addAll(files);
      return this;
    }

    public Builder decisionLogKeys(List<PublicKey> keys) {
      this.decisionLogKeys.addAll(keys);
      return this;
    }

    public Builder decisionLogOpen(boolean open) {
      this.decisionLogOpen = open;
      return this;
    }

    public Builder maxAdmissionSilence(Duration silence) {
      this.maxAdmissionSilence = silence;
      return this;
    }

    public Builder webhookConfiguration(RawEvidence configuration) {
      this.webhookConfigurations.add(Objects.requireNonNull(configuration));
      return this;
    }

    public Builder ecr(EcrInput ecr) {
      this.ecr = ecr;
      return this;
    }

    public Builder cloudTrail(CloudTrailInput cloudTrail) {
      this.cloudTrail = cloudTrail;
      return this;
    }

    public Builder ciPrincipals(List<String> patterns) {
      this.ciPrincipals.addAll(patterns);
      return this;
    }

    public Builder findingsSla(Duration sla) {
      this.findingsSla = sla;
      return this;
    }

    public Builder signingKey(PrivateKey key) {
      this.signingKey = key;
      return this;
    }

    public Builder rev3Informative(boolean informative) {
      this.rev3Informative = informative;
      return this;
    }

    public Builder assessmentPlan(URI plan) {
      this.assessmentPlan = plan;
      return this;
    }

    public Builder toolVersion(String version) {
      this.toolVersion = version;
      return this;
    }

    public Builder invocation(List<String> args) {
      this.invocation.addAll(args);
      return this;
    }

    /**
     * @throws PacketException ({@link PacketException.Reason#CONFIGURATION_INVALID}) naming what is
     *     missing or impossible
     */
    public PacketSettings build() {
      require(out != null, "an output folder is required");
      require(window != null, "a time window is required");
      require(policies != null, "the image policies in force are required");
      require(
          evidenceSource != null, "an image evidence source (registry or OCI layouts) is required");
      require(!trustRoots.isEmpty(), "at least one trust root is required");
      require(
          !inventories.isEmpty() || (inventoryFromEcr && ecr != null),
          "an inventory is required: a file, a Kubernetes cluster, or ECR's images");
      require(parallelism >= 1 && parallelism <= 256, "parallelism must be 1..256: " + parallelism);
      require(
          organization != null
              && !organization.isBlank()
              && organization.equals(organization.strip())
              && organization.indexOf('\n') < 0,
          "the organization must be a non-empty single line");
      require(
          !findingsSla.isNegative() && !findingsSla.isZero(), "the findings SLA must be positive");
      require(
          !maxAdmissionSilence.isNegative() && !maxAdmissionSilence.isZero(),
          "the allowed admission silence must be positive");
      for (String p : ciPrincipals) {
        PrincipalPattern.compile(p);
      }
      return new PacketSettings(
          out,
          organization,
          window,
          clock,
          catalog == null ? CmmcCatalog.load() : catalog,
          inventories,
          inventoryFromEcr,
          policies,
          trustRoots,
          Optional.ofNullable(trustRootsDirectory),
          noMatch,
          evidenceSource,
          evidenceSourceDescription.isBlank() ? "image evidence source" : evidenceSourceDescription,
          parallelism,
          decisionLogs,
          decisionLogKeys,
          decisionLogOpen,
          maxAdmissionSilence,
          webhookConfigurations,
          Optional.ofNullable(ecr),
          Optional.ofNullable(cloudTrail),
          ciPrincipals,
          findingsSla,
          Optional.ofNullable(signingKey),
          rev3Informative,
          Optional.ofNullable(assessmentPlan),
          toolVersion,
          invocation);
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new PacketException(PacketException.Reason.CONFIGURATION_INVALID, message);
      }
    }
  }
}
