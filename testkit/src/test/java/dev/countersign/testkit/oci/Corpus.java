package dev.countersign.testkit.oci;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared corpus, read in place through {@code countersign.corpus}; absent means skip. */
final class Corpus {
  private Corpus() {}

  /** {@code relative} inside the corpus; skips the calling test when it is not there. */
  static Path require(String relative) {
    String root = System.getProperty("countersign.corpus");
    assumeTrue(root != null, "system property countersign.corpus not set: skipping corpus test");
    Path path = Path.of(root, relative);
    assumeTrue(Files.exists(path), "corpus file " + path + " absent: skipping corpus test");
    return path;
  }
}
