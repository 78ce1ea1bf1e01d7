package dev.countersign.verify.internal.tuf;

import dev.countersign.verify.trust.TrustRootException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Finds a target in top-level targets metadata and reads its file (TUF 5.7). */
final class TargetReader {
  private TargetReader() {}

  /**
   * Rejects names that could leave the targets directory. Target paths are '/'-separated and
   * relative; anything else is refused rather than resolved against the file system.
   */
  static void requireSafeName(String name) {
    boolean bad =
        name.isEmpty()
            || name.startsWith("/")
            || name.indexOf('\\') >= 0
            || name.indexOf('\0') >= 0
            || name.indexOf(':') >= 0;
    if (!bad) {
      for (String segment : name.split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          bad = true;
          break;
        }
      }
    }
    if (bad) {
      throw new TrustRootException(
          "invalid TUF target name '" + name + "': use a relative '/'-separated path");
    }
  }

  static byte[] read(
      TargetsMetadata targets, String name, boolean consistentSnapshot, MirrorFiles files) {
    TargetFile target = targets.targets().get(name);
    SignedMetadata md = targets.metadata();
    if (target == null) {
      if (targets.delegates()) {
        throw new TrustRootException(
            md.source()
                + ": target '"
                + name
                + "' is not listed in top-level "
                + md.describe()
                + ", which delegates to other roles; delegated targets are not supported");
      }
      throw new TrustRootException(
          md.source() + ": target '" + name + "' is not listed in " + md.describe());
    }
    if (target.length() > TufMirrorLoader.MAX_TARGET_BYTES) {
      throw new TrustRootException(
          md.source()
              + ": target '"
              + name
              + "' is listed with "
              + target.length()
              + " bytes, more than the "
              + TufMirrorLoader.MAX_TARGET_BYTES
              + "-byte limit");
    }
    List<Path> candidates = candidatePaths(target, consistentSnapshot, files.targetsDir());
    Path file = null;
    for (Path p : candidates) {
      if (Files.exists(p)) {
        file = p;
        break;
      }
    }
    if (file == null) {
      throw new TrustRootException(
          "missing TUF target file for '" + name + "': tried " + joinPaths(candidates));
    }
    byte[] data = MirrorFiles.read(file, TufMirrorLoader.MAX_TARGET_BYTES, "target file");
    LengthAndHashes.verify(
        data,
        target.length(),
        target.hashes(),
        file.toString(),
        md.source() + " (" + md.describe() + ")");
    return data;
  }

  /**
   * With consistent snapshots a target is stored as {@code dir/HASH.name}, one copy per listed hash
   * (TUF 5.7.3); each is tried, and whichever is found must still match every hash.
   */
  private static List<Path> candidatePaths(TargetFile target, boolean consistent, Path targetsDir) {
    List<Path> out = new ArrayList<>();
    if (!consistent) {
      out.add(targetsDir.resolve(target.name()));
      return out;
    }
    int slash = target.name().lastIndexOf('/');
    String dir = slash < 0 ? "" : target.name().substring(0, slash + 1);
    String base = target.name().substring(slash + 1);
    for (Map.Entry<String, byte[]> e : new TreeMap<>(target.hashes()).entrySet()) {
      out.add(targetsDir.resolve(dir + HexFormat.of().formatHex(e.getValue()) + "." + base));
    }
    return out;
  }

  private static String joinPaths(List<Path> paths) {
    List<String> s = new ArrayList<>();
    paths.forEach(p -> s.add(p.toString()));
    return String.join(", ", s);
  }
}
