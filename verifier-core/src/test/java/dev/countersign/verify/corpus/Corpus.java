package dev.countersign.verify.corpus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Access to the external test corpus ({@code ../shared/corpus}), read in place. Tests that need it
 * are skipped, with a message, when it is absent.
 */
public final class Corpus {
  private Corpus() {}

  /** The corpus root, or empty when it is not present. */
  public static java.util.Optional<Path> root() {
    String prop = System.getProperty("countersign.corpus");
    Path p = prop != null ? Paths.get(prop) : Paths.get("..", "..", "shared", "corpus");
    return Files.isDirectory(p)
        ? java.util.Optional.of(p.toAbsolutePath().normalize())
        : java.util.Optional.empty();
  }

  /** The corpus root; skips the calling test when absent. */
  public static Path require() {
    java.util.Optional<Path> r = root();
    assumeTrue(r.isPresent(), "external corpus ../shared/corpus not present: corpus test skipped");
    return r.get();
  }

  /** Rows of a TSV file with a header line; each row as a list of columns (empty columns kept). */
  public static List<List<String>> tsv(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      rows.add(List.of(lines.get(i).split("\t", -1)));
    }
    return rows;
  }

  /** Header columns of a TSV file. */
  public static List<String> header(Path file) throws IOException {
    return List.of(Files.readAllLines(file, StandardCharsets.UTF_8).get(0).split("\t", -1));
  }
}
