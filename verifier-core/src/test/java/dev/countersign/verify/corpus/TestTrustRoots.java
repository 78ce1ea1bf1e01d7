package dev.countersign.verify.corpus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Trust roots for tests: the shipped public-good root, and the corpus staging root. */
public final class TestTrustRoots {
  private TestTrustRoots() {}

  /** The project root (for reading shipped files in place). */
  public static Path projectRoot() {
    String p = System.getProperty("countersign.projectRoot");
    return p != null ? Paths.get(p) : Paths.get("..").toAbsolutePath().normalize();
  }

  /** The public-good root exactly as shipped in trust-roots/. */
  public static TrustRoot publicGood() {
    Path file =
        projectRoot()
            .resolve(
                "trust-roots/src/main/resources/dev/countersign/trust-roots/public-good/trusted_root.json");
    assumeTrue(Files.isRegularFile(file), "shipped public-good root not found at " + file);
    return TrustRoots.fromFile(TrustRoots.PUBLIC_GOOD, file);
  }

  /** The Sigstore staging root from the corpus; skips when the corpus is absent. */
  public static TrustRoot staging() {
    return TrustRoots.fromFile(
        "staging",
        Corpus.require().resolve("trust-roots/staging-trusted_root.root-signing-staging.json"));
  }
}
