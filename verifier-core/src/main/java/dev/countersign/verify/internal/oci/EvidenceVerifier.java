package dev.countersign.verify.internal.oci;

import dev.countersign.verify.Artifact;
import dev.countersign.verify.Digest;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.attest.DsseEnvelope;
import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.bundle.SigstoreBundle;
import dev.countersign.verify.internal.bundle.BundleVerification;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.oci.StoredEvidence;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies one piece of stored evidence for one image digest: cosign layers and bundles go through
 * the bundle checks, and the signed content must name this digest.
 */
final class EvidenceVerifier {
  private final BundleVerification bundles;

  EvidenceVerifier(BundleVerification bundles) {
    this.bundles = bundles;
  }

  /** Whether a piece of evidence is an image signature (rather than an attestation). */
  static boolean isSignature(StoredEvidence e) {
    switch (e.kind()) {
      case COSIGN_SIGNATURE:
        return true;
      case COSIGN_ATTESTATION:
        return false;
      default:
        // Bundles: a message signature, or a DSSE statement of the cosign signing predicate. The
        // advertised predicate is only a hint; verification reads the signed statement.
        return e.predicateType().map(OciMediaTypes.COSIGN_SIGN_PREDICATE::equals).orElse(true);
    }
  }

  CandidateOutcome verify(
      StoredEvidence e,
      Digest image,
      List<Authority> authorities,
      Optional<String> trustRoot,
      Instant now) {
    SigstoreBundle bundle;
    try {
      bundle =
          e.kind() == StoredEvidence.Kind.SIGSTORE_BUNDLE
              ? SigstoreBundle.parse(e.content())
              : CosignLayers.toBundle(e);
    } catch (EvidenceFormatException ex) {
      return new CandidateOutcome(
          e.location(),
          "",
          List.of(
              located(
                  CheckResult.fail(CheckId.BUNDLE_FORMAT, "", ex.reason(), ex.describe()),
                  e.location())));
    }
    CheckResult format =
        CheckResult.pass(
            CheckId.BUNDLE_FORMAT,
            "",
            describe(e, bundle),
            Map.of("evidence.location", e.location()));
    Artifact artifact =
        e.kind() == StoredEvidence.Kind.COSIGN_SIGNATURE
            ? Artifact.ofBytes(e.content())
            : Artifact.ofDigest(image);
    BundleVerification.Outcome outcome =
        bundles.verifyParsed(bundle, format, artifact, authorities, trustRoot, now);
    List<CheckResult> checks = new ArrayList<>();
    for (CheckResult c : outcome.checks()) {
      checks.add(located(c, e.location()));
      if (c.check() == CheckId.ARTIFACT_DIGEST) {
        payloadSubject(e, bundle, image).map(s -> located(s, e.location())).ifPresent(checks::add);
      }
    }
    CandidateOutcome result = new CandidateOutcome(e.location(), outcome.trustRoot(), checks);
    return result.passed() ? result.plus(List.of(), verifiedStatement(bundle)) : result;
  }

  /**
   * The statement of a bundle whose checks all passed: its signature covers these exact bytes, and
   * the artifact check has already matched its subject to the image.
   */
  private static Optional<InTotoStatement> verifiedStatement(SigstoreBundle bundle) {
    if (bundle.content() instanceof DsseEnvelope && ((DsseEnvelope) bundle.content()).isInToto()) {
      try {
        return Optional.of(InTotoStatement.parse(((DsseEnvelope) bundle.content()).payload()));
      } catch (EvidenceFormatException ex) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * For cosign signature layers the signed artifact is the payload, which must name this image's
   * digest: a valid signature copied from another image names another digest. A bundle's statement
   * subject is checked against the digest by the artifact check itself.
   */
  private static Optional<CheckResult> payloadSubject(
      StoredEvidence e, SigstoreBundle bundle, Digest image) {
    if (e.kind() == StoredEvidence.Kind.COSIGN_SIGNATURE) {
      try {
        SimpleSigningPayload p = SimpleSigningPayload.parse(e.content());
        Map<String, String> ev =
            Map.of(
                "payload.digest",
                p.manifestDigest().toString(),
                "payload.dockerReference",
                p.dockerReference().orElse(""));
        return Optional.of(
            p.manifestDigest().matches(image)
                ? CheckResult.pass(
                    CheckId.PAYLOAD_SUBJECT, "", "the signed payload names this image digest", ev)
                : CheckResult.fail(
                    CheckId.PAYLOAD_SUBJECT,
                    "",
                    ReasonCode.IMAGE_DIGEST_MISMATCH,
                    "the signed payload names "
                        + p.manifestDigest()
                        + ", not this image ("
                        + image
                        + ")",
                    ev));
      } catch (JsonFormatException ex) {
        return Optional.of(
            CheckResult.fail(
                CheckId.PAYLOAD_SUBJECT,
                "",
                ReasonCode.EVIDENCE_MALFORMED,
                "the signed payload is not a cosign signature payload: " + ex.getMessage()));
      }
    }
    if (e.kind() == StoredEvidence.Kind.SIGSTORE_BUNDLE
        && isSignature(e)
        && bundle.content() instanceof DsseEnvelope) {
      // A bundle listed as a signature must really carry the signing predicate.
      try {
        InTotoStatement st = InTotoStatement.parse(((DsseEnvelope) bundle.content()).payload());
        return Optional.of(
            st.predicateType().equals(OciMediaTypes.COSIGN_SIGN_PREDICATE)
                ? CheckResult.pass(
                    CheckId.PAYLOAD_SUBJECT, "", "the statement is a cosign image signature")
                : CheckResult.fail(
                    CheckId.PAYLOAD_SUBJECT,
                    "",
                    ReasonCode.EVIDENCE_MALFORMED,
                    "the bundle is listed as a signature but states " + st.predicateType()));
      } catch (EvidenceFormatException ex) {
        return Optional.empty(); // the artifact check already reports the malformed statement
      }
    }
    return Optional.empty();
  }

  private static String describe(StoredEvidence e, SigstoreBundle b) {
    String what;
    switch (e.kind()) {
      case COSIGN_SIGNATURE:
        what = "cosign signature layer";
        break;
      case COSIGN_ATTESTATION:
        what = "cosign attestation layer";
        break;
      default:
        what = "Sigstore bundle " + b.version().name().replace('_', '.').replace("V", "v");
        break;
    }
    return what
        + " at "
        + e.location()
        + " with "
        + b.tlogEntries().size()
        + " log entr"
        + (b.tlogEntries().size() == 1 ? "y" : "ies");
  }

  /** Prefixes a check's target with where the evidence was found. */
  static CheckResult located(CheckResult c, String location) {
    String target = c.target().isEmpty() ? location : location + " " + c.target();
    return new CheckResult(c.check(), target, c.status(), c.reason(), c.detail(), c.evidence());
  }
}
