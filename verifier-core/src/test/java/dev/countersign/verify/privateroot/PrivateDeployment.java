package dev.countersign.verify.privateroot;

import dev.countersign.testkit.SignedBundle;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.bundle.Bundle;
import dev.countersign.testkit.bundle.BundleWriter;
import dev.countersign.testkit.ca.GithubActionsClaims;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.verify.Artifact;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.CertificateIdentity;
import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustRoots;
import dev.countersign.verify.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

/** A private Sigstore deployment made by the testkit, and a verifier that trusts only it. */
final class PrivateDeployment {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant SIGNED_AT = Instant.parse("2025-06-01T12:00:00Z");
  static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");
  static final GithubActionsClaims CLAIMS =
      GithubActionsClaims.of(
          "acme/app", ".github/workflows/release.yml", "refs/tags/v1.0.0", "0".repeat(40));
  static final String SAN = CLAIMS.subjectUri();
  static final String ISSUER = GithubActionsClaims.ISSUER;
  static final byte[] ARTIFACT = "artifact under test\n".getBytes(StandardCharsets.UTF_8);

  final TestSigstore sigstore = TestSigstore.create(T0);
  final TrustRoot root;
  final Verifier verifier;

  PrivateDeployment() {
    sigstore.rekorV1().appendFiller(1000);
    sigstore.rekorV2().appendFiller(777);
    root =
        TrustRoots.fromJson(
            "private", sigstore.trustedRootJson().getBytes(StandardCharsets.UTF_8), "testkit");
    verifier = Verifier.builder().trustRoot(root).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  static Authority keyless(String san, String issuer) {
    return Authority.keyless(
        CertificateIdentity.of(StringMatcher.exact(san), StringMatcher.exact(issuer)));
  }

  static Authority expected() {
    return keyless(SAN, ISSUER);
  }

  Verdict verify(SignedBundle signed) {
    return verify(signed, ARTIFACT, expected());
  }

  Verdict verify(SignedBundle signed, byte[] artifact, Authority authority) {
    return verifier.verify(
        VerificationRequest.bundle(json(signed), Artifact.ofBytes(artifact), authority));
  }

  static byte[] json(SignedBundle signed) {
    return BundleWriter.write(signed.bundle()).getBytes(StandardCharsets.UTF_8);
  }

  static SignedBundle tamper(SignedBundle signed, UnaryOperator<Bundle> change) {
    return signed.withBundle(change.apply(signed.bundle()));
  }

  static Bytes bytes(byte[] b) {
    return Bytes.of(b);
  }
}
