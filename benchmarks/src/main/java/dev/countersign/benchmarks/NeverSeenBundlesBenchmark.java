package dev.countersign.benchmarks;

import dev.countersign.benchmarks.pool.BundlePool;
import dev.countersign.benchmarks.pool.PooledBundle;
import dev.countersign.verify.trust.TrustRoots;
import java.security.Security;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verification of bundles the JVM has never seen, which is what a verifier does in production:
 * every invocation takes the next bundle of a {@link BundlePool}, each with its own artifact and
 * its own leaf certificate. Repeating one bundle would measure the JDK's certificate cache instead
 * (see {@link RealBundlesBenchmark}).
 *
 * <p>Countersign and sigstore-java verify the same bundles against the same trust root, offline, in
 * the same run; sigstore-java is measured as shipped and with Bouncy Castle as the first JCA
 * provider. Every invocation must pass: a failed verification fails the benchmark.
 *
 * <p>Warm-up matters (C2 must have compiled the verification path), but warm-up bundles are drawn
 * from the pool too, so no measured bundle has been seen before. Run with {@code -t 1} and {@code
 * -t 2}; the pool is shared between threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 4)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class NeverSeenBundlesBenchmark {

  /** The pool, shared by all threads of a fork; each fork starts with none of it seen. */
  @State(Scope.Benchmark)
  public static class Pool {
    BundlePool pool;

    @Setup(Level.Trial)
    public void load() throws Exception {
      pool = BundlePool.loadOrGenerate();
    }

    @TearDown(Level.Trial)
    public void report() {
      System.out.printf(
          "%nverified %d never-seen bundles (of %d; proofs of %d hashes)%n",
          pool.used(), pool.measurable(), pool.proofDepth());
    }
  }

  /** Countersign, with the trust root parsed from the pool's trusted_root.json. */
  @State(Scope.Benchmark)
  public static class Countersign {
    BundleVerifier verifier;

    @Setup(Level.Trial)
    public void build(Pool p) {
      verifier =
          CountersignBundleVerifier.of(
              TrustRoots.fromJson("benchmark", p.pool.trustedRootJson(), "bundle pool"),
              p.pool.subjectAlternativeName(),
              p.pool.issuer());
      checkWithHoldout("countersign", verifier, p.pool);
    }
  }

  /** sigstore-java 2.0.0 as shipped: the JDK's providers. */
  @State(Scope.Benchmark)
  public static class SigstoreJava {
    BundleVerifier verifier;

    @Setup(Level.Trial)
    public void build(Pool p) throws Exception {
      verifier =
          SigstoreJavaBundleVerifier.of(
              p.pool.trustedRootJson(), p.pool.subjectAlternativeName(), p.pool.issuer());
      checkWithHoldout("sigstore-java", verifier, p.pool);
    }
  }

  /**
   * sigstore-java 2.0.0 with Bouncy Castle as the first provider, so that certificate parsing, path
   * validation and ECDSA all run on Bouncy Castle, the common tuning for it.
   */
  @State(Scope.Benchmark)
  public static class SigstoreJavaBouncyCastleFirst {
    BundleVerifier verifier;

    @Setup(Level.Trial)
    public void build(Pool p) throws Exception {
      Security.insertProviderAt(new BouncyCastleProvider(), 1);
      verifier =
          SigstoreJavaBundleVerifier.of(
              p.pool.trustedRootJson(), p.pool.subjectAlternativeName(), p.pool.issuer());
      checkWithHoldout("sigstore-java (Bouncy Castle first)", verifier, p.pool);
    }
  }

  private static void checkWithHoldout(String name, BundleVerifier verifier, BundlePool pool) {
    PooledBundle b = pool.holdout(0);
    Preflight.check(name, verifier, b.json(), b.sha256());
  }

  @Benchmark
  public Object countersign(Pool p, Countersign v) throws VerificationFailedException {
    PooledBundle b = p.pool.next();
    return v.verifier.verify(b.json(), b.sha256());
  }

  @Benchmark
  public Object sigstoreJava(Pool p, SigstoreJava v) throws VerificationFailedException {
    PooledBundle b = p.pool.next();
    return v.verifier.verify(b.json(), b.sha256());
  }

  @Benchmark
  public Object sigstoreJavaBouncyCastleFirst(Pool p, SigstoreJavaBouncyCastleFirst v)
      throws VerificationFailedException {
    PooledBundle b = p.pool.next();
    return v.verifier.verify(b.json(), b.sha256());
  }
}
