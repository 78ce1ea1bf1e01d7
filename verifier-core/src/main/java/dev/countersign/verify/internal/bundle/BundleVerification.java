package dev.countersign.verify.internal.bundle;

import dev.countersign.verify.Artifact;
import dev.countersign.verify.Digest;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.attest.DsseEnvelope;
import dev.countersign.verify.bundle.SigstoreBundle;
import dev.countersign.verify.bundle.TransparencyLogEntry;
import dev.countersign.verify.bundle.VerificationMaterial;
import dev.countersign.verify.internal.trust.LogAuthority;
import dev.countersign.verify.internal.trust.ParsedTrustRoot;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies one Sigstore bundle against a trust root and the expected signers, following the
 * Sigstore client specification: establish verified signing times (log integration times with a
 * valid SET, RFC 3161 timestamps), validate the certificate chain and SCT at those times, verify
 * log entries (body, SET, inclusion proof and checkpoint), the signature and its binding to the
 * artifact, and the signer's identity. Every check is reported; none stops the others, so a verdict
 * explains everything that is wrong.
 */
public final class BundleVerification {
  /** The order checks are reported in; the first failing check in this order decides the reason. */
  private static final List<CheckId> REPORT_ORDER =
      List.of(
          CheckId.IMAGE_RESOLVE,
          CheckId.EVIDENCE_DISCOVERY,
          CheckId.IMAGE_SIGNATURE,
          CheckId.BUNDLE_FORMAT,
          CheckId.TRUST_ROOT,
          CheckId.ARTIFACT_DIGEST,
          CheckId.PAYLOAD_SUBJECT,
          CheckId.SIGNING_KEY,
          CheckId.SIGNATURE,
          CheckId.CERTIFICATE_CHAIN,
          CheckId.CERTIFICATE_SCT,
          CheckId.TLOG_ENTRY,
          CheckId.TLOG_BODY,
          CheckId.TLOG_SET,
          CheckId.TLOG_INCLUSION,
          CheckId.RFC3161_TIMESTAMP,
          CheckId.SIGNING_TIME,
          CheckId.IDENTITY,
          CheckId.PREDICATE_TYPE,
          CheckId.PROVENANCE,
          CheckId.SBOM,
          CheckId.EVALUATION);

  /** The report order of checks (for ranking how far a failed verification got). */
  public static List<CheckId> reportOrder() {
    return REPORT_ORDER;
  }

  private final List<ParsedTrustRoot> roots;
  private final VerifierSettings settings;

  public BundleVerification(List<ParsedTrustRoot> roots, VerifierSettings settings) {
    this.roots = roots;
    this.settings = settings;
  }

  public Verdict verify(VerificationRequest.Bundle request) {
    Instant now = settings.clock().instant();
    SigstoreBundle bundle;
    try {
      bundle = SigstoreBundle.parse(request.bundleJson());
    } catch (EvidenceFormatException e) {
      return verdict(
          request,
          "",
          now,
          List.of(CheckResult.fail(CheckId.BUNDLE_FORMAT, "", e.reason(), e.describe())));
    }
    Outcome outcome =
        verifyParsed(
            bundle,
            CheckResult.pass(
                CheckId.BUNDLE_FORMAT,
                "",
                describe(bundle),
                Map.of("bundle.mediaType", bundle.mediaType())),
            request.artifact(),
            request.authorities(),
            request.trustRoot(),
            now);
    return verdict(request, outcome.trustRoot(), now, outcome.checks());
  }

  /**
   * The checks of one verification, in report order, and the trust root used (empty when none could
   * be chosen).
   */
  public record Outcome(String trustRoot, List<CheckResult> checks) {}

  /**
   * Verifies evidence already parsed into bundle form (a bundle, or cosign signature layers read
   * from a registry), reporting {@code formatCheck} first.
   */
  public Outcome verifyParsed(
      SigstoreBundle bundle,
      CheckResult formatCheck,
      Artifact artifact,
      List<Authority> authorities,
      Optional<String> trustRoot,
      Instant now) {
    List<CheckResult> early = new ArrayList<>();
    early.add(formatCheck);
    Optional<TrustRootSelector.Choice> choice = TrustRootSelector.select(roots, trustRoot, bundle);
    if (choice.isEmpty()) {
      early.add(
          CheckResult.error(
              CheckId.TRUST_ROOT,
              "",
              ReasonCode.TRUST_ROOT_UNKNOWN,
              "no trust root named '" + trustRoot.orElse("") + "' is configured"));
      return new Outcome("", ordered(early));
    }
    ParsedTrustRoot root = choice.get().root();
    early.add(
        CheckResult.pass(
            CheckId.TRUST_ROOT,
            "",
            "trust root '" + root.name() + "': " + choice.get().reason(),
            Map.of("trustRoot.revision", root.revision())));
    VerificationContext ctx =
        new VerificationContext(bundle, root, artifact, authorities, now, settings);
    ctx.checks.addAll(early);
    run(ctx);
    return new Outcome(root.name(), ordered(ctx.checks));
  }

  private static void run(VerificationContext ctx) {
    if (ctx.bundle.content() instanceof DsseEnvelope
        && ((DsseEnvelope) ctx.bundle.content()).signatures().size() != 1) {
      ctx.add(
          CheckResult.fail(
              CheckId.SIGNATURE,
              "",
              ReasonCode.EVIDENCE_MALFORMED,
              "a bundle's DSSE envelope must carry exactly one signature, this one has "
                  + ((DsseEnvelope) ctx.bundle.content()).signatures().size()));
      return;
    }
    if (!guarded(ctx, CheckId.SIGNING_KEY, () -> SignatureChecks.establishSigner(ctx))) {
      return;
    }
    guarded(
        ctx,
        CheckId.SIGNATURE,
        () -> {
          SignatureChecks.artifactAndSignature(ctx);
          return true;
        });
    Map<TransparencyLogEntry, LogAuthority> pending = new java.util.IdentityHashMap<>();
    guarded(
        ctx,
        CheckId.TLOG_ENTRY,
        () -> {
          pending.putAll(TlogChecks.verifyEntries(ctx));
          return true;
        });
    guarded(
        ctx,
        CheckId.RFC3161_TIMESTAMP,
        () -> {
          TimeChecks.verifyTimestamps(ctx);
          return true;
        });
    TimeChecks.checkSigningTime(ctx);
    TlogChecks.checkLogValidity(ctx, pending);
    if (ctx.bundle.verificationMaterial() instanceof VerificationMaterial.Certificates) {
      guarded(
          ctx,
          CheckId.CERTIFICATE_CHAIN,
          () -> {
            CertificateChecks.verifyChain(ctx);
            return true;
          });
      guarded(
          ctx,
          CheckId.CERTIFICATE_SCT,
          () -> {
            CertificateChecks.verifySct(ctx);
            return true;
          });
      guarded(
          ctx,
          CheckId.IDENTITY,
          () -> {
            CertificateChecks.verifyIdentity(ctx);
            return true;
          });
    }
  }

  /**
   * Runs a check group. The parsers underneath decode some structures lazily, so malformed evidence
   * can surface as a runtime exception deep inside; that is reported as malformed evidence on the
   * group's check instead of abandoning the whole verification.
   */
  private static boolean guarded(
      VerificationContext ctx, CheckId check, java.util.function.BooleanSupplier group) {
    try {
      return group.getAsBoolean();
    } catch (RuntimeException e) {
      ctx.add(
          CheckResult.fail(
              check,
              "",
              ReasonCode.EVIDENCE_MALFORMED,
              "malformed evidence: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
      return false;
    }
  }

  private static Verdict verdict(
      VerificationRequest.Bundle request, String root, Instant now, List<CheckResult> checks) {
    return new Verdict(subject(request), root, "", now, ordered(checks));
  }

  /** Checks in report order (stable within one check id). */
  static List<CheckResult> ordered(List<CheckResult> checks) {
    List<CheckResult> ordered = new ArrayList<>(checks);
    ordered.sort(Comparator.comparingInt(c -> REPORT_ORDER.indexOf(c.check())));
    return ordered;
  }

  private static String subject(VerificationRequest.Bundle request) {
    try {
      Optional<Digest> d = request.artifact().digest("sha256");
      if (d.isPresent()) {
        return d.get().toString();
      }
    } catch (java.io.IOException e) {
      // reported by the artifact checks; fall back to the description
    }
    return request.artifact().describe();
  }

  private static String describe(SigstoreBundle b) {
    String content =
        b.content() instanceof DsseEnvelope
            ? "DSSE envelope (" + ((DsseEnvelope) b.content()).payloadType() + ")"
            : "message signature";
    String material =
        b.verificationMaterial() instanceof VerificationMaterial.Certificates
            ? "certificate"
            : "public key";
    return "Sigstore bundle "
        + b.version().name().replace('_', '.').replace("V", "v")
        + " with a "
        + content
        + ", signed with a "
        + material
        + ", "
        + b.tlogEntries().size()
        + " log entr"
        + (b.tlogEntries().size() == 1 ? "y" : "ies")
        + " and "
        + b.rfc3161Timestamps().size()
        + " timestamp"
        + (b.rfc3161Timestamps().size() == 1 ? "" : "s");
  }
}
