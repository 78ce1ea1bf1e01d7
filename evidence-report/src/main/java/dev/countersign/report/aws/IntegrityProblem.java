package dev.countersign.report.aws;

import java.util.Objects;

/**
 * One reason the trail's files cannot be trusted as delivered.
 *
 * @param kind what is wrong
 * @param file the digest or log file concerned ({@code s3://bucket/key} or a local path)
 * @param message one human sentence
 */
public record IntegrityProblem(Kind kind, String file, String message) {

  /** A stable catalogue: a kind never changes meaning once released. */
  public enum Kind {
    /** No digest file was found for the window: nothing could be validated. */
    NO_DIGEST_FILES,
    /** A digest file is not gzip JSON or lacks a required field. */
    DIGEST_UNREADABLE,
    /** A digest file names another bucket or key than where it is stored. */
    DIGEST_MOVED,
    /** No signature was found for a digest file (S3 metadata, or a successor's link). */
    DIGEST_SIGNATURE_MISSING,
    /** A digest file's signature does not verify: the file or its signature was changed. */
    DIGEST_SIGNATURE_INVALID,
    /** No public key with the digest's fingerprint was supplied or returned by ListPublicKeys. */
    PUBLIC_KEY_UNKNOWN,
    /** A digest file that a later digest names as its predecessor does not exist. */
    DIGEST_MISSING,
    /** A digest's link to its predecessor (signature or hash) does not match the predecessor. */
    CHAIN_BROKEN,
    /** A digest starts a new chain although earlier digests of the trail exist in the window. */
    CHAIN_GAP,
    /** A log file's SHA-256 differs from the one its digest lists: it was modified. */
    LOG_FILE_MODIFIED,
    /** A log file a digest lists does not exist: it was deleted. */
    LOG_FILE_MISSING,
    /** A log file a digest lists is not gzip-compressed. */
    LOG_FILE_UNREADABLE,
    /** A log file exists that no valid digest lists: it was added, or its digest is not valid. */
    LOG_FILE_NOT_IN_DIGEST,
    /** A log file newer than the newest digest: not yet covered, so not yet verifiable. */
    LOG_FILE_NOT_YET_DIGESTED,
    /** The trail's files could not be listed or read (permissions, network). */
    STORE_UNREADABLE
  }

  public IntegrityProblem {
    Objects.requireNonNull(kind, "kind");
    file = file == null ? "" : file;
    message = message == null ? "" : message;
  }
}
