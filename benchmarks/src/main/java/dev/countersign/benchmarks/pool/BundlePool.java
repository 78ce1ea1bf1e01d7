package dev.countersign.benchmarks.pool;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Distinct bundles handed out once each, so every verification is of a bundle this JVM has never
 * seen: no certificate, key or result of an earlier verification can be reused.
 *
 * <p>The pool is generated on first use, in a separate JVM, and cached on disk: by default in
 * {@code bundle-pool/} beside the benchmark jar (so under {@code benchmarks/target*}), or in the
 * directory named by {@value #DIR_PROPERTY}. Its size is {@value #SIZE_PROPERTY} (default {@value
 * #DEFAULT_SIZE}); it must exceed the invocations of one fork, warm-up included, and running out
 * fails the benchmark rather than verifying a bundle twice.
 */
public final class BundlePool {
  public static final String SIZE_PROPERTY = "countersign.bench.poolSize";
  public static final String DIR_PROPERTY = "countersign.bench.poolDir";
  public static final int DEFAULT_SIZE = 120_000;

  /** Bundles kept out of the measured sequence, for checking a verifier before measuring it. */
  private static final int HOLDOUT = 2;

  /** Heap for the generator: the padded log's tree holds 2^24 leaves and cached subtree hashes. */
  private static final String GENERATOR_HEAP = "-Xmx10g";

  private final PoolFile.Contents contents;
  private final List<PooledBundle> bundles;
  private final int measurable;
  private final AtomicInteger cursor = new AtomicInteger();

  private BundlePool(PoolFile.Contents contents) {
    this.contents = contents;
    this.bundles = contents.bundles();
    this.measurable = bundles.size() - HOLDOUT;
    if (measurable < 1) {
      throw new IllegalStateException("bundle pool of " + bundles.size() + " is too small");
    }
  }

  /** Loads the cached pool of the configured size, generating it first if there is none. */
  public static BundlePool loadOrGenerate() throws IOException, InterruptedException {
    int size = Integer.getInteger(SIZE_PROPERTY, DEFAULT_SIZE);
    Path file = directory().resolve("pool-" + size + ".bin");
    if (!Files.isRegularFile(file)) {
      generateInChildJvm(file, size);
    }
    return new BundlePool(PoolFile.read(file));
  }

  private static Path directory() {
    String configured = System.getProperty(DIR_PROPERTY);
    if (configured != null) {
      return Paths.get(configured);
    }
    try {
      Path codeSource =
          Paths.get(BundlePool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // benchmarks/target*/benchmarks.jar or benchmarks/target*/classes: both have target* above.
      return codeSource.toAbsolutePath().getParent().resolve("bundle-pool");
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the benchmark jar", e);
    }
  }

  private static void generateInChildJvm(Path file, int size)
      throws IOException, InterruptedException {
    System.err.printf(
        "bundle pool: %s not found; generating %d bundles (several minutes, once)%n", file, size);
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                GENERATOR_HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                PoolGenerator.class.getName(),
                file.toString(),
                Integer.toString(size))
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    int exit = p.waitFor();
    if (exit != 0 || !Files.isRegularFile(file)) {
      throw new IOException("bundle pool generation failed with exit code " + exit);
    }
  }

  /** The next never-verified bundle. Fails when the pool is used up. */
  public PooledBundle next() {
    int i = cursor.getAndIncrement();
    if (i >= measurable) {
      throw new IllegalStateException(
          "all "
              + measurable
              + " bundles of the pool are used: verifying one again would measure the JDK's"
              + " certificate cache. Shorten the iterations or raise -D"
              + SIZE_PROPERTY);
    }
    return bundles.get(i);
  }

  /** A bundle {@link #next} never returns, for checks before measuring. */
  public PooledBundle holdout(int k) {
    if (k < 0 || k >= HOLDOUT) {
      throw new IndexOutOfBoundsException(k);
    }
    return bundles.get(measurable + k);
  }

  /** How many bundles {@link #next} has handed out. */
  public int used() {
    return Math.min(cursor.get(), measurable);
  }

  /** How many bundles {@link #next} can hand out. */
  public int measurable() {
    return measurable;
  }

  public byte[] trustedRootJson() {
    return contents.trustedRootJson().clone();
  }

  public String subjectAlternativeName() {
    return contents.subjectAlternativeName();
  }

  public String issuer() {
    return contents.issuer();
  }

  public int proofDepth() {
    return contents.proofDepth();
  }
}
