package dev.countersign.verify.internal.oci;

import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.internal.bundle.BundleVerification;
import dev.countersign.verify.oci.Descriptor;
import dev.countersign.verify.oci.EvidenceLocation;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.MultiArchRequirement;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.ResolvedImage;
import dev.countersign.verify.oci.StoredEvidence;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Status;
import dev.countersign.verify.verdict.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a container image: resolves a tag to a digest once, decides which digests must be signed
 * (an index, or every platform manifest), and for each looks for a signature that satisfies an
 * authority — classic {@code .sig} tag first, then OCI 1.1 referrers — stopping at the first.
 */
public final class ImageVerification {
  private static final List<EvidenceLocation> SIGNATURE_LOCATIONS =
      List.of(EvidenceLocation.SIGNATURE_TAG, EvidenceLocation.REFERRERS);

  private final EvidenceSource source;
  private final EvidenceVerifier evidence;
  private final Clock clock;

  public ImageVerification(EvidenceSource source, BundleVerification bundles, Clock clock) {
    this.source = source;
    this.evidence = new EvidenceVerifier(bundles);
    this.clock = clock;
  }

  /** The configured evidence source. */
  public EvidenceSource source() {
    return source;
  }

  public Verdict verify(VerificationRequest.Image request) {
    Instant now = clock.instant();
    List<CheckResult> checks = new ArrayList<>();
    ResolvedImage resolved;
    try {
      resolved = source.resolve(request.image());
    } catch (RegistryException e) {
      checks.add(RegistryFailures.toCheck(CheckId.IMAGE_RESOLVE, request.image().toString(), e));
      return new Verdict(request.image().toString(), "", "", now, checks);
    }
    checks.add(resolveCheck(request.image(), resolved));
    List<String> roots = new ArrayList<>();
    EvidenceCandidates signatures = signatures(request.authorities(), request.trustRoot(), now);
    overImage(
        resolved,
        request.multiArch(),
        checks,
        (image, out) -> {
          DigestSearch.Result r =
              DigestSearch.first(source, image, request.signatureRepository(), signatures);
          out.addAll(r.checks());
          if (!r.trustRoot().isEmpty()) {
            roots.add(r.trustRoot());
          }
          return r.passed();
        });
    return new Verdict(
        resolved.reference().toString(),
        roots.isEmpty() ? "" : roots.get(roots.size() - 1),
        "",
        now,
        checks);
  }

  /** What a search for image signatures that satisfy one of the authorities looks for. */
  public EvidenceCandidates signatures(
      List<Authority> authorities, Optional<String> trustRoot, Instant now) {
    return new EvidenceCandidates() {
      @Override
      public List<EvidenceLocation> locations() {
        return SIGNATURE_LOCATIONS;
      }

      @Override
      public boolean isCandidate(StoredEvidence e) {
        return EvidenceVerifier.isSignature(e);
      }

      @Override
      public CandidateOutcome verify(StoredEvidence e, ImageReference image) {
        return evidence.verify(e, image.digest().orElseThrow(), authorities, trustRoot, now);
      }

      @Override
      public CheckId summaryCheck() {
        return CheckId.IMAGE_SIGNATURE;
      }

      @Override
      public String describe() {
        return "signature";
      }

      @Override
      public ReasonCode missingReason() {
        return ReasonCode.NO_SIGNATURE_FOUND;
      }
    };
  }

  /**
   * Verifies one piece of stored evidence for one pinned image: signature, certificate, log entry,
   * and that the signed content names the image.
   */
  public CandidateOutcome verifyEvidence(
      StoredEvidence e,
      ImageReference image,
      List<Authority> authorities,
      Optional<String> trustRoot,
      Instant now) {
    return evidence.verify(e, image.digest().orElseThrow(), authorities, trustRoot, now);
  }

  /** Whether stored evidence is an image signature rather than an attestation. */
  public static boolean isSignature(StoredEvidence e) {
    return EvidenceVerifier.isSignature(e);
  }

  /** Checks the evidence of one pinned digest, appending its checks; true when it passed. */
  @FunctionalInterface
  public interface DigestCheck {
    boolean check(ImageReference pinned, List<CheckResult> out);
  }

  /**
   * Applies a per-digest check where a multi-arch requirement says evidence must be: the resolved
   * manifest itself for single-platform images; for an index, the index, every platform manifest,
   * or the index and else every platform manifest.
   */
  public static boolean overImage(
      ResolvedImage resolved,
      MultiArchRequirement multiArch,
      List<CheckResult> checks,
      DigestCheck perDigest) {
    ImageReference image = resolved.reference();
    if (!resolved.isIndex() || multiArch == MultiArchRequirement.INDEX) {
      return perDigest.check(image, checks);
    }
    if (multiArch == MultiArchRequirement.EVERY_PLATFORM) {
      return overPlatforms(resolved, checks, perDigest);
    }
    List<CheckResult> indexChecks = new ArrayList<>();
    if (perDigest.check(image, indexChecks)) {
      checks.addAll(indexChecks);
      return true;
    }
    // Not at the index: then every platform manifest must carry it instead.
    List<CheckResult> platformChecks = new ArrayList<>();
    if (overPlatforms(resolved, platformChecks, perDigest)) {
      // The index attempt stays on the record (which digests were looked at, and why the index
      // did not count), but its failures no longer decide anything.
      for (CheckResult c : indexChecks) {
        checks.add(
            c.status() == Status.FAIL || c.status() == Status.ERROR
                ? new CheckResult(
                    c.check(),
                    c.target(),
                    Status.SKIPPED,
                    ReasonCode.OK,
                    "not required, every platform manifest is signed instead: "
                        + c.reason()
                        + ": "
                        + c.detail(),
                    c.evidence())
                : c);
      }
      checks.addAll(platformChecks);
      return true;
    }
    checks.addAll(indexChecks);
    checks.addAll(platformChecks);
    return false;
  }

  private static boolean overPlatforms(
      ResolvedImage resolved, List<CheckResult> checks, DigestCheck perDigest) {
    if (resolved.platformManifests().isEmpty()) {
      checks.add(
          CheckResult.fail(
              CheckId.IMAGE_RESOLVE,
              resolved.reference().toString(),
              ReasonCode.MANIFEST_MALFORMED,
              "the index lists no platform manifest"));
      return false;
    }
    boolean all = true;
    for (Descriptor platform : resolved.platformManifests()) {
      all &= perDigest.check(resolved.reference().atDigest(platform.digest()), checks);
    }
    return all;
  }

  /** The check that reports how a reference was resolved (tag to digest, platforms). */
  public static CheckResult resolveCheck(ImageReference requested, ResolvedImage resolved) {
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("image.reference", requested.toString());
    ev.put("image.digest", resolved.reference().digest().orElseThrow().toString());
    ev.put("image.mediaType", resolved.mediaType());
    requested.tag().filter(t -> !requested.isPinned()).ifPresent(t -> ev.put("image.tag", t));
    if (resolved.isIndex()) {
      StringBuilder p = new StringBuilder();
      for (Descriptor d : resolved.platformManifests()) {
        p.append(p.length() == 0 ? "" : ",")
            .append(d.platform().map(Object::toString).orElse("?"))
            .append('=')
            .append(d.digest());
      }
      ev.put("image.platforms", p.toString());
    }
    String what =
        requested.isPinned()
            ? "pinned to " + resolved.reference().digest().orElseThrow()
            : "tag '"
                + requested.tag().orElse("")
                + "' resolved to "
                + resolved.reference().digest().orElseThrow()
                + "; verified by digest";
    return CheckResult.pass(
        CheckId.IMAGE_RESOLVE,
        requested.toString(),
        what
            + (resolved.isIndex()
                ? " (an index of " + resolved.platformManifests().size() + " platforms)"
                : ""),
        ev);
  }
}
