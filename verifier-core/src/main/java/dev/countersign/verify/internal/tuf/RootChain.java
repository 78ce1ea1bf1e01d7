package dev.countersign.verify.internal.tuf;

import dev.countersign.verify.trust.TrustRootException;
import java.time.Instant;
import java.util.Optional;

/**
 * Root rotation (TUF 5.3): from the caller's trusted root, accept {@code N+1.root.json} for as long
 * as the mirror has one, each signed by a threshold of the previous root's keys and a threshold of
 * its own, then require the last accepted root to be unexpired.
 */
final class RootChain {
  /** TUF 5.3.3 suggests capping the number of root files read; 2^10 as in the spec's example. */
  static final int MAX_ROTATIONS = 1024;

  private RootChain() {}

  /**
   * Loads and self-verifies the caller's trusted root. Its expiry does not matter yet (TUF 5.2):
   * newer roots may follow.
   */
  static RootMetadata trusted(byte[] bytes, String source) {
    RootMetadata root = RootMetadata.parse(bytes, source);
    // The file is trusted out of band; its self-signature still catches a corrupted or mixed-up
    // file before it is used to judge anything else (python-tuf does the same).
    SignatureThreshold.verify(root.metadata(), root, RootMetadata.ROOT);
    return root;
  }

  /** Follows the rotations the mirror offers and returns the newest, unexpired root. */
  static RootMetadata update(RootMetadata trusted, MirrorFiles files, Instant now) {
    RootMetadata current = trusted;
    for (int i = 0; i < MAX_ROTATIONS; i++) {
      String fileName = (current.version() + 1) + ".root.json";
      Optional<byte[]> next =
          files.readMetadataIfPresent(
              fileName, TufMirrorLoader.MAX_METADATA_BYTES, "root metadata");
      if (next.isEmpty()) {
        break;
      }
      current = rotate(current, next.get(), files.metadataPath(fileName).toString());
    }
    current.metadata().requireNotExpired(now);
    return current;
  }

  /**
   * One rotation step (TUF 5.3.4 and 5.3.5). Expiry of the new root is deliberately not checked:
   * intermediate roots are usually long expired, only the final one matters.
   */
  static RootMetadata rotate(RootMetadata trusted, byte[] bytes, String source) {
    RootMetadata candidate = RootMetadata.parse(bytes, source);
    // Signed by the old keys: the old root vouches for the change. Signed by the new keys: the new
    // key holders can actually sign, so the client is not moved to a root nobody can operate.
    SignatureThreshold.verify(candidate.metadata(), trusted, RootMetadata.ROOT);
    SignatureThreshold.verify(candidate.metadata(), candidate, RootMetadata.ROOT);
    long expected = trusted.version() + 1;
    if (candidate.version() != expected) {
      throw new TrustRootException(
          source
              + ": root version rollback or mismatch: expected version "
              + expected
              + " after trusted root version "
              + trusted.version()
              + ", but the file has version "
              + candidate.version());
    }
    return candidate;
  }
}
