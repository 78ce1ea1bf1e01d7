package dev.countersign.verify.internal.tuf;

import dev.countersign.verify.trust.TrustRootException;
import dev.countersign.verify.trust.TufMirror;
import java.time.Instant;

/**
 * Reads one target from a TUF repository mirrored on disk, following the TUF 1.0 client workflow
 * without network access and without local state: root rotation from the caller's trusted root,
 * then timestamp, snapshot and top-level targets, then the target file itself. Every failure is a
 * {@link TrustRootException} naming the file and what is wrong with it.
 *
 * <p>Because nothing is persisted between loads, the rollback checks against previously trusted
 * timestamp and snapshot versions (TUF 5.4.3, 5.5.5) have nothing to compare with; versions are
 * instead checked for consistency along the chain, and expiry bounds how old a replay can be.
 */
public final class TufMirrorLoader {
  /** Largest metadata file read. Sigstore's are a few kilobytes. */
  public static final long MAX_METADATA_BYTES = 5L * 1024 * 1024;

  /** Largest target read. A trusted_root.json is a few kilobytes. */
  public static final long MAX_TARGET_BYTES = 4L * 1024 * 1024;

  private TufMirrorLoader() {}

  public static byte[] loadTarget(TufMirror mirror) {
    // TUF 5.1: one fixed time for every expiry check of this load.
    Instant now = mirror.clock().instant();
    TargetReader.requireSafeName(mirror.targetName());
    MirrorFiles files = MirrorFiles.open(mirror.repository());
    byte[] trustedBytes =
        MirrorFiles.read(mirror.trustedRoot(), MAX_METADATA_BYTES, "trusted TUF root");
    RootMetadata trusted = RootChain.trusted(trustedBytes, mirror.trustedRoot().toString());
    RootMetadata root = RootChain.update(trusted, files, now);
    TimestampMetadata timestamp = timestamp(root, files, now);
    SnapshotMetadata snapshot = snapshot(root, timestamp, files, now);
    TargetsMetadata targets = targets(root, snapshot, files, now);
    return TargetReader.read(targets, mirror.targetName(), root.consistentSnapshot(), files);
  }

  /** TUF 5.4. */
  private static TimestampMetadata timestamp(RootMetadata root, MirrorFiles files, Instant now) {
    byte[] bytes =
        files.readMetadata(TimestampMetadata.FILE, MAX_METADATA_BYTES, "timestamp metadata");
    TimestampMetadata timestamp =
        TimestampMetadata.parse(bytes, files.metadataPath(TimestampMetadata.FILE).toString());
    SignatureThreshold.verify(timestamp.metadata(), root, RootMetadata.TIMESTAMP);
    timestamp.metadata().requireNotExpired(now);
    return timestamp;
  }

  /** TUF 5.5. */
  private static SnapshotMetadata snapshot(
      RootMetadata root, TimestampMetadata timestamp, MirrorFiles files, Instant now) {
    MetaFile expected = timestamp.snapshot();
    String fileName = metadataFileName(root, expected, RootMetadata.SNAPSHOT);
    String source = files.metadataPath(fileName).toString();
    byte[] bytes = files.readMetadata(fileName, MAX_METADATA_BYTES, "snapshot metadata");
    // Hashes before signatures (TUF 5.5.2): they come from the verified timestamp and pin exactly
    // one snapshot, so a mix-and-match of validly signed files is stopped here.
    LengthAndHashes.verify(
        bytes, expected.length(), expected.hashes(), source, timestamp.metadata().source());
    SnapshotMetadata snapshot = SnapshotMetadata.parse(bytes, source);
    SignatureThreshold.verify(snapshot.metadata(), root, RootMetadata.SNAPSHOT);
    requireVersion(snapshot.metadata(), expected, timestamp.metadata());
    snapshot.metadata().requireNotExpired(now);
    return snapshot;
  }

  /** TUF 5.6, top-level targets only. */
  private static TargetsMetadata targets(
      RootMetadata root, SnapshotMetadata snapshot, MirrorFiles files, Instant now) {
    MetaFile expected = snapshot.targets();
    String fileName = metadataFileName(root, expected, RootMetadata.TARGETS);
    String source = files.metadataPath(fileName).toString();
    byte[] bytes = files.readMetadata(fileName, MAX_METADATA_BYTES, "targets metadata");
    LengthAndHashes.verify(
        bytes, expected.length(), expected.hashes(), source, snapshot.metadata().source());
    TargetsMetadata targets = TargetsMetadata.parse(bytes, source);
    SignatureThreshold.verify(targets.metadata(), root, RootMetadata.TARGETS);
    requireVersion(targets.metadata(), expected, snapshot.metadata());
    targets.metadata().requireNotExpired(now);
    return targets;
  }

  /** {@code VERSION.role.json} with consistent snapshots, else {@code role.json}. */
  private static String metadataFileName(RootMetadata root, MetaFile expected, String role) {
    return root.consistentSnapshot() ? expected.version() + "." + role + ".json" : role + ".json";
  }

  private static void requireVersion(
      SignedMetadata actual, MetaFile expected, SignedMetadata listedBy) {
    if (actual.version() != expected.version()) {
      throw new TrustRootException(
          actual.source()
              + ": "
              + actual.type()
              + " version mismatch: "
              + listedBy.source()
              + " ("
              + listedBy.describe()
              + ") lists "
              + expected.name()
              + " version "
              + expected.version()
              + " but the file has version "
              + actual.version());
    }
  }
}
