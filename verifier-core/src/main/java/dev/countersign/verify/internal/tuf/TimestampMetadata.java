package dev.countersign.verify.internal.tuf;

import dev.countersign.verify.internal.json.JsonFormatException;

/**
 * Timestamp metadata: the one thing it says is which snapshot is current.
 *
 * @param metadata the envelope
 * @param snapshot the {@code snapshot.json} entry
 */
record TimestampMetadata(SignedMetadata metadata, MetaFile snapshot) {
  static final String FILE = "timestamp.json";

  static TimestampMetadata parse(byte[] bytes, String source) {
    SignedMetadata metadata = SignedMetadata.parse(bytes, source, RootMetadata.TIMESTAMP);
    try {
      return new TimestampMetadata(metadata, MetaFile.parse(metadata.signed(), "snapshot.json"));
    } catch (JsonFormatException e) {
      throw SignedMetadata.malformed(source, RootMetadata.TIMESTAMP, e);
    }
  }
}
