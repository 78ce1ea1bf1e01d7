package dev.countersign.verify.internal.oci;

import dev.countersign.verify.internal.bundle.BundleVerification;
import dev.countersign.verify.oci.EvidenceLocation;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.StoredEvidence;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Searches the evidence of one pinned image for a candidate that verifies. The first passing
 * candidate ends the search; when none passes, the one that got furthest is reported, so the reason
 * names the real problem (a wrong identity rather than "no signature").
 */
public final class DigestSearch {
  private DigestSearch() {}

  /**
   * The result of a search.
   *
   * @param checks the checks to report
   * @param accepted the passing candidate, if any
   * @param trustRoot the trust root used by the reported candidate, empty if none
   */
  public record Result(
      List<CheckResult> checks, Optional<CandidateOutcome> accepted, String trustRoot) {
    public boolean passed() {
      return accepted.isPresent();
    }
  }

  public static Result first(
      EvidenceSource source,
      ImageReference image,
      Optional<String> signatureRepository,
      EvidenceCandidates wanted) {
    String target = image.toString();
    List<CheckResult> checks = new ArrayList<>();
    List<CandidateOutcome> tried = new ArrayList<>();
    List<RegistryException> errors = new ArrayList<>();
    for (EvidenceLocation where : wanted.locations()) {
      List<StoredEvidence> items;
      try {
        items = source.discover(image, signatureRepository, where);
      } catch (RegistryException e) {
        errors.add(e);
        continue;
      }
      for (StoredEvidence e : items) {
        if (!wanted.isCandidate(e)) {
          continue;
        }
        CandidateOutcome outcome = wanted.verify(e, image);
        if (outcome.passed()) {
          checks.add(
              CheckResult.pass(
                  CheckId.EVIDENCE_DISCOVERY,
                  target,
                  "found " + article(wanted.describe()) + " at " + e.location(),
                  Map.of("evidence.location", e.location())));
          checks.addAll(outcome.checks());
          checks.add(
              CheckResult.pass(
                  wanted.summaryCheck(),
                  target,
                  wanted.describe() + " verified: " + e.location() + authorityOf(outcome),
                  Map.of("image.digest", image.digest().orElseThrow().toString())));
          return new Result(checks, Optional.of(outcome), outcome.trustRoot());
        }
        tried.add(outcome);
      }
    }
    if (tried.isEmpty()) {
      if (!errors.isEmpty()) {
        // The evidence may be in the location that could not be read: this is not "missing".
        for (RegistryException e : errors) {
          checks.add(RegistryFailures.toCheck(CheckId.EVIDENCE_DISCOVERY, target, e));
        }
      } else {
        checks.add(
            CheckResult.fail(
                CheckId.EVIDENCE_DISCOVERY,
                target,
                wanted.missingReason(),
                "no "
                    + wanted.describe()
                    + " found for "
                    + image.digest().orElseThrow()
                    + " ("
                    + describe(wanted.locations())
                    + signatureRepository.map(r -> " in " + r).orElse("")
                    + ")"));
      }
      return new Result(checks, Optional.empty(), "");
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
            tried.size() + " candidate(s) found, none satisfies the policy",
            Map.of("evidence.count", Integer.toString(tried.size()))));
    checks.addAll(best.checks());
    for (RegistryException e : errors) {
      checks.add(RegistryFailures.toCheck(CheckId.EVIDENCE_DISCOVERY, target, e));
    }
    CheckResult failure = best.firstFailure();
    checks.add(
        new CheckResult(
            wanted.summaryCheck(),
            target,
            failure.status(),
            failure.reason(),
            "none of "
                + tried.size()
                + " candidate(s) verified as "
                + article(wanted.describe())
                + "; the closest, at "
                + best.location()
                + ", failed "
                + failure.check().id()
                + ": "
                + failure.detail(),
            Map.of("image.digest", image.digest().orElseThrow().toString())));
    return new Result(checks, Optional.empty(), best.trustRoot());
  }

  /**
   * Every candidate that verifies (for evidence that adds up, such as VEX statements). Unreadable
   * locations and failing candidates are left out; the caller reports only what it used.
   */
  public static List<CandidateOutcome> all(
      EvidenceSource source,
      ImageReference image,
      Optional<String> signatureRepository,
      EvidenceCandidates wanted) {
    List<CandidateOutcome> passed = new ArrayList<>();
    for (EvidenceLocation where : wanted.locations()) {
      try {
        for (StoredEvidence e : source.discover(image, signatureRepository, where)) {
          if (wanted.isCandidate(e)) {
            CandidateOutcome o = wanted.verify(e, image);
            if (o.passed()) {
              passed.add(o);
            }
          }
        }
      } catch (RegistryException e) {
        // Missing mitigations can only make a gate stricter, never let more through.
      }
    }
    return passed;
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private static String authorityOf(CandidateOutcome o) {
    return o.checks().stream()
        .filter(c -> c.evidence().containsKey("authority"))
        .map(c -> " by authority '" + c.evidence().get("authority") + "'")
        .findFirst()
        .orElse("");
  }

  private static String describe(List<EvidenceLocation> locations) {
    List<String> names = new ArrayList<>();
    for (EvidenceLocation l : locations) {
      switch (l) {
        case SIGNATURE_TAG:
          names.add("cosign .sig tag");
          break;
        case ATTESTATION_TAG:
          names.add("cosign .att tag");
          break;
        default:
          names.add("OCI referrers");
          break;
      }
    }
    return String.join(" and ", names);
  }
}
