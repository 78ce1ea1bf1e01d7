package dev.countersign.verify.internal.oci;

import dev.countersign.verify.oci.EvidenceLocation;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.StoredEvidence;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.List;

/**
 * What a search looks for at one digest: where to look, which stored evidence is a candidate, and
 * how one candidate is verified.
 */
public interface EvidenceCandidates {

  /** The locations to search, in order; the search stops at the first passing candidate. */
  List<EvidenceLocation> locations();

  /**
   * Whether stored evidence is worth verifying (for example, a signature rather than an
   * attestation). Only an optimisation over unverified hints: acceptance is decided by {@link
   * #verify} on verified content.
   */
  boolean isCandidate(StoredEvidence evidence);

  /** Verifies one candidate for one pinned image. */
  CandidateOutcome verify(StoredEvidence evidence, ImageReference image);

  /** The check that summarises the search for one digest. */
  CheckId summaryCheck();

  /** What is searched for, for messages ("signature", "attestation 'sbom'"). */
  String describe();

  /** The reason when nothing of the kind is stored beside the image. */
  ReasonCode missingReason();
}
