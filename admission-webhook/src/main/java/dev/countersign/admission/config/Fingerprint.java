package dev.countersign.admission.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A content hash of a configuration file or directory, as a mounted ConfigMap or Secret presents
 * it: visible entries only (the {@code ..data} and {@code ..<timestamp>} entries Kubernetes swaps
 * are hidden), symbolic links followed, names and contents hashed in name order. Comparing
 * fingerprints catches every change, including ones a file watcher misses (an atomic symlink swap
 * on some file systems, or a watcher that overflowed).
 */
final class Fingerprint {
  private static final int MAX_DEPTH = 4;

  private Fingerprint() {}

  static String of(Path path) {
    MessageDigest md = sha256();
    add(md, path, "", 0);
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  private static void add(MessageDigest md, Path path, String name, int depth) {
    md.update(name.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    try {
      if (Files.isDirectory(path)) {
        if (depth >= MAX_DEPTH) {
          return;
        }
        List<Path> children = new ArrayList<>();
        try (Stream<Path> s = Files.list(path)) {
          s.filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .forEach(children::add);
        }
        md.update((byte) 'd');
        for (Path c : children) {
          add(md, c, name + "/" + c.getFileName(), depth + 1);
        }
      } else if (Files.isRegularFile(path)) {
        md.update((byte) 'f');
        md.update(Files.readAllBytes(path));
      } else {
        md.update((byte) 'x');
      }
    } catch (IOException | RuntimeException e) {
      // An unreadable entry is a state too: when it becomes readable the fingerprint changes.
      md.update(("!" + e.getClass().getSimpleName()).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
