package dev.countersign.admission.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Renders a Kustomize directory offline with {@code kubectl kustomize}. */
final class Kustomize {
  private static final long TIMEOUT_SECONDS = 60;

  private Kustomize() {}

  /** The YAML stream of the directory; the test is skipped when kubectl is not installed. */
  static String build(Path directory) {
    Result r = run(directory);
    if (r.exitCode() != 0) {
      throw new AssertionError(
          "kubectl kustomize " + directory + " failed (" + r.exitCode() + "): " + r.stderr());
    }
    return r.stdout();
  }

  /** Runs {@code kubectl kustomize} and reports the outcome, failed or not. */
  static Result run(Path directory) {
    Optional<Path> kubectl = kubectl();
    assumeTrue(
        kubectl.isPresent(),
        "kubectl is not installed (apt-get install kubernetes-client): Kustomize rendering skipped");
    try {
      Path out = Files.createTempFile("kustomize", ".yaml");
      Path err = Files.createTempFile("kustomize", ".err");
      try {
        Process p =
            new ProcessBuilder(kubectl.get().toString(), "kustomize", directory.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("kubectl kustomize " + directory + " did not finish in time");
        }
        return new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run kubectl: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running kubectl", e);
    }
  }

  static Optional<Path> kubectl() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(
            Stream.of(path.split(java.io.File.pathSeparator)).filter(s -> !s.isEmpty()),
            Stream.of("/usr/bin"))
        .map(dir -> Path.of(dir, "kubectl"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The outcome of one {@code kubectl kustomize} run. */
  record Result(int exitCode, String stdout, String stderr) {}

  /** Copies a directory tree, so that a test can add generated files to an overlay. */
  static void copyTree(Path from, Path to) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(from)) {
      all = s.toList();
    }
    for (Path p : all) {
      Path target = to.resolve(from.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(target);
      } else {
        Files.copy(p, target);
      }
    }
  }
}
