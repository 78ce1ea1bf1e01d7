package dev.countersign.verify.internal.tuf;

import dev.countersign.verify.internal.json.JsonFormatException;

/**
 * Snapshot metadata. Only the top-level {@code targets.json} entry is used: delegated targets
 * metadata is not read by this client.
 *
 * @param metadata the envelope
 * @param targets the {@code targets.json} entry
 */
record SnapshotMetadata(SignedMetadata metadata, MetaFile targets) {

  static SnapshotMetadata parse(byte[] bytes, String source) {
    SignedMetadata metadata = SignedMetadata.parse(bytes, source, RootMetadata.SNAPSHOT);
    try {
      return new SnapshotMetadata(metadata, MetaFile.parse(metadata.signed(), "targets.json"));
    } catch (JsonFormatException e) {
      throw SignedMetadata.malformed(source, RootMetadata.SNAPSHOT, e);
    }
  }
}
