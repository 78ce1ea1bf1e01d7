package dev.countersign.verify;

import dev.countersign.verify.internal.bundle.BundleVerification;
import dev.countersign.verify.internal.bundle.VerifierSettings;
import dev.countersign.verify.internal.oci.ImageVerification;
import dev.countersign.verify.internal.trust.ParsedTrustRoot;
import dev.countersign.verify.oci.EvidenceSource;
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

  private Verifier(Builder b) {
    this.trustRoots = List.copyOf(b.trustRoots.values());
    this.settings = new VerifierSettings(b.clock, b.clockSkew, b.transparencyLogRequired);
    this.bundles = new BundleVerification(trustRoots, settings);
    this.images =
        b.evidenceSource == null ? null : new ImageVerification(b.evidenceSource, bundles, b.clock);
  }

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

  /** Configures a {@link Verifier}; {@link #build()} validates everything. */
  public static final class Builder {
    private final Map<String, ParsedTrustRoot> trustRoots = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration clockSkew = Duration.ofSeconds(60);
    private boolean transparencyLogRequired = true;
    private EvidenceSource evidenceSource;

    private Builder() {}

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
      return new Verifier(this);
    }
  }
}
