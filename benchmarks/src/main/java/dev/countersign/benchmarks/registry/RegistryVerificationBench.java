package dev.countersign.benchmarks.registry;

import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.registry.RegistryAuth;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.oci.DockerConfigCredentials;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryConfig;
import dev.countersign.verify.oci.RegistryCredentials;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.CertificateIdentity;
import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustRoots;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Verifies one classic-signed image (keyless cosign signature with its Rekor bundle, in a {@code
 * sha256-<hex>.sig} tag) against a real {@code docker-registry} on 127.0.0.1, and reports:
 *
 * <ul>
 *   <li><b>first in JVM</b>: the very first verification of the process (class loading, JIT, TLS
 *       and JSON machinery all cold) with a fresh client;
 *   <li><b>cold client</b>: a fresh {@link OciRegistry} per verification in a warmed JVM (new
 *       connection, no token: the challenge and the token request are paid each time);
 *   <li><b>warm client</b>: one shared client (pooled connection, cached token), after warm-up;
 *   <li><b>no network</b>: the same evidence replayed from memory, which is what verification costs
 *       beside the registry (parsing, signature, certificate chain, SCT, log entry, identity).
 * </ul>
 *
 * <p>For each: wall time of {@code Verifier.verify}, registry round trips (every HTTP exchange, via
 * {@link RegistryConfig.Builder#listener}), and the split between network time (the sum of the
 * round trips' durations) and the rest (verification). Exits with status 1 if a warm client needs
 * more than 3 round trips, or if the verifier does not reject a wrong identity.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.countersign.benchmarks.registry.RegistryVerificationBench \
 *     [--iterations 500] [--warmup 200] [--cold 50]
 * </pre>
 */
public final class RegistryVerificationBench {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant SIGNED_AT = Instant.parse("2025-06-01T12:00:00Z");
  private static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");
  private static final String ISSUER = "https://token.actions.githubusercontent.com";
  private static final String IDENTITY =
      "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0.0";
  private static final String USER = "bench";
  private static final String PASSWORD = "bench-password";
  private static final int WARM_ROUND_TRIP_LIMIT = 3;

  private final TestSigstore sigstore = TestSigstore.create(T0);
  private final TrustRoot root =
      TrustRoots.fromJson(
          "bench", sigstore.trustedRootJson().getBytes(StandardCharsets.UTF_8), "testkit");
  private final Authority release =
      Authority.keyless(
          "release-ci",
          List.of(
              CertificateIdentity.of(StringMatcher.exact(IDENTITY), StringMatcher.exact(ISSUER))));
  private final Authority otherIdentity =
      Authority.keyless(
          "other",
          List.of(
              CertificateIdentity.of(
                  StringMatcher.exact(IDENTITY.replace("acme", "evil")),
                  StringMatcher.exact(ISSUER))));

  private final int iterations;
  private final int warmup;
  private final int cold;
  private final List<String> failures = new ArrayList<>();

  private RegistryVerificationBench(int iterations, int warmup, int cold) {
    this.iterations = iterations;
    this.warmup = warmup;
    this.cold = cold;
  }

  public static void main(String[] args) throws Exception {
    int iterations = 500;
    int warmup = 200;
    int cold = 50;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--cold" -> cold = Integer.parseInt(args[++i]);
        default -> {
          System.err.println(
              "usage: RegistryVerificationBench [--iterations N] [--warmup N] [--cold N]");
          System.exit(2);
        }
      }
    }
    if (!RegistryProcess.isAvailable()) {
      System.err.println(RegistryProcess.unavailableReason());
      System.exit(2);
    }
    System.exit(new RegistryVerificationBench(iterations, warmup, cold).run());
  }

  private int run() {
    System.out.printf(
        Locale.ROOT,
        "machine: %d CPUs (Runtime.availableProcessors), %s %s (%s), %s %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
    System.out.printf(
        Locale.ROOT,
        "iterations: %d warm (after %d warm-up), %d cold-client%n%n",
        iterations,
        warmup,
        cold);
    List<String> rows = new ArrayList<>();
    boolean first = true;
    for (boolean token : new boolean[] {true, false}) {
      try (RegistryProcess registry =
          token
              ? RegistryProcess.start(RegistryAuth.token(Map.of(USER, PASSWORD)))
              : RegistryProcess.start()) {
        rows.addAll(measure(registry, token ? "token" : "anonymous", first));
        first = false;
      }
    }
    System.out.println(
        "| auth | client | n | wall median ms | wall p90 ms | round trips | network median ms"
            + " | verification median ms |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
    if (!failures.isEmpty()) {
      System.out.println();
      failures.forEach(f -> System.out.println("FAILED: " + f));
      return 1;
    }
    return 0;
  }

  private List<String> measure(RegistryProcess registry, String auth, boolean firstInJvm) {
    String repo = "bench/app";
    Image image = RandomImages.seeded(42).image(Platform.LINUX_AMD64);
    registry.client().push(repo, image.content("v1"));
    CosignSigner signer = CosignSigner.keyless(sigstore, sigstore.uriIdentity(IDENTITY, ISSUER));
    registry
        .client()
        .push(
            repo,
            CosignManifests.signatures(
                image.digest(),
                List.of(signer.sign(registry.hostPort() + "/" + repo, image.digest(), SIGNED_AT))));
    ImageReference ref = ImageReference.parse(registry.hostPort() + "/" + repo + ":v1");
    RoundTripTimer timer = new RoundTripTimer();
    List<String> rows = new ArrayList<>();

    if (firstInJvm) {
      Verifier verifier = verifier(EvidenceSource.of(client(registry, auth, timer)));
      Sample s = once(verifier, ref, timer, release);
      rows.add(row(auth, "first in JVM", List.of(s)));
    }

    // Preflight: a benchmark of a verifier that accepts anything would measure nothing.
    Verifier checked = verifier(EvidenceSource.of(client(registry, auth, timer)));
    Verdict wrong = checked.verify(VerificationRequest.image(ref, otherIdentity));
    if (wrong.outcome() != Outcome.FAIL || wrong.reason() != ReasonCode.IDENTITY_MISMATCH) {
      failures.add(auth + ": a wrong identity was not rejected: " + wrong.summary());
    }

    List<Sample> coldSamples = new ArrayList<>();
    for (int i = 0; i < warmup / 4 + cold; i++) {
      Verifier verifier = verifier(EvidenceSource.of(client(registry, auth, timer)));
      Sample s = once(verifier, ref, timer, release);
      if (i >= warmup / 4) {
        coldSamples.add(s);
      }
    }
    rows.add(row(auth, "cold client", coldSamples));

    OciRegistry shared = client(registry, auth, timer);
    Verifier warmVerifier = verifier(EvidenceSource.of(shared));
    for (int i = 0; i < warmup; i++) {
      once(warmVerifier, ref, timer, release);
    }
    List<Sample> warm = new ArrayList<>();
    for (int i = 0; i < iterations; i++) {
      warm.add(once(warmVerifier, ref, timer, release));
    }
    rows.add(row(auth, "warm client", warm));
    int most = warm.stream().mapToInt(Sample::roundTrips).max().orElse(0);
    System.out.println(auth + ", warm client, one verification: " + warm.get(0).trips());
    if (most > WARM_ROUND_TRIP_LIMIT) {
      failures.add(
          auth
              + ": a warm client made "
              + most
              + " round trips (limit "
              + WARM_ROUND_TRIP_LIMIT
              + "): "
              + warm.stream().filter(s -> s.roundTrips() == most).findFirst().get().trips());
    }

    ReplayEvidenceSource replay = new ReplayEvidenceSource(EvidenceSource.of(shared));
    Verifier replayVerifier = verifier(replay);
    once(replayVerifier, ref, timer, release);
    replay.replay();
    for (int i = 0; i < warmup; i++) {
      once(replayVerifier, ref, timer, release);
    }
    List<Sample> offline = new ArrayList<>();
    for (int i = 0; i < iterations; i++) {
      offline.add(once(replayVerifier, ref, timer, release));
    }
    rows.add(row(auth, "no network (replayed evidence)", offline));
    return rows;
  }

  private OciRegistry client(RegistryProcess registry, String auth, RoundTripTimer timer) {
    RegistryCredentials credentials = RegistryCredentials.anonymous();
    if (auth.equals("token")) {
      String basic =
          Base64.getEncoder()
              .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      credentials =
          DockerConfigCredentials.fromJson(
              ("{\"auths\":{\"" + registry.hostPort() + "\":{\"auth\":\"" + basic + "\"}}}")
                  .getBytes(StandardCharsets.UTF_8));
    }
    return OciRegistry.http(
        RegistryConfig.builder()
            .insecureRegistry(registry.hostPort())
            .credentials(credentials)
            .listener(timer)
            .build());
  }

  private Verifier verifier(EvidenceSource source) {
    return Verifier.builder()
        .trustRoot(root)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .evidenceSource(source)
        .build();
  }

  /** One verification. */
  record Sample(long wallNanos, long networkNanos, int roundTrips, List<String> trips) {}

  private Sample once(
      Verifier verifier, ImageReference ref, RoundTripTimer timer, Authority authority) {
    timer.reset();
    long start = System.nanoTime();
    Verdict v = verifier.verify(VerificationRequest.image(ref, authority));
    long wall = System.nanoTime() - start;
    if (v.outcome() != Outcome.PASS) {
      throw new IllegalStateException("verification did not pass: " + v.summary());
    }
    return new Sample(wall, timer.networkNanos(), timer.count(), timer.trips());
  }

  private static String row(String auth, String client, List<Sample> samples) {
    List<Long> wall = new ArrayList<>();
    List<Long> network = new ArrayList<>();
    List<Long> verification = new ArrayList<>();
    int minTrips = Integer.MAX_VALUE;
    int maxTrips = 0;
    for (Sample s : samples) {
      wall.add(s.wallNanos());
      network.add(s.networkNanos());
      verification.add(s.wallNanos() - s.networkNanos());
      minTrips = Math.min(minTrips, s.roundTrips());
      maxTrips = Math.max(maxTrips, s.roundTrips());
    }
    String trips = minTrips == maxTrips ? "" + minTrips : minTrips + "-" + maxTrips;
    return String.format(
        Locale.ROOT,
        "| %s | %s | %d | %.2f | %.2f | %s | %.2f | %.2f |",
        auth,
        client,
        samples.size(),
        ms(percentile(wall, 50)),
        ms(percentile(wall, 90)),
        trips,
        ms(percentile(network, 50)),
        ms(percentile(verification, 50)));
  }

  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }
}
