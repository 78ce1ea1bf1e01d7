package dev.countersign.report.aws.internal;

import dev.countersign.report.aws.TrailLocation;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * What the trail readers need of a bucket or folder. Keys are S3 keys (prefix included), also for
 * local copies, so that the keys digest files name can be looked up directly.
 */
public interface TrailStore extends TrailLocation {

  /** The prefix ending in {@code /}, or empty. */
  String prefix();

  /** The bucket name, or empty for a local copy (whose bucket is not known). */
  String bucket();

  /** Names of the folders directly under {@code folder} (a key prefix ending in {@code /}). */
  List<String> children(String folder) throws IOException;

  /** Keys of the files directly under {@code folder}, sorted. */
  List<String> files(String folder) throws IOException;

  /** The content; {@link java.nio.file.NoSuchFileException} when it does not exist. */
  InputStream open(String key) throws IOException;

  boolean exists(String key) throws IOException;

  /** The digest signature stored with the file (S3 metadata {@code signature}), if any. */
  Optional<String> signature(String key) throws IOException;

  /**
   * The key in this store of an object a digest file names, or empty when it names another bucket
   * (or, for a local copy, a key outside the copied prefix).
   */
  Optional<String> keyOf(String s3Bucket, String s3Object);

  /** {@code s3://bucket/key} or the local path, for reports. */
  String uri(String key);
}
