package dev.countersign.testkit.bundle;

import dev.countersign.testkit.encoding.Bytes;

/**
 * A {@code TransparencyLogEntry} as a bundle carries it.
 *
 * @param logIndex the entry's index in the log
 * @param logId the log's ID (Rekor v1: SHA-256 of its key; Rekor v2: the C2SP key ID)
 * @param kind the entry kind, e.g. {@code hashedrekord}
 * @param version the kind's API version, e.g. {@code 0.0.1}
 * @param integratedTime seconds since the epoch, or null to omit (Rekor v2 has none)
 * @param signedEntryTimestamp the inclusion promise, or null to omit
 * @param inclusionProof the inclusion proof with checkpoint, or null to omit
 * @param canonicalizedBody the entry body, also the Merkle leaf
 */
public record TlogEntry(
    long logIndex,
    Bytes logId,
    String kind,
    String version,
    Long integratedTime,
    Bytes signedEntryTimestamp,
    TlogInclusionProof inclusionProof,
    Bytes canonicalizedBody) {

  /** A copy with a different log index (the proof's index is left alone). */
  public TlogEntry withLogIndex(long newLogIndex) {
    return new TlogEntry(
        newLogIndex,
        logId,
        kind,
        version,
        integratedTime,
        signedEntryTimestamp,
        inclusionProof,
        canonicalizedBody);
  }

  /** A copy with a different log ID. */
  public TlogEntry withLogId(Bytes newLogId) {
    return new TlogEntry(
        logIndex,
        newLogId,
        kind,
        version,
        integratedTime,
        signedEntryTimestamp,
        inclusionProof,
        canonicalizedBody);
  }

  /** A copy with a different kind and version. */
  public TlogEntry withKindVersion(String newKind, String newVersion) {
    return new TlogEntry(
        logIndex,
        logId,
        newKind,
        newVersion,
        integratedTime,
        signedEntryTimestamp,
        inclusionProof,
        canonicalizedBody);
  }

  /** A copy with a different integrated time (null omits it). */
  public TlogEntry withIntegratedTime(Long newIntegratedTime) {
    return new TlogEntry(
        logIndex,
        logId,
        kind,
        version,
        newIntegratedTime,
        signedEntryTimestamp,
        inclusionProof,
        canonicalizedBody);
  }

  /** A copy with a different inclusion promise (null omits it). */
  public TlogEntry withSignedEntryTimestamp(Bytes newSet) {
    return new TlogEntry(
        logIndex, logId, kind, version, integratedTime, newSet, inclusionProof, canonicalizedBody);
  }

  /** A copy with a different inclusion proof (null omits it). */
  public TlogEntry withInclusionProof(TlogInclusionProof newProof) {
    return new TlogEntry(
        logIndex,
        logId,
        kind,
        version,
        integratedTime,
        signedEntryTimestamp,
        newProof,
        canonicalizedBody);
  }

  /** A copy with a different body (proofs and promises unchanged). */
  public TlogEntry withCanonicalizedBody(Bytes newBody) {
    return new TlogEntry(
        logIndex,
        logId,
        kind,
        version,
        integratedTime,
        signedEntryTimestamp,
        inclusionProof,
        newBody);
  }
}
