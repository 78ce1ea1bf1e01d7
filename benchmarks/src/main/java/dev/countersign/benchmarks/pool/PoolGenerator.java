package dev.countersign.benchmarks.pool;

import dev.countersign.testkit.SignedBundle;
import dev.countersign.testkit.SigstoreSigner;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.bundle.Bundle;
import dev.countersign.testkit.bundle.BundleWriter;
import dev.countersign.testkit.bundle.TlogInclusionProof;
import dev.countersign.testkit.ca.GithubActionsClaims;
import dev.countersign.testkit.ca.LeafRequest;
import dev.countersign.testkit.keys.HashAlgorithm;
import dev.countersign.testkit.rekor.TestRekorV1Log;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates a pool of distinct bundles shaped like public-good ones: a P-384 root and intermediate,
 * a fresh P-256 leaf per bundle with an SCT from a P-256 CT log and GitHub Actions extensions, a
 * Rekor v1 hashedrekord entry with its inclusion promise, an inclusion proof {@value #PROOF_DEPTH}
 * hashes deep and a checkpoint signed for that bundle alone, in a v0.3 bundle. Every bundle signs
 * its own artifact.
 *
 * <p>Proof depth: a proof is as deep as the tree above the entry, so the log is padded with filler
 * leaves to just over 2<sup>24</sup> and each bundle gets a proof against its own, later tree size
 * (every checkpoint differs). Real bundles fetched right after logging carry 10–19 hashes; 25 is
 * the depth of a proof against a later checkpoint of a log with tens of millions of entries, and
 * errs on the expensive side.
 *
 * <p>Run in its own JVM (see {@link BundlePool}): the filler tree needs several gigabytes, and the
 * certificates made here must not be in the measuring JVM's certificate cache.
 */
public final class PoolGenerator {
  static final Instant TRUSTED_FROM = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant FIRST_SIGNING = Instant.parse("2025-06-01T00:00:00Z");
  static final int PROOF_DEPTH = 25;
  static final int ARTIFACT_BYTES = 4096;

  private PoolGenerator() {}

  /** {@code PoolGenerator <pool file> <number of bundles>}. */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: PoolGenerator <pool file> <number of bundles>");
      System.exit(2);
    }
    Path file = Paths.get(args[0]);
    int count = Integer.parseInt(args[1]);
    long start = System.nanoTime();
    PoolFile.write(file, generate(count, System.err));
    System.err.printf(
        "bundle pool: %d bundles written to %s in %.0f s%n",
        count, file, (System.nanoTime() - start) / 1e9);
  }

  static PoolFile.Contents generate(int count, PrintStream progress) throws Exception {
    if (count < 1 || count > (1 << (PROOF_DEPTH - 1))) {
      throw new IllegalArgumentException("pool size must be between 1 and 2^" + (PROOF_DEPTH - 1));
    }
    TestSigstore sigstore = TestSigstore.create(TRUSTED_FROM);
    GithubActionsClaims claims =
        GithubActionsClaims.of(
            "acme/app",
            ".github/workflows/release.yml",
            "refs/tags/v1.4.2",
            "8f2c3a1e6b9d4c7f0a5e2d8b1c4f7a9e3d6b0c2f");
    LeafRequest identity = LeafRequest.forGithubActions(claims).withSct(sigstore.ctLog());
    SigstoreSigner signer = sigstore.keyless(identity);

    List<Signed> signed = sign(signer, count, progress);

    // Pad the tree so that every entry sits in a complete left subtree of 2^(depth-1) leaves, then
    // give bundle j the tree size 2^(depth-1) + 1 + j: distinct checkpoints, proofs of full depth.
    TestRekorV1Log log = sigstore.rekorV1();
    long half = 1L << (PROOF_DEPTH - 1);
    progress.printf("bundle pool: padding the log with %d filler leaves%n", half);
    log.appendFiller(Math.toIntExact(half));
    List<PooledBundle> bundles = new ArrayList<>(count);
    for (int j = 0; j < count; j++) {
      Signed s = signed.get(j);
      TlogInclusionProof proof = log.inclusionProof(s.logIndex(), half + 1 + j);
      if (proof.hashes().size() != PROOF_DEPTH) {
        throw new IllegalStateException("proof of " + proof.hashes().size() + " hashes");
      }
      Bundle bundle = s.bundle().withFirstTlogEntry(e -> e.withInclusionProof(proof));
      bundles.add(new PooledBundle(BundleWriter.writeBytes(bundle), s.sha256()));
      signed.set(j, null);
      if ((j + 1) % 20_000 == 0) {
        progress.printf("bundle pool: %d proofs%n", j + 1);
      }
    }
    return new PoolFile.Contents(
        sigstore.trustedRootJson().getBytes(StandardCharsets.UTF_8),
        claims.subjectUri(),
        GithubActionsClaims.ISSUER,
        PROOF_DEPTH,
        bundles);
  }

  /** Signs {@code count} distinct artifacts on every core; the log serialises the appends. */
  private static List<Signed> sign(SigstoreSigner signer, int count, PrintStream progress)
      throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<Signed>> futures = new ArrayList<>(count);
      for (int j = 0; j < count; j++) {
        int index = j;
        futures.add(
            pool.submit(
                () -> {
                  byte[] artifact = artifact(index);
                  SignedBundle b = signer.signArtifact(artifact, FIRST_SIGNING.plusSeconds(index));
                  if (done.incrementAndGet() % 20_000 == 0) {
                    progress.printf("bundle pool: %d bundles signed%n", done.get());
                  }
                  // The proof is replaced once the log is padded; drop this one now.
                  Bundle bundle = b.bundle().withFirstTlogEntry(e -> e.withInclusionProof(null));
                  return new Signed(
                      bundle, b.tlogEntry().logIndex(), HashAlgorithm.SHA2_256.digest(artifact));
                }));
      }
      List<Signed> out = new ArrayList<>(count);
      for (Future<Signed> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Distinct content per bundle, the size of a small release file. */
  static byte[] artifact(int index) {
    byte[] b = new byte[ARTIFACT_BYTES];
    new SplittableRandom(0x5eed0000L + index).nextBytes(b);
    return b;
  }

  private record Signed(Bundle bundle, long logIndex, byte[] sha256) {}
}
