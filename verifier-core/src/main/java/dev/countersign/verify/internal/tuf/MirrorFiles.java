package dev.countersign.verify.internal.tuf;

import dev.countersign.verify.trust.TrustRootException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of a TUF repository mirrored on disk. Metadata lives in {@code <repository>/metadata/}
 * when that directory exists, otherwise directly in the repository directory; targets live in
 * {@code <repository>/targets/}. One location is chosen up front so that metadata is never
 * assembled from two directories.
 *
 * <p>Every read is bounded: a file larger than its limit is refused before any of it is parsed.
 *
 * @param repository the mirror directory
 * @param metadataDir where metadata files are read from
 * @param targetsDir where target files are read from
 */
record MirrorFiles(Path repository, Path metadataDir, Path targetsDir) {

  static MirrorFiles open(Path repository) {
    if (!Files.isDirectory(repository)) {
      throw new TrustRootException("TUF mirror " + repository + " is not a directory");
    }
    Path metadata = repository.resolve("metadata");
    return new MirrorFiles(
        repository,
        Files.isDirectory(metadata) ? metadata : repository,
        repository.resolve("targets"));
  }

  Path metadataPath(String fileName) {
    return metadataDir.resolve(fileName);
  }

  /** A metadata file that must exist. */
  byte[] readMetadata(String fileName, long limit, String what) {
    Path file = metadataPath(fileName);
    if (!Files.exists(file)) {
      throw new TrustRootException(file + ": missing " + what + " (looked in " + metadataDir + ")");
    }
    return read(file, limit, what);
  }

  /** A metadata file that may be absent, e.g. the next {@code N.root.json}. */
  Optional<byte[]> readMetadataIfPresent(String fileName, long limit, String what) {
    Path file = metadataPath(fileName);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(read(file, limit, what));
  }

  /**
   * Reads a whole file of at most {@code limit} bytes. The size is checked before reading and again
   * while reading, so a file that grows in between is still cut off.
   */
  static byte[] read(Path file, long limit, String what) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new TrustRootException(file + ": " + what + " is not a regular file");
      }
      long size = Files.size(file);
      if (size > limit) {
        throw tooLarge(file, what, limit);
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] data = in.readNBytes((int) limit + 1);
        if (data.length > limit) {
          throw tooLarge(file, what, limit);
        }
        return data;
      }
    } catch (NoSuchFileException e) {
      throw new TrustRootException(file + ": missing " + what, e);
    } catch (IOException e) {
      throw new TrustRootException(file + ": cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  private static TrustRootException tooLarge(Path file, String what, long limit) {
    return new TrustRootException(
        file + ": " + what + " is larger than the " + limit + "-byte limit; refusing to parse it");
  }
}
