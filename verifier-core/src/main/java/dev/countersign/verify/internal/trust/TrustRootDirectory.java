package dev.countersign.verify.internal.trust;

import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustRootException;
import dev.countersign.verify.trust.TrustRoots;
import dev.countersign.verify.trust.TufMirror;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of a trust-root directory: {@code <name>.json} files, and {@code <name>/} directories
 * holding a TUF mirror ({@code tuf-root.json}) or a {@code trusted_root.json}.
 */
public final class TrustRootDirectory {
  private TrustRootDirectory() {}

  /** Kinds of entry. */
  public enum Kind {
    TRUSTED_ROOT_FILE,
    TUF_MIRROR
  }

  /**
   * One root in the directory, not yet loaded.
   *
   * @param name the root's name (file or directory name)
   * @param path the file or directory
   * @param kind how it is loaded
   */
  public record Entry(String name, Path path, Kind kind) {
    /** Loads and validates the root. */
    public TrustRoot load() {
      if (kind == Kind.TUF_MIRROR) {
        return TrustRoots.fromTufMirror(name, TufMirror.of(path, path.resolve("tuf-root.json")));
      }
      return TrustRoots.fromFile(
          name, Files.isDirectory(path) ? path.resolve("trusted_root.json") : path);
    }
  }

  /**
   * The entries, in name order. Hidden entries (a Kubernetes volume's {@code ..data}) are skipped;
   * symbolic links are followed, as mounted ConfigMaps and Secrets use them.
   */
  public static List<Entry> list(Path directory) {
    List<Path> paths;
    try (Stream<Path> s = Files.list(directory)) {
      paths = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new TrustRootException(
          "cannot list trust roots in " + directory + ": " + e.getMessage(), e);
    }
    List<Entry> out = new ArrayList<>();
    for (Path p : paths) {
      String file = p.getFileName().toString();
      if (Files.isDirectory(p)) {
        if (Files.isRegularFile(p.resolve("tuf-root.json"))) {
          out.add(new Entry(file, p, Kind.TUF_MIRROR));
        } else if (Files.isRegularFile(p.resolve("trusted_root.json"))) {
          out.add(new Entry(file, p, Kind.TRUSTED_ROOT_FILE));
        } else {
          throw new TrustRootException(
              p
                  + ": a trust root directory needs tuf-root.json (a TUF mirror) or"
                  + " trusted_root.json");
        }
      } else if (file.endsWith(".json") && Files.isRegularFile(p)) {
        out.add(new Entry(file.substring(0, file.length() - 5), p, Kind.TRUSTED_ROOT_FILE));
      }
    }
    return out;
  }
}
