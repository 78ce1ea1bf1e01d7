package dev.countersign.verify.it;

import static dev.countersign.verify.it.Fixtures.SIGNED_AT;
import static dev.countersign.verify.it.Fixtures.assertPass;
import static dev.countersign.verify.it.Fixtures.assertVerdict;
import static dev.countersign.verify.it.Fixtures.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.MediaTypes;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSignature;
import dev.countersign.testkit.oci.registry.Fault;
import dev.countersign.testkit.oci.registry.FaultProxy;
import dev.countersign.testkit.oci.registry.FaultRule;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryConfig;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real registry behind {@link FaultProxy}: every fault ends as ERROR (could not evaluate) or FAIL
 * (bad content) with its own reason code, never PASS, and within a bound derived from the
 * configured timeouts (a correctness bound: a verifier that hangs is a verifier that fails open
 * somewhere else, not a performance target).
 */
class RegistryFaultsIT extends RegistryTestBase {
  private static final String REPO = "it/faults";

  private Image image;
  private CosignSignature signature;
  private FaultProxy proxy;

  @BeforeAll
  void publishSignedImage() {
    if (registry == null) {
      return;
    }
    image = RandomImages.create().image(Platform.LINUX_AMD64);
    // Payloads name the repository through the proxy, though nothing checks the name.
    signature = Fixtures.cosignRelease().sign(ref(REPO), image.digest(), SIGNED_AT);
    registry.client().push(REPO, image.content("v1"));
    registry.client().push(REPO, CosignManifests.signatures(image.digest(), List.of(signature)));
  }

  @BeforeEach
  void startProxy() {
    proxy = FaultProxy.start(registry.baseUri());
  }

  @AfterEach
  void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private String imageTag() {
    return proxy.hostPort() + "/" + REPO + ":v1";
  }

  private String tagPath() {
    return "/v2/" + REPO + "/manifests/v1";
  }

  private String signaturePath() {
    return "/v2/" + REPO + "/manifests/" + image.digest().signatureTag();
  }

  private String payloadPath() {
    return "/v2/" + REPO + "/blobs/" + signature.blob().digest();
  }

  /**
   * The most one verification may take: each of the registry operations it performs (resolve,
   * signature tag, its blob, the referrers API, the referrers tag) ends within the operation budget
   * plus one request timeout, and the verifier gives up after the first operation that cannot be
   * done; three such operations plus slack is generous.
   */
  private static final Duration BOUND =
      Fixtures.OPERATION_TIMEOUT
          .plus(Fixtures.REQUEST_TIMEOUT)
          .multipliedBy(3)
          .plus(Duration.ofSeconds(5));

  private Verdict verifyThroughProxy(UnaryOperator<RegistryConfig.Builder> config) {
    Verifier verifier =
        Fixtures.verifier(
            OciRegistry.http(config.apply(Fixtures.config(proxy.hostPort())).build()));
    long start = System.nanoTime();
    Verdict v = Fixtures.verify(verifier, imageTag(), Fixtures.release());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertThat(elapsed).as("verification time under a fault").isLessThan(BOUND);
    return v;
  }

  private Verdict verifyThroughProxy() {
    return verifyThroughProxy(b -> b);
  }

  private static void assertError(Verdict v, ReasonCode reason) {
    assertVerdict(v, Outcome.ERROR, reason);
  }

  @Test
  void withoutFaultsTheProxyChangesNothing() {
    assertPass(verifyThroughProxy());
  }

  @Test
  void aRegistryThatIsDownIsUnavailable() {
    proxy.stopListening();
    Verdict v = verifyThroughProxy();
    assertError(v, ReasonCode.REGISTRY_UNAVAILABLE);
    assertThat(v.decisive().orElseThrow().check()).isEqualTo(CheckId.IMAGE_RESOLVE);
  }

  @Test
  void aConnectionDroppedWithoutAnswerIsUnavailable() {
    proxy.inject(FaultRule.on(tagPath(), Fault.closeConnection()));
    assertError(verifyThroughProxy(), ReasonCode.REGISTRY_UNAVAILABLE);
    // Connection failures are retried: the first attempt and every retry reached the proxy (the
    // JDK client itself may resend a GET once on a connection closed before any answer).
    assertThat(proxy.requestCount(tagPath()))
        .isBetween(Fixtures.MAX_RETRIES + 1, 2 * (Fixtures.MAX_RETRIES + 1));
  }

  @Test
  void aRegistrySlowerThanTheTimeoutTimesOut() {
    proxy.inject(FaultRule.on(tagPath(), Fault.delay(Fixtures.OPERATION_TIMEOUT.plusSeconds(5))));
    assertError(verifyThroughProxy(), ReasonCode.REGISTRY_TIMEOUT);
  }

  @Test
  void aSlowSignatureLookupTimesOutAsAnErrorNotAsAMissingSignature() {
    proxy.inject(
        FaultRule.on(signaturePath(), Fault.delay(Fixtures.OPERATION_TIMEOUT.plusSeconds(5))));
    Verdict v = verifyThroughProxy();
    assertError(v, ReasonCode.REGISTRY_TIMEOUT);
    assertThat(v.decisive().orElseThrow().check()).isEqualTo(CheckId.EVIDENCE_DISCOVERY);
  }

  @Test
  void unauthorizedIsAnAuthenticationError() {
    proxy.inject(FaultRule.on("/v2/.*", Fault.unauthorized()));
    assertError(verifyThroughProxy(), ReasonCode.REGISTRY_AUTH);
  }

  @Test
  void forbiddenIsItsOwnError() {
    proxy.inject(FaultRule.on("/v2/.*", Fault.forbidden()));
    assertError(verifyThroughProxy(), ReasonCode.REGISTRY_FORBIDDEN);
  }

  @Test
  void aMissingImageIsNotFound() {
    proxy.inject(FaultRule.on(tagPath(), Fault.notFound()));
    assertVerdict(verifyThroughProxy(), Outcome.FAIL, ReasonCode.IMAGE_NOT_FOUND);
  }

  @Test
  void aMissingSignatureTagIsNoSignature() {
    proxy.inject(FaultRule.on(signaturePath(), Fault.notFound()));
    assertVerdict(verifyThroughProxy(), Outcome.FAIL, ReasonCode.NO_SIGNATURE_FOUND);
  }

  @Test
  void oneRateLimitIsWaitedOutAsRetryAfterAsks() {
    proxy.inject(FaultRule.on(tagPath(), Fault.tooManyRequests(Duration.ofSeconds(1))).times(1));
    long start = System.nanoTime();
    assertPass(verifyThroughProxy());
    assertThat(proxy.requestCount(tagPath())).isEqualTo(2);
    // Retry-After is a floor for the wait before the retry.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(1));
  }

  @Test
  void aPersistentRateLimitEndsRateLimited() {
    proxy.inject(FaultRule.on(tagPath(), Fault.tooManyRequests(Duration.ofSeconds(1))));
    assertError(verifyThroughProxy(), ReasonCode.REGISTRY_RATE_LIMITED);
    assertThat(proxy.requestCount(tagPath())).isEqualTo(Fixtures.MAX_RETRIES + 1);
  }

  @Test
  void aRetryAfterLongerThanTheClientWaitsEndsAtOnce() {
    proxy.inject(FaultRule.on(tagPath(), Fault.tooManyRequests(Duration.ofSeconds(3600))));
    assertError(verifyThroughProxy(), ReasonCode.REGISTRY_RATE_LIMITED);
    assertThat(proxy.requestCount(tagPath())).isEqualTo(1);
  }

  @Test
  void serverErrorsAreRetriedThenReported() {
    proxy.inject(FaultRule.on(tagPath(), Fault.serverError()));
    assertError(verifyThroughProxy(), ReasonCode.REGISTRY_SERVER_ERROR);
    assertThat(proxy.requestCount(tagPath())).isEqualTo(Fixtures.MAX_RETRIES + 1);
  }

  @Test
  void oneServerErrorIsRetriedAway() {
    proxy.inject(FaultRule.on(tagPath(), Fault.serverError()).times(1));
    assertPass(verifyThroughProxy());
    assertThat(proxy.requestCount(tagPath())).isEqualTo(2);
  }

  @Test
  void aMalformedManifestIsMalformed() {
    // A registry that names no digest for a tag: the bytes are all there is, and they do not parse.
    proxy.inject(
        FaultRule.on(
            tagPath(),
            new Fault.Respond(
                200,
                Map.of("Content-Type", MediaTypes.OCI_MANIFEST),
                Bytes.utf8("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST))));
    Verdict v = verifyThroughProxy();
    assertVerdict(v, Outcome.FAIL, ReasonCode.MANIFEST_MALFORMED);
    assertThat(v.decisive().orElseThrow().check()).as(describe(v)).isEqualTo(CheckId.IMAGE_RESOLVE);
  }

  @Test
  void aMalformedSignatureManifestIsMalformed() {
    proxy.inject(
        FaultRule.on(
            signaturePath(),
            new Fault.Respond(
                200,
                Map.of("Content-Type", MediaTypes.OCI_MANIFEST),
                Bytes.utf8("[\"not a manifest\"]"))));
    assertVerdict(verifyThroughProxy(), Outcome.FAIL, ReasonCode.MANIFEST_MALFORMED);
  }

  @Test
  void aMalformedBodyUnderTheRegistrysDigestHeaderIsADigestMismatch() {
    // Fault.malformedManifest keeps the registry's Docker-Content-Digest: the bytes contradict it.
    proxy.inject(FaultRule.on(tagPath(), Fault.malformedManifest()));
    assertVerdict(verifyThroughProxy(), Outcome.FAIL, ReasonCode.CONTENT_DIGEST_MISMATCH);
  }

  @Test
  void anOversizedSignatureBlobIsTooLarge() {
    proxy.inject(FaultRule.on(payloadPath(), Fault.oversizedBody(1L << 30)));
    Verdict v = verifyThroughProxy();
    assertVerdict(v, Outcome.FAIL, ReasonCode.CONTENT_TOO_LARGE);
    assertThat(proxy.requestCount(payloadPath())).isEqualTo(1);
  }

  @Test
  void anOversizedManifestIsTooLarge() {
    proxy.inject(FaultRule.on(tagPath(), Fault.oversizedBody(1L << 30)));
    assertVerdict(
        verifyThroughProxy(b -> b.maxManifestBytes(64 * 1024)),
        Outcome.FAIL,
        ReasonCode.CONTENT_TOO_LARGE);
  }

  @Test
  void aTruncatedBlobIsNeverAccepted() {
    proxy.inject(FaultRule.on(payloadPath(), Fault.truncate(16)));
    Verdict v = verifyThroughProxy();
    assertThat(v.outcome()).as(describe(v)).isNotEqualTo(Outcome.PASS);
    assertError(v, ReasonCode.REGISTRY_UNAVAILABLE);
  }
}
