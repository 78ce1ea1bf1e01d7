package dev.countersign.verify.internal.oci;

import dev.countersign.verify.Digest;
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
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Status;
import dev.countersign.verify.verdict.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies a container image: resolves a tag to a digest once, decides which digests must be signed
 * (an index, or every platform manifest), and for each looks for a signature that satisfies an
 * authority — classic {@code .sig} tag first, then OCI 1.1 referrers — stopping at the first.
 */
public final class ImageVerification {
  private final EvidenceSource source;
  private final EvidenceVerifier evidence;
  private final Clock clock;

  public ImageVerification(EvidenceSource source, BundleVerification bundles, Clock clock) {
    this.source = source;
    this.evidence = new EvidenceVerifier(bundles);
    this.clock = clock;
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
    ImageReference image = resolved.reference();
    checks.add(resolveCheck(request.image(), resolved));
    List<String> roots = new ArrayList<>();
    if (!resolved.isIndex() || request.multiArch() == MultiArchRequirement.INDEX) {
      verifyDigest(request, image, checks, roots, now);
    } else if (request.multiArch() == MultiArchRequirement.EVERY_PLATFORM) {
      verifyPlatforms(request, resolved, checks, roots, now);
    } else {
      List<CheckResult> indexChecks = new ArrayList<>();
      if (verifyDigest(request, image, indexChecks, roots, now)) {
        checks.addAll(indexChecks);
      } else {
        // The index is not signed by an authority: every platform manifest must be instead.
        List<CheckResult> platformChecks = new ArrayList<>();
        if (verifyPlatforms(request, resolved, platformChecks, roots, now)) {
          checks.addAll(platformChecks);
        } else {
          checks.addAll(indexChecks);
          checks.addAll(platformChecks);
        }
      }
    }
    return new Verdict(
        image.toString(), roots.isEmpty() ? "" : roots.get(roots.size() - 1), "", now, checks);
  }

  private boolean verifyPlatforms(
      VerificationRequest.Image request,
      ResolvedImage resolved,
      List<CheckResult> checks,
      List<String> roots,
      Instant now) {
    if (resolved.platformManifests().isEmpty()) {
      checks.add(
          CheckResult.fail(
              CheckId.IMAGE_SIGNATURE,
              resolved.reference().toString(),
              dev.countersign.verify.verdict.ReasonCode.MANIFEST_MALFORMED,
              "the index lists no platform manifest"));
      return false;
    }
    boolean all = true;
    for (Descriptor platform : resolved.platformManifests()) {
      all &=
          verifyDigest(
              request, resolved.reference().atDigest(platform.digest()), checks, roots, now);
    }
    return all;
  }

  /** Looks for a passing signature of one digest; appends its checks; true when one passed. */
  private boolean verifyDigest(
      VerificationRequest.Image request,
      ImageReference image,
      List<CheckResult> checks,
      List<String> roots,
      Instant now) {
    Digest digest = image.digest().orElseThrow();
    String target = image.toString();
    List<CandidateOutcome> tried = new ArrayList<>();
    List<RegistryException> errors = new ArrayList<>();
    for (EvidenceLocation where :
        List.of(EvidenceLocation.SIGNATURE_TAG, EvidenceLocation.REFERRERS)) {
      List<StoredEvidence> items;
      try {
        items = source.discover(image, request.signatureRepository(), where);
      } catch (RegistryException e) {
        errors.add(e);
        continue;
      }
      for (StoredEvidence e : items) {
        if (!EvidenceVerifier.isSignature(e)) {
          continue;
        }
        CandidateOutcome outcome =
            evidence.verify(e, digest, request.authorities(), request.trustRoot(), now);
        if (outcome.passed()) {
          checks.add(
              CheckResult.pass(
                  CheckId.EVIDENCE_DISCOVERY,
                  target,
                  "found a signature at " + e.location(),
                  Map.of("evidence.location", e.location())));
          checks.addAll(outcome.checks());
          checks.add(
              CheckResult.pass(
                  CheckId.IMAGE_SIGNATURE,
                  target,
                  "signed: " + e.location() + authorityOf(outcome),
                  Map.of("image.digest", digest.toString())));
          roots.add(outcome.trustRoot());
          return true;
        }
        tried.add(outcome);
      }
    }
    if (tried.isEmpty()) {
      if (!errors.isEmpty()) {
        for (RegistryException e : errors) {
          checks.add(RegistryFailures.toCheck(CheckId.EVIDENCE_DISCOVERY, target, e));
        }
      } else {
        checks.add(
            CheckResult.fail(
                CheckId.EVIDENCE_DISCOVERY,
                target,
                dev.countersign.verify.verdict.ReasonCode.NO_SIGNATURE_FOUND,
                "no signature found for "
                    + digest
                    + " (cosign .sig tag and OCI referrers"
                    + request.signatureRepository().map(r -> " in " + r).orElse("")
                    + ")"));
      }
      return false;
    }
    CandidateOutcome best = tried.get(0);
    for (CandidateOutcome o : tried) {
      if (o.progress(BundleVerification.reportOrder())
          > best.progress(BundleVerification.reportOrder())) {
        best = o;
      }
    }
    checks.add(
        CheckResult.pass(
            CheckId.EVIDENCE_DISCOVERY,
            target,
            tried.size() + " signature(s) found, none satisfies the expected signers",
            Map.of("evidence.count", Integer.toString(tried.size()))));
    checks.addAll(best.checks());
    CheckResult failure = best.firstFailure();
    checks.add(
        new CheckResult(
            CheckId.IMAGE_SIGNATURE,
            target,
            failure.status(),
            failure.reason(),
            "none of "
                + tried.size()
                + " signature(s) verified; the closest, at "
                + best.location()
                + ", failed "
                + failure.check().id()
                + ": "
                + failure.detail(),
            Map.of("image.digest", digest.toString())));
    if (!best.trustRoot().isEmpty()) {
      roots.add(best.trustRoot());
    }
    return false;
  }

  private static String authorityOf(CandidateOutcome o) {
    return o.checks().stream()
        .filter(c -> c.status() == Status.PASS && c.evidence().containsKey("authority"))
        .map(c -> " by authority '" + c.evidence().get("authority") + "'")
        .findFirst()
        .orElse("");
  }

  private static CheckResult resolveCheck(ImageReference requested, ResolvedImage resolved) {
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
