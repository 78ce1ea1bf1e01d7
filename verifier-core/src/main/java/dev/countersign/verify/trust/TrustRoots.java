package dev.countersign.verify.trust;

import dev.countersign.verify.internal.trust.TrustRootDirectory;
import dev.countersign.verify.internal.trust.TrustRootParser;
import dev.countersign.verify.internal.tuf.TufMirrorLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads trust roots. Every method validates the whole root and throws on anything malformed. */
public final class TrustRoots {
  /** The conventional name of the Sigstore public-good root. */
  public static final String PUBLIC_GOOD = "public-good";

  /**
   * Classpath location of the shipped public-good root (artifact {@code
   * dev.countersign:trust-roots}).
   */
  public static final String PUBLIC_GOOD_RESOURCE =
      "/dev/countersign/trust-roots/public-good/trusted_root.json";

  /** Largest trusted_root.json accepted. Real roots are a few kilobytes. */
  static final long MAX_ROOT_BYTES = 4L * 1024 * 1024;

  private TrustRoots() {}

  /**
   * The Sigstore public-good root shipped in {@code dev.countersign:trust-roots}, named {@value
   * #PUBLIC_GOOD}. Fails if that artifact is not on the classpath.
   */
  public static TrustRoot publicGood() {
    try (InputStream in = TrustRoots.class.getResourceAsStream(PUBLIC_GOOD_RESOURCE)) {
      if (in == null) {
        throw new TrustRootException(
            "the public-good trust root is not on the classpath: add the dev.countersign:trust-roots"
                + " artifact, or load a trusted_root.json with TrustRoots.fromFile");
      }
      return TrustRootParser.parse(
          PUBLIC_GOOD, in.readAllBytes(), "classpath:" + PUBLIC_GOOD_RESOURCE);
    } catch (IOException e) {
      throw new TrustRootException("cannot read the shipped public-good trust root", e);
    }
  }

  /** A trusted_root.json file, named after the file (without {@code .json}). */
  public static TrustRoot fromFile(Path file) {
    String fileName = file.getFileName().toString();
    String name =
        fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    return fromFile(name, file);
  }

  /** A trusted_root.json file under the given name. */
  public static TrustRoot fromFile(String name, Path file) {
    return fromJson(name, read(file), file.toString());
  }

  /** A trusted_root.json document. */
  public static TrustRoot fromJson(String name, byte[] json, String source) {
    requireName(name);
    if (json.length > MAX_ROOT_BYTES) {
      throw new TrustRootException(
          source + ": trusted root is larger than " + MAX_ROOT_BYTES + " bytes");
    }
    return TrustRootParser.parse(name, json, source);
  }

  /**
   * The trusted_root.json target of a TUF repository mirrored on disk, after verifying the TUF
   * metadata chain from the caller's trusted TUF root. Expired or inconsistent metadata is a {@link
   * TrustRootException}.
   */
  public static TrustRoot fromTufMirror(String name, TufMirror mirror) {
    requireName(name);
    byte[] target = TufMirrorLoader.loadTarget(mirror);
    return TrustRootParser.parse(
        name, target, "tuf:" + mirror.repository() + "#" + mirror.targetName());
  }

  /**
   * Every trust root in a directory, in name order: each {@code <name>.json} is a
   * trusted_root.json, and each {@code <name>/} subdirectory is either a TUF mirror (it holds the
   * trusted TUF root as {@code tuf-root.json}, metadata beside it or in {@code metadata/}, targets
   * in {@code targets/}) or holds a {@code trusted_root.json}. Hidden entries (such as a Kubernetes
   * volume's {@code ..data}) are skipped; symbolic links are followed, as mounted ConfigMaps and
   * Secrets use them.
   *
   * @throws TrustRootException naming the entry that cannot be loaded, or when the directory holds
   *     no root
   */
  public static java.util.List<TrustRoot> fromDirectory(Path directory) {
    java.util.List<TrustRoot> roots = new java.util.ArrayList<>();
    for (TrustRootDirectory.Entry e : TrustRootDirectory.list(directory)) {
      roots.add(e.load());
    }
    if (roots.isEmpty()) {
      throw new TrustRootException(
          directory + ": no trust root (<name>.json files or <name>/ directories)");
    }
    return java.util.List.copyOf(roots);
  }

  static byte[] read(Path file) {
    try {
      if (Files.size(file) > MAX_ROOT_BYTES) {
        throw new TrustRootException(
            file + ": trusted root is larger than " + MAX_ROOT_BYTES + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TrustRootException("cannot read trust root " + file + ": " + e.getMessage(), e);
    }
  }

  private static void requireName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      throw new TrustRootException(
          "invalid trust root name '" + name + "': use letters, digits, '.', '_' or '-'");
    }
  }
}
