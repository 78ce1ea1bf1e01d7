package dev.countersign.benchmarks;

import dev.countersign.benchmarks.real.RealBundle;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.trust.TrustRoots;
import dev.sigstore.KeylessVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.security.Security;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Real bundles from Maven Central, verified against the shipped public-good trust root, cycling
 * through a handful of them: the <em>repeated</em> case.
 *
 * <p>This flatters any verifier built on {@code java.security.cert}: the JDK's X.509 factory caches
 * parsed certificates by encoding, and a cached certificate remembers that its signature was
 * already verified with a given key, so from the second round on sigstore-java neither parses the
 * leaf nor checks the CA's signature on it. Countersign keeps no such state, so for it the repeated
 * and never-seen figures should be close. Production verification looks like {@link
 * NeverSeenBundlesBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 4)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class RealBundlesBenchmark {

  /** The bundles, with one verifier per bundle (each expects that bundle's signer). */
  public abstract static class Verifiers {
    List<RealBundle> bundles;
    BundleVerifier[] verifiers;

    void check(String name) {
      for (int i = 0; i < bundles.size(); i++) {
        RealBundle b = bundles.get(i);
        Preflight.check(name + " on " + b.name(), verifiers[i], b.json(), b.sha256());
      }
    }
  }

  /** Countersign with {@link TrustRoots#publicGood()}. */
  @State(Scope.Benchmark)
  public static class Countersign extends Verifiers {
    @Setup(Level.Trial)
    public void build() throws IOException {
      bundles = RealBundle.loadAll();
      Verifier shared = Verifier.builder().trustRoot(TrustRoots.publicGood()).build();
      verifiers = new BundleVerifier[bundles.size()];
      for (int i = 0; i < verifiers.length; i++) {
        RealBundle b = bundles.get(i);
        verifiers[i] =
            new CountersignBundleVerifier(shared, b.subjectAlternativeName(), b.issuer());
      }
      check("countersign");
    }
  }

  /** sigstore-java 2.0.0 as shipped, with the same public-good trusted_root.json. */
  @State(Scope.Benchmark)
  public static class SigstoreJava extends Verifiers {
    @Setup(Level.Trial)
    public void build() throws Exception {
      buildSigstoreJava(this);
      check("sigstore-java");
    }
  }

  /** sigstore-java 2.0.0 with Bouncy Castle as the first JCA provider. */
  @State(Scope.Benchmark)
  public static class SigstoreJavaBouncyCastleFirst extends Verifiers {
    @Setup(Level.Trial)
    public void build() throws Exception {
      Security.insertProviderAt(new BouncyCastleProvider(), 1);
      buildSigstoreJava(this);
      check("sigstore-java (Bouncy Castle first)");
    }
  }

  private static void buildSigstoreJava(Verifiers v) throws Exception {
    v.bundles = RealBundle.loadAll();
    KeylessVerifier shared = SigstoreJavaBundleVerifier.keylessVerifier(publicGoodJson());
    v.verifiers = new BundleVerifier[v.bundles.size()];
    for (int i = 0; i < v.verifiers.length; i++) {
      RealBundle b = v.bundles.get(i);
      v.verifiers[i] =
          new SigstoreJavaBundleVerifier(shared, b.subjectAlternativeName(), b.issuer());
    }
  }

  /** The very trusted_root.json that {@link TrustRoots#publicGood()} parses. */
  private static byte[] publicGoodJson() throws IOException {
    try (InputStream in = TrustRoots.class.getResourceAsStream(TrustRoots.PUBLIC_GOOD_RESOURCE)) {
      if (in == null) {
        throw new IOException("the public-good trust root is not on the classpath");
      }
      return in.readAllBytes();
    }
  }

  /** Each thread cycles through the bundles on its own. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int take(int size) {
      int i = next;
      next = i + 1 == size ? 0 : i + 1;
      return i;
    }
  }

  @Benchmark
  public Object countersign(Countersign v, Cursor c) throws VerificationFailedException {
    return verifyNext(v, c);
  }

  @Benchmark
  public Object sigstoreJava(SigstoreJava v, Cursor c) throws VerificationFailedException {
    return verifyNext(v, c);
  }

  @Benchmark
  public Object sigstoreJavaBouncyCastleFirst(SigstoreJavaBouncyCastleFirst v, Cursor c)
      throws VerificationFailedException {
    return verifyNext(v, c);
  }

  private static Object verifyNext(Verifiers v, Cursor c) throws VerificationFailedException {
    int i = c.take(v.bundles.size());
    RealBundle b = v.bundles.get(i);
    return v.verifiers[i].verify(b.json(), b.sha256());
  }
}
