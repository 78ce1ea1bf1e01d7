package dev.countersign.verify.privateroot;

import static dev.countersign.verify.privateroot.PrivateDeployment.ARTIFACT;
import static dev.countersign.verify.privateroot.PrivateDeployment.SIGNED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.testkit.SignedBundle;
import dev.countersign.verify.Artifact;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.corpus.TestTrustRoots;
import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A private deployment's bundles and public-good bundles each verify only under their own root, a
 * verifier with both roots picks the right one, and no verification touches the network.
 */
class TrustRootIsolationTest {
  private static final String EXAMPLE_SAN =
      "https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0";
  private static final String GITHUB = "https://token.actions.githubusercontent.com";

  private final PrivateDeployment d = new PrivateDeployment();
  private final TrustRoot publicGood = TestTrustRoots.publicGood();

  private VerificationRequest.Bundle privateBundle() {
    SignedBundle s =
        d.sigstore
            .keyless(PrivateDeployment.SAN, PrivateDeployment.ISSUER)
            .signArtifact(ARTIFACT, SIGNED_AT);
    return VerificationRequest.bundle(
        PrivateDeployment.json(s), Artifact.ofBytes(ARTIFACT), PrivateDeployment.expected());
  }

  private VerificationRequest.Bundle publicBundle() throws Exception {
    Path dir = TestTrustRoots.projectRoot().resolve("examples/artifacts");
    return VerificationRequest.bundle(
        Files.readAllBytes(dir.resolve("sigstore-java-2.0.0.pom.sigstore.json")),
        Artifact.ofFile(dir.resolve("sigstore-java-2.0.0.pom")),
        PrivateDeployment.keyless(EXAMPLE_SAN, GITHUB));
  }

  @Test
  void eachRootAcceptsOnlyItsOwnBundles() throws Exception {
    Verifier publicOnly = Verifier.builder().trustRoot(publicGood).build();
    Verifier privateOnly = Verifier.builder().trustRoot(d.root).build();
    assertThat(privateOnly.verify(privateBundle()).outcome()).isEqualTo(Outcome.PASS);
    assertThat(publicOnly.verify(publicBundle()).outcome()).isEqualTo(Outcome.PASS);
    Verdict privateUnderPublic = publicOnly.verify(privateBundle());
    assertThat(privateUnderPublic.reason())
        .as(privateUnderPublic.summary())
        .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    Verdict publicUnderPrivate = privateOnly.verify(publicBundle());
    assertThat(publicUnderPrivate.reason())
        .as(publicUnderPrivate.summary())
        .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
  }

  @Test
  void aVerifierWithBothRootsNamesTheRootEachVerdictUsed() throws Exception {
    Verifier both = Verifier.builder().trustRoots(List.of(publicGood, d.root)).build();
    Verdict priv = both.verify(privateBundle());
    assertThat(priv.outcome()).as(priv.summary()).isEqualTo(Outcome.PASS);
    assertThat(priv.trustRoot()).isEqualTo("private");
    Verdict pub = both.verify(publicBundle());
    assertThat(pub.outcome()).as(pub.summary()).isEqualTo(Outcome.PASS);
    assertThat(pub.trustRoot()).isEqualTo("public-good");
    Verdict pinned = both.verify(privateBundle().withTrustRoot("public-good"));
    assertThat(pinned.reason()).isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
    assertThat(pinned.trustRoot()).isEqualTo("public-good");
    Verdict unknown = both.verify(privateBundle().withTrustRoot("staging"));
    assertThat(unknown.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(unknown.reason()).isEqualTo(ReasonCode.TRUST_ROOT_UNKNOWN);
  }

  @Test
  @SuppressWarnings("removal")
  void verificationOpensNoNetworkConnection() throws Exception {
    NoNetworkGuard guard = new NoNetworkGuard();
    try {
      System.setSecurityManager(guard);
    } catch (UnsupportedOperationException e) {
      assumeTrue(
          false,
          "this JVM does not allow a security manager (run with -Djava.security.manager=allow)");
    }
    try {
      Verifier both =
          Verifier.builder()
              .trustRoots(List.of(publicGood, d.root))
              .clock(Clock.fixed(java.time.Instant.now(), ZoneOffset.UTC))
              .build();
      VerificationRequest.Bundle pub = publicBundle();
      VerificationRequest.Bundle priv = privateBundle();
      VerificationRequest.Bundle v2 =
          VerificationRequest.bundle(
              PrivateDeployment.json(
                  d.sigstore
                      .keylessRekorV2(
                          d.sigstore.uriIdentity(PrivateDeployment.SAN, PrivateDeployment.ISSUER))
                      .signArtifact(ARTIFACT, SIGNED_AT)),
              Artifact.ofBytes(ARTIFACT),
              PrivateDeployment.expected());
      guard.arm();
      // The guard works: a deliberate connection attempt is refused and recorded.
      assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), 9).close())
          .isInstanceOf(SecurityException.class);
      int deliberate = guard.attempts().size();
      assertThat(both.verify(pub).outcome()).isEqualTo(Outcome.PASS);
      assertThat(both.verify(priv).outcome()).isEqualTo(Outcome.PASS);
      assertThat(both.verify(v2).outcome()).isEqualTo(Outcome.PASS);
      assertThat(both.verify(priv.withTrustRoot("public-good")).outcome()).isEqualTo(Outcome.FAIL);
      guard.disarm();
      assertThat(guard.attempts()).hasSize(deliberate);
    } finally {
      guard.disarm();
      System.setSecurityManager(null);
    }
  }
}
