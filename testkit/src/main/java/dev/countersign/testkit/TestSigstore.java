package dev.countersign.testkit;

import dev.countersign.testkit.ca.LeafRequest;
import dev.countersign.testkit.ca.TestCertificateAuthority;
import dev.countersign.testkit.ct.TestCtLog;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.rekor.TestRekorV1Log;
import dev.countersign.testkit.rekor.TestRekorV2Log;
import dev.countersign.testkit.trustroot.CertificateAuthorityInstance;
import dev.countersign.testkit.trustroot.LogInstance;
import dev.countersign.testkit.trustroot.TrustedRoot;
import dev.countersign.testkit.trustroot.TrustedRootWriter;
import dev.countersign.testkit.trustroot.ValidityPeriod;
import dev.countersign.testkit.tsa.TestTimestampAuthority;
import java.time.Instant;

/**
 * A complete private Sigstore deployment for tests: a Fulcio-like CA, a CT log, a Rekor v1 log, a
 * Rekor v2 log and a timestamp authority, all trusted from one instant on, plus the trusted root
 * that says so.
 *
 * <pre>{@code
 * TestSigstore sigstore = TestSigstore.create(Instant.parse("2025-01-01T00:00:00Z"));
 * SignedBundle signed = sigstore.keyless("https://github.com/acme/app/.github/workflows/r.yml@refs/heads/main",
 *         "https://token.actions.githubusercontent.com")
 *     .signArtifact(artifact, Instant.parse("2025-06-01T12:00:00Z"));
 * Files.writeString(dir.resolve("bundle.json"), signed.json());
 * Files.writeString(dir.resolve("trusted_root.json"), sigstore.trustedRootJson());
 * }</pre>
 */
public final class TestSigstore {
  private final Instant validFrom;
  private final TestCertificateAuthority ca;
  private final TestCtLog ctLog;
  private final TestRekorV1Log rekorV1;
  private final TestRekorV2Log rekorV2;
  private final TestTimestampAuthority tsa;

  private TestSigstore(Instant validFrom) {
    this.validFrom = validFrom;
    this.ca = TestCertificateAuthority.create(validFrom);
    this.ctLog = TestCtLog.create("https://ctfe.countersign.test/test");
    this.rekorV1 = TestRekorV1Log.create("rekor.countersign.test", 4242424242424242424L);
    this.rekorV2 = TestRekorV2Log.create("log2025-test.rekor.countersign.test");
    this.tsa = TestTimestampAuthority.create(validFrom);
  }

  /**
   * Fresh keys and certificates for every service, all valid and trusted from {@code validFrom}.
   */
  public static TestSigstore create(Instant validFrom) {
    return new TestSigstore(validFrom);
  }

  /** When everything became valid and trusted. */
  public Instant validFrom() {
    return validFrom;
  }

  /** The certificate authority (root and intermediate). */
  public TestCertificateAuthority ca() {
    return ca;
  }

  /** The CT log embedding SCTs. */
  public TestCtLog ctLog() {
    return ctLog;
  }

  /** The Rekor v1 style log. */
  public TestRekorV1Log rekorV1() {
    return rekorV1;
  }

  /** The Rekor v2 style log. */
  public TestRekorV2Log rekorV2() {
    return rekorV2;
  }

  /** The timestamp authority. */
  public TestTimestampAuthority tsa() {
    return tsa;
  }

  /** The trusted root trusting every service from {@link #validFrom}. */
  public TrustedRoot trustedRoot() {
    ValidityPeriod period = ValidityPeriod.from(validFrom);
    return TrustedRoot.empty()
        .withTlog(LogInstance.of(rekorV1, period))
        .withTlog(LogInstance.of(rekorV2, period))
        .withCertificateAuthority(CertificateAuthorityInstance.of(ca, period))
        .withCtlog(LogInstance.of(ctLog, period))
        .withTimestampAuthority(CertificateAuthorityInstance.of(tsa, period));
  }

  /** {@link #trustedRoot} as {@code trusted_root.json} text. */
  public String trustedRootJson() {
    return TrustedRootWriter.write(trustedRoot());
  }

  /** A leaf request for a URI identity with an SCT from this deployment's CT log. */
  public LeafRequest uriIdentity(String uri, String oidcIssuer) {
    return LeafRequest.forUri(uri, oidcIssuer).withSct(ctLog);
  }

  /** A leaf request for an email identity with an SCT from this deployment's CT log. */
  public LeafRequest emailIdentity(String email, String oidcIssuer) {
    return LeafRequest.forEmail(email, oidcIssuer).withSct(ctLog);
  }

  /** Keyless signing for {@code identity} (used as given), logged in Rekor v1, v0.3 bundles. */
  public SigstoreSigner keyless(LeafRequest identity) {
    return SigstoreSigner.keyless(ca, identity).withTransparencyLog(rekorV1);
  }

  /** Keyless signing for a URI identity with an embedded SCT, logged in Rekor v1. */
  public SigstoreSigner keyless(String uri, String oidcIssuer) {
    return keyless(uriIdentity(uri, oidcIssuer));
  }

  /**
   * Keyless signing as current clients do against Rekor v2: logged there and timestamped by the
   * TSA, since Rekor v2 entries carry no integrated time.
   */
  public SigstoreSigner keylessRekorV2(LeafRequest identity) {
    return SigstoreSigner.keyless(ca, identity)
        .withTransparencyLog(rekorV2)
        .withTimestampAuthority(tsa);
  }

  /** Key-based signing with {@code key} named by {@code hint}, logged in Rekor v1. */
  public SigstoreSigner withKey(TestKeyPair key, String hint) {
    return SigstoreSigner.withKey(key, hint).withTransparencyLog(rekorV1);
  }
}
