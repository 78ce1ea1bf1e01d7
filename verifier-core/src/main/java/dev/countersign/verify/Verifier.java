package dev.countersign.verify;

import dev.countersign.verify.internal.bundle.BundleVerification;
import dev.countersign.verify.internal.bundle.VerifierSettings;
import dev.countersign.verify.internal.oci.ImageVerification;
import dev.countersign.verify.internal.policy.PolicyEvaluation;
import dev.countersign.verify.internal.trust.ParsedTrustRoot;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.policy.ImagePolicy;
import dev.countersign.verify.policy.Mode;
import dev.countersign.verify.policy.NoMatchAction;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.PolicySet;
import dev.countersign.verify.policy.PolicyVerdict;
import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies evidence against configured trust roots. Built once, immutable and thread-safe; share
 * one instance.
 *
 * <p>{@link #verify} never throws because evidence is bad: malformed, missing or failing evidence
 * becomes a FAIL verdict, and anything that stops evaluation becomes an ERROR verdict. Only
 * programmer errors (null arguments) throw.
 */
public final class Verifier {
  private final List<ParsedTrustRoot> trustRoots;
  private final VerifierSettings settings;
  private final BundleVerification bundles;
  private final ImageVerification images;
  private final PolicyEvaluation policies;

  private Verifier(Builder b) {
    this.trustRoots = List.copyOf(b.trustRoots.values());
    this.settings = new VerifierSettings(b.clock, b.clockSkew, b.transparencyLogRequired);
    this.bundles = new BundleVerification(trustRoots, settings);
    this.images =
        b.evidenceSource == null ? null : new ImageVerification(b.evidenceSource, bundles, b.clock);
    this.policies =
        b.policies == null
            ? null
            : new PolicyEvaluation(
                b.policies,
                b.noMatch,
                images == null ? new ImageVerification(NO_SOURCE, bundles, b.clock) : images,
                b.clock);
  }

  /** Stands in when no evidence source is configured: every image lookup is an error. */
  private static final EvidenceSource NO_SOURCE =
      new EvidenceSource() {
        @Override
        public dev.countersign.verify.oci.ResolvedImage resolve(ImageReference image)
            throws RegistryException {
          throw new RegistryException(
              RegistryException.Kind.UNAVAILABLE,
              image.toString(),
              "no evidence source is configured, so images cannot be looked up");
        }

        @Override
        public List<dev.countersign.verify.oci.StoredEvidence> discover(
            ImageReference image,
            java.util.Optional<String> signatureRepository,
            dev.countersign.verify.oci.EvidenceLocation where)
            throws RegistryException {
          throw new RegistryException(
              RegistryException.Kind.UNAVAILABLE,
              image.toString(),
              "no evidence source is configured, so evidence cannot be looked up");
        }
      };

  public static Builder builder() {
    return new Builder();
  }

  /** The configured trust roots, in configuration order. */
  public List<TrustRoot> trustRoots() {
    return List.copyOf(trustRoots);
  }

  /** Verifies one request. */
  public Verdict verify(VerificationRequest request) {
    Objects.requireNonNull(request, "request");
    if (request instanceof VerificationRequest.Image && images == null) {
      throw new IllegalStateException(
          "image verification needs an evidence source: Verifier.builder().evidenceSource(...)");
    }
    try {
      if (request instanceof VerificationRequest.Bundle) {
        return bundles.verify((VerificationRequest.Bundle) request);
      }
      if (request instanceof VerificationRequest.Image) {
        return images.verify((VerificationRequest.Image) request);
      }
      throw new IllegalArgumentException("unsupported request " + request.getClass().getName());
    } catch (RuntimeException e) {
      // Fail closed: an unexpected error is an ERROR verdict, never a pass and never a crash of the
      // caller's request loop.
      return new Verdict(
          "",
          "",
          "",
          settings.clock().instant(),
          List.of(
              CheckResult.error(
                  CheckId.EVALUATION,
                  "",
                  ReasonCode.INTERNAL_ERROR,
                  "verification stopped: "
                      + e.getClass().getSimpleName()
                      + ": "
                      + e.getMessage())));
    }
  }

  /** The configured policy set, if any. */
  public java.util.Optional<PolicySet> policies() {
    return java.util.Optional.ofNullable(policies).map(PolicyEvaluation::policies);
  }

  /**
   * Applies every configured policy that matches the image. Never throws because evidence or the
   * registry is bad: failures are verdicts, and anything unexpected is an ERROR verdict that
   * denies.
   *
   * @throws IllegalStateException when no policy set is configured
   */
  public PolicyDecision evaluate(ImageReference image) {
    Objects.requireNonNull(image, "image");
    PolicyEvaluation p = requirePolicies();
    try {
      return p.evaluate(image);
    } catch (RuntimeException e) {
      return failedDecision(image, p, e);
    }
  }

  /**
   * Applies the named policies to an image, whether or not their globs match it (for {@code policy
   * test} and for callers that choose policies themselves).
   */
  public PolicyDecision evaluate(ImageReference image, List<String> policyNames) {
    Objects.requireNonNull(image, "image");
    PolicyEvaluation p = requirePolicies();
    List<ImagePolicy> chosen = new java.util.ArrayList<>();
    for (String name : policyNames) {
      chosen.add(
          p.policies().policies().stream()
              .filter(x -> x.name().equals(name))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no policy named '" + name + "'")));
    }
    try {
      return p.evaluate(image, chosen);
    } catch (RuntimeException e) {
      return failedDecision(image, p, e);
    }
  }

  /**
   * Applies one configured policy to a Sigstore bundle for a file: a signature must satisfy the
   * policy's authorities, and an attestation of a required predicate type that requirement's
   * authorities and rules.
   */
  public PolicyVerdict evaluateBundle(String policyName, byte[] bundleJson, Artifact artifact) {
    PolicyEvaluation p = requirePolicies();
    ImagePolicy policy =
        p.policies().policies().stream()
            .filter(x -> x.name().equals(policyName))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no policy named '" + policyName + "'"));
    try {
      return p.evaluateBundle(policy, bundleJson, artifact, bundles);
    } catch (RuntimeException e) {
      return new PolicyVerdict(
          policy.name(), policy.source(), policy.mode(), internalError(e, policy.name()));
    }
  }

  private PolicyEvaluation requirePolicies() {
    if (policies == null) {
      throw new IllegalStateException(
          "policy evaluation needs a policy set: Verifier.builder().policies(...)");
    }
    return policies;
  }

  private PolicyDecision failedDecision(
      ImageReference image, PolicyEvaluation p, RuntimeException e) {
    // Fail closed: an unexpected error denies under every policy that applies.
    List<ImagePolicy> applicable = p.policies().matching(image);
    List<PolicyVerdict> verdicts = new java.util.ArrayList<>();
    for (ImagePolicy policy : applicable) {
      verdicts.add(
          new PolicyVerdict(
              policy.name(), policy.source(), Mode.ENFORCE, internalError(e, policy.name())));
    }
    if (verdicts.isEmpty()) {
      verdicts.add(new PolicyVerdict("", "", Mode.ENFORCE, internalError(e, "")));
    }
    return new PolicyDecision(
        image.toString(),
        "",
        p.policies().revision(),
        settings.clock().instant(),
        verdicts,
        NoMatchAction.DENY);
  }

  private Verdict internalError(RuntimeException e, String policy) {
    return new Verdict(
        "",
        "",
        policy,
        settings.clock().instant(),
        List.of(
            CheckResult.error(
                CheckId.EVALUATION,
                "",
                ReasonCode.INTERNAL_ERROR,
                "verification stopped: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
  }

  /** Configures a {@link Verifier}; {@link #build()} validates everything. */
  public static final class Builder {
    private final Map<String, ParsedTrustRoot> trustRoots = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration clockSkew = Duration.ofSeconds(60);
    private boolean transparencyLogRequired = true;
    private EvidenceSource evidenceSource;
    private PolicySet policies;
    private NoMatchAction noMatch = NoMatchAction.DENY;

    private Builder() {}

    /**
     * The policies {@link #evaluate} applies. Every trust root a policy names must be configured on
     * this builder ({@link #build()} checks).
     */
    public Builder policies(PolicySet policies) {
      this.policies = Objects.requireNonNull(policies, "policies");
      return this;
    }

    /** What happens to an image no policy applies to. Default: deny. */
    public Builder whenNoPolicyMatches(NoMatchAction action) {
      this.noMatch = Objects.requireNonNull(action, "action");
      return this;
    }

    /** Adds a trust root; names must be unique. */
    public Builder trustRoot(TrustRoot root) {
      Objects.requireNonNull(root, "root");
      if (!(root instanceof ParsedTrustRoot)) {
        throw new IllegalArgumentException("trust roots must come from TrustRoots");
      }
      if (trustRoots.putIfAbsent(root.name(), (ParsedTrustRoot) root) != null) {
        throw new IllegalArgumentException("two trust roots are named '" + root.name() + "'");
      }
      return this;
    }

    public Builder trustRoots(Iterable<? extends TrustRoot> roots) {
      roots.forEach(this::trustRoot);
      return this;
    }

    /** The clock for "now" (signing times in the future are rejected). Default: system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How far a verified signing time may lie ahead of the clock before it counts as being in the
     * future (tolerates clock drift between this host and the log or TSA). Default 60 s.
     */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("clock skew must be between 0 and 10 minutes");
      }
      this.clockSkew = skew;
      return this;
    }

    /** Where image evidence is found (a registry, an OCI layout, or your own source). */
    public Builder evidenceSource(EvidenceSource source) {
      this.evidenceSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Accepts bundles without a transparency log entry (for example TSA-only bundles) even when the
     * trust root has transparency logs. Such a signature was never made public, so its misuse would
     * not be detectable: use only for deployments that do not log. Entries that are present are
     * still fully verified.
     */
    public Builder insecureAllowMissingTransparencyLog() {
      this.transparencyLogRequired = false;
      return this;
    }

    public Verifier build() {
      if (trustRoots.isEmpty()) {
        throw new IllegalStateException("a verifier needs at least one trust root");
      }
      if (policies != null) {
        for (ImagePolicy p : policies.policies()) {
          p.trustRoot()
              .filter(name -> !trustRoots.containsKey(name))
              .ifPresent(
                  name -> {
                    throw new PolicyException(
                        p.source(),
                        "policy '"
                            + p.name()
                            + "' names trust root '"
                            + name
                            + "', which is not configured (configured: "
                            + String.join(", ", trustRoots.keySet())
                            + ")");
                  });
        }
      }
      return new Verifier(this);
    }
  }
}
