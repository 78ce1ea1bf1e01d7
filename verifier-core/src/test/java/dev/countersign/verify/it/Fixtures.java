package dev.countersign.verify.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.testkit.SigstoreSigner;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryConfig;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.CertificateIdentity;
import dev.countersign.verify.policy.PolicySet;
import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustRoots;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Status;
import dev.countersign.verify.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the integration tests share: one private Sigstore deployment (CA, Rekor, CT log, TSA) whose
 * trusted root the verifiers trust, the identities that sign, a registry client configuration with
 * short timeouts, and verdict assertions that name the reason code.
 */
final class Fixtures {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant SIGNED_AT = Instant.parse("2025-06-01T12:00:00Z");
  static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");

  static final String ISSUER = "https://token.actions.githubusercontent.com";
  static final String IDENTITY =
      "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0.0";
  static final String OTHER_IDENTITY =
      "https://github.com/evil/app/.github/workflows/release.yml@refs/tags/v1.0.0";

  static final String ROOT_NAME = "private";
  static final TestSigstore SIGSTORE = TestSigstore.create(T0);
  static final TrustRoot ROOT =
      TrustRoots.fromJson(
          ROOT_NAME, SIGSTORE.trustedRootJson().getBytes(StandardCharsets.UTF_8), "testkit");

  /** The key of key-based signatures (logged in the private Rekor). */
  static final TestKeyPair KEY = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);

  /** A key nobody used. */
  static final TestKeyPair OTHER_KEY = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);

  private static final AtomicInteger REPOSITORIES = new AtomicInteger();

  private Fixtures() {}

  /** A fresh repository name, so tests sharing one registry never see each other's content. */
  static String repository(String hint) {
    return "it/" + hint.toLowerCase(java.util.Locale.ROOT) + "-" + REPOSITORIES.incrementAndGet();
  }

  /** cosign keyless signing as the release workflow. */
  static CosignSigner cosignRelease() {
    return CosignSigner.keyless(SIGSTORE, SIGSTORE.uriIdentity(IDENTITY, ISSUER));
  }

  /** cosign keyless signing as another workflow. */
  static CosignSigner cosignOther() {
    return CosignSigner.keyless(SIGSTORE, SIGSTORE.uriIdentity(OTHER_IDENTITY, ISSUER));
  }

  /** cosign signing with {@link #KEY}, logged. */
  static CosignSigner cosignKey() {
    return CosignSigner.withKey(KEY).withRekor(SIGSTORE.rekorV1());
  }

  /** Bundle signing (cosign v3, GitHub) as the release workflow. */
  static SigstoreSigner bundleRelease() {
    return SIGSTORE.keyless(IDENTITY, ISSUER);
  }

  /** Bundle signing as another workflow. */
  static SigstoreSigner bundleOther() {
    return SIGSTORE.keyless(OTHER_IDENTITY, ISSUER);
  }

  /** Bundle signing with {@link #KEY}, logged. */
  static SigstoreSigner bundleKey() {
    return SIGSTORE.withKey(KEY, "it-key");
  }

  /** The authority of the release workflow. */
  static Authority release() {
    return Authority.keyless(
        "release-ci",
        List.of(
            CertificateIdentity.of(StringMatcher.exact(IDENTITY), StringMatcher.exact(ISSUER))));
  }

  /** The authority of {@link #KEY}. */
  static Authority key() {
    return Authority.publicKey("it-key", KEY.publicKeyPem());
  }

  /** The authority of {@link #OTHER_KEY}. */
  static Authority otherKey() {
    return Authority.publicKey("other-key", OTHER_KEY.publicKeyPem());
  }

  /**
   * Plain HTTP to {@code hostPorts}, short timeouts and backoff: every fault ends in seconds. The
   * bounds the fault tests assert are derived from these numbers.
   */
  static RegistryConfig.Builder config(String... hostPorts) {
    RegistryConfig.Builder b =
        RegistryConfig.builder()
            .connectTimeout(CONNECT_TIMEOUT)
            .requestTimeout(REQUEST_TIMEOUT)
            .operationTimeout(OPERATION_TIMEOUT)
            .retries(MAX_RETRIES, Duration.ofMillis(50), MAX_BACKOFF);
    for (String h : hostPorts) {
      b.insecureRegistry(h);
    }
    return b;
  }

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(6);
  static final int MAX_RETRIES = 2;
  static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

  /** A verifier over {@code registry}, trusting the private deployment, at {@link #NOW}. */
  static Verifier verifier(OciRegistry registry) {
    return Verifier.builder()
        .trustRoot(ROOT)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .evidenceSource(EvidenceSource.of(registry))
        .build();
  }

  /** A verifier with policies. */
  static Verifier verifier(OciRegistry registry, PolicySet policies) {
    return Verifier.builder()
        .trustRoot(ROOT)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .evidenceSource(EvidenceSource.of(registry))
        .policies(policies)
        .build();
  }

  static Verdict verify(Verifier verifier, String reference, Authority... authorities) {
    return verifier.verify(VerificationRequest.image(ImageReference.parse(reference), authorities));
  }

  /** Asserts a pass, printing the verdict's summary and checks when it is not one. */
  static void assertPass(Verdict v) {
    assertThat(v.outcome()).as(describe(v)).isEqualTo(Outcome.PASS);
    assertThat(v.reason()).isEqualTo(ReasonCode.OK);
  }

  /** Asserts the outcome and the exact reason code. */
  static void assertVerdict(Verdict v, Outcome outcome, ReasonCode reason) {
    assertThat(v.outcome()).as(describe(v)).isEqualTo(outcome);
    assertThat(v.reason()).as(describe(v)).isEqualTo(reason);
  }

  /** The summary and every check, for assertion messages. */
  static String describe(Verdict v) {
    StringBuilder s = new StringBuilder(v.summary());
    for (CheckResult c : v.checks()) {
      s.append("\n  ")
          .append(c.status())
          .append(' ')
          .append(c.label())
          .append(' ')
          .append(c.reason())
          .append(": ")
          .append(c.detail());
    }
    return s.toString();
  }

  /** The checks of one kind. */
  static List<CheckResult> checks(Verdict v, CheckId id) {
    return v.checks().stream().filter(c -> c.check() == id).toList();
  }

  /** The one passing check of a kind. */
  static CheckResult passed(Verdict v, CheckId id) {
    List<CheckResult> found =
        v.checks().stream().filter(c -> c.check() == id && c.status() == Status.PASS).toList();
    assertThat(found).as(describe(v)).hasSize(1);
    return found.get(0);
  }

  /** {@code relative} inside the shared corpus; skips the calling test when it is absent. */
  static Path corpus(String relative) {
    String root = System.getProperty("countersign.corpus");
    assumeTrue(root != null, "corpus not present: system property countersign.corpus is not set");
    Path path = Path.of(root, relative);
    assumeTrue(Files.exists(path), "corpus not present: " + path + " does not exist");
    return path;
  }
}
