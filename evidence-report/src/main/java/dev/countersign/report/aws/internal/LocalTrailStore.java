package dev.countersign.report.aws.internal;

import dev.countersign.report.aws.AwsReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A local copy of a trail's bucket prefix: the folder holds {@code AWSLogs/}. */
public final class LocalTrailStore implements TrailStore {
  static final String SIGNATURE_SUFFIX = ".signature";
  private static final String AWSLOGS = "AWSLogs/";

  private final Path root;

  public LocalTrailStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String describe() {
    return root.toString();
  }

  @Override
  public String prefix() {
    return "";
  }

  @Override
  public String bucket() {
    return "";
  }

  @Override
  public List<String> children(String folder) throws IOException {
    Path dir = path(folder);
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isDirectory).forEach(p -> out.add(p.getFileName().toString()));
    } catch (IOException e) {
      throw new TrailStoreException(AwsReason.TRAIL_FILE_MALFORMED, "cannot list " + dir, e);
    }
    out.sort(null);
    return out;
  }

  @Override
  public List<String> files(String folder) throws IOException {
    Path dir = path(folder);
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isRegularFile)
          .map(p -> folder + p.getFileName().toString())
          .filter(k -> !k.endsWith(SIGNATURE_SUFFIX))
          .forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  @Override
  public InputStream open(String key) throws IOException {
    Path p = path(key);
    if (!Files.isRegularFile(p)) {
      throw new NoSuchFileException(p.toString());
    }
    return Files.newInputStream(p);
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(path(key));
  }

  @Override
  public Optional<String> signature(String key) throws IOException {
    Path sidecar = path(key + SIGNATURE_SUFFIX);
    if (!Files.isRegularFile(sidecar)) {
      return Optional.empty();
    }
    return Optional.of(Files.readString(sidecar, StandardCharsets.US_ASCII).trim());
  }

  /**
   * A local copy does not know its bucket or prefix: a digest's reference is found by the part from
   * {@code AWSLogs/} on, which is how CloudTrail lays out every trail's keys.
   */
  @Override
  public Optional<String> keyOf(String s3Bucket, String s3Object) {
    if (s3Object == null) {
      return Optional.empty();
    }
    if (s3Object.startsWith(AWSLOGS)) {
      return Optional.of(s3Object);
    }
    int at = s3Object.indexOf("/" + AWSLOGS);
    return at < 0 ? Optional.empty() : Optional.of(s3Object.substring(at + 1));
  }

  @Override
  public String uri(String key) {
    return path(key).toString();
  }

  private Path path(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("key outside the trail folder: " + key);
    }
    return p;
  }
}
