package dev.countersign.verify.bundle;

import java.util.Optional;

/**
 * A transparency log entry carried in a bundle.
 *
 * @param logIndex the global log index (for sharded Rekor v1 logs it differs from the proof index)
 * @param logId the log's id (hash of its key)
 * @param kind entry kind: hashedrekord, dsse, intoto
 * @param kindVersion entry kind version, e.g. 0.0.1
 * @param integratedTime seconds since the epoch; 0 when absent (Rekor v2)
 * @param signedEntryTimestamp the inclusion promise (SET), if any
 * @param inclusionProof the inclusion proof, if any
 * @param canonicalizedBody the entry body exactly as the log stored it
 */
public record TransparencyLogEntry(
    long logIndex,
    byte[] logId,
    String kind,
    String kindVersion,
    long integratedTime,
    Optional<byte[]> signedEntryTimestamp,
    Optional<InclusionProof> inclusionProof,
    byte[] canonicalizedBody) {
  public TransparencyLogEntry {
    logId = logId.clone();
    signedEntryTimestamp = signedEntryTimestamp.map(byte[]::clone);
    canonicalizedBody = canonicalizedBody.clone();
  }

  @Override
  public byte[] logId() {
    return logId.clone();
  }

  @Override
  public byte[] canonicalizedBody() {
    return canonicalizedBody.clone();
  }

  /** "kind/version", e.g. {@code hashedrekord/0.0.1}. */
  public String kindAndVersion() {
    return kind + "/" + kindVersion;
  }
}
