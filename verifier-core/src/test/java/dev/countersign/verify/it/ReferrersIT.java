package dev.countersign.verify.it;

import static dev.countersign.verify.it.Fixtures.assertPass;
import static dev.countersign.verify.it.Fixtures.assertVerdict;
import static dev.countersign.verify.it.Fixtures.passed;
import static dev.countersign.verify.it.Fixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.oci.Blob;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.ImageIndex;
import dev.countersign.testkit.oci.ImageManifest;
import dev.countersign.testkit.oci.JsonStyle;
import dev.countersign.testkit.oci.Manifest;
import dev.countersign.testkit.oci.MediaTypes;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.registry.Fault;
import dev.countersign.testkit.oci.registry.FaultProxy;
import dev.countersign.testkit.oci.registry.FaultRule;
import dev.countersign.testkit.oci.registry.ReferrersProxy;
import dev.countersign.testkit.oci.registry.RegistryClient;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.it.Evidence.Kind;
import dev.countersign.verify.it.Evidence.Signer;
import dev.countersign.verify.it.Evidence.Tamper;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signatures stored as OCI 1.1 referrers: cosign signature layers and Sigstore bundles (cosign v3
 * style, artifact type {@code application/vnd.dev.sigstore.bundle.v0.3+json}), found through the
 * referrers tag schema on the real registry (distribution 2.8 has no referrers API) and through the
 * referrers API that {@link ReferrersProxy} adds in front of it.
 */
class ReferrersIT extends RegistryTestBase {
  private final RandomImages images = RandomImages.create();
  private ReferrersProxy referrersApi;

  /** Where referrers are listed. */
  enum Layout {
    /** An index under the tag {@code sha256-<hex>}, as clients write for registries without API. */
    TAG_SCHEMA,
    /** {@code GET /v2/<name>/referrers/<digest>}. */
    REFERRERS_API
  }

  static Stream<Arguments> layoutsAndKinds() {
    return Stream.of(Layout.values())
        .flatMap(l -> Stream.of(Kind.values()).map(k -> Arguments.of(l, k)));
  }

  @BeforeAll
  void startReferrersApi() {
    if (registry != null) {
      referrersApi = ReferrersProxy.start(registry.baseUri());
    }
  }

  @AfterAll
  void stopReferrersApi() {
    if (referrersApi != null) {
      referrersApi.close();
    }
  }

  private String hostPort(Layout layout) {
    return layout == Layout.TAG_SCHEMA ? registry.hostPort() : referrersApi.hostPort();
  }

  private URI baseUri(Layout layout) {
    return layout == Layout.TAG_SCHEMA ? registry.baseUri() : referrersApi.baseUri();
  }

  /**
   * Pushes an image (tag v1) and its referrers, listed as the layout lists them; returns the
   * reference to verify.
   */
  private String publish(Layout layout, String repo, Image image, OciContent referrers) {
    OciContent content = image.content("v1").plus(referrers);
    if (layout == Layout.TAG_SCHEMA) {
      registry.client().push(repo, content.withReferrersTagIndex(JsonStyle.GO));
    } else {
      RegistryClient.anonymous(referrersApi.baseUri()).push(repo, content);
      // Nothing but the API lists them: no referrers tag was written.
      assertThat(registry.client().headManifest(repo, image.digest().referrersTag()).status())
          .isEqualTo(404);
    }
    return hostPort(layout) + "/" + repo + ":v1";
  }

  private Verifier verifier(Layout layout) {
    return Fixtures.verifier(OciRegistry.http(Fixtures.config(hostPort(layout)).build()));
  }

  private String repositoryRef(Layout layout, String repo) {
    return hostPort(layout) + "/" + repo;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("layoutsAndKinds")
  void aReleaseSignatureVerifies(Layout layout, Kind kind) {
    String repo = Fixtures.repository("referrer-pass");
    Image image = images.image(Platform.LINUX_AMD64);
    OciContent referrer =
        Evidence.referrer(
            kind, Signer.RELEASE, repositoryRef(layout, repo), image, image, Tamper.NONE);
    String ref = publish(layout, repo, image, referrer);
    Verdict v = verify(verifier(layout), ref, Fixtures.release());
    assertPass(v);
    assertThat(passed(v, CheckId.EVIDENCE_DISCOVERY).evidence().get("evidence.location"))
        .contains("(referrer)");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("layoutsAndKinds")
  void aKeyBasedSignatureVerifiesWithItsKeyOnly(Layout layout, Kind kind) {
    String repo = Fixtures.repository("referrer-key");
    Image image = images.image(Platform.LINUX_AMD64);
    String ref =
        publish(
            layout,
            repo,
            image,
            Evidence.referrer(
                kind, Signer.KEY, repositoryRef(layout, repo), image, image, Tamper.NONE));
    assertPass(verify(verifier(layout), ref, Fixtures.key()));
    assertVerdict(
        verify(verifier(layout), ref, Fixtures.otherKey()), Outcome.FAIL, ReasonCode.KEY_MISMATCH);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("layoutsAndKinds")
  void anotherIdentityIsAnIdentityMismatch(Layout layout, Kind kind) {
    String repo = Fixtures.repository("referrer-identity");
    Image image = images.image(Platform.LINUX_AMD64);
    String ref =
        publish(
            layout,
            repo,
            image,
            Evidence.referrer(
                kind,
                Signer.OTHER_IDENTITY,
                repositoryRef(layout, repo),
                image,
                image,
                Tamper.NONE));
    assertVerdict(
        verify(verifier(layout), ref, Fixtures.release()),
        Outcome.FAIL,
        ReasonCode.IDENTITY_MISMATCH);
  }

  /**
   * A valid signature of another image attached to this one: the payload (cosign), the signed
   * manifest digest (message signature) or the statement subject (DSSE) names the other image.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("layoutsAndKinds")
  void aSignatureOfAnotherImageAttachedHereIsRejected(Layout layout, Kind kind) {
    String repo = Fixtures.repository("referrer-copied");
    Image image = images.image(Platform.LINUX_AMD64);
    Image other = images.image(Platform.LINUX_AMD64);
    String ref =
        publish(
            layout,
            repo,
            image,
            Evidence.referrer(
                kind, Signer.RELEASE, repositoryRef(layout, repo), image, other, Tamper.NONE));
    ReasonCode expected =
        switch (kind) {
          case COSIGN_LAYER -> ReasonCode.IMAGE_DIGEST_MISMATCH;
          case BUNDLE_MESSAGE_SIGNATURE -> ReasonCode.ARTIFACT_DIGEST_MISMATCH;
          case BUNDLE_COSIGN_STATEMENT -> ReasonCode.SUBJECT_DIGEST_MISMATCH;
        };
    assertVerdict(verify(verifier(layout), ref, Fixtures.release()), Outcome.FAIL, expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("layoutsAndKinds")
  void alteredSignedContentIsAnInvalidSignature(Layout layout, Kind kind) {
    String repo = Fixtures.repository("referrer-altered");
    Image image = images.image(Platform.LINUX_AMD64);
    String ref =
        publish(
            layout,
            repo,
            image,
            Evidence.referrer(
                kind, Signer.RELEASE, repositoryRef(layout, repo), image, image, Tamper.ALTERED));
    assertVerdict(
        verify(verifier(layout), ref, Fixtures.release()),
        Outcome.FAIL,
        ReasonCode.SIGNATURE_INVALID);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("layoutsAndKinds")
  void aRegistryServingOtherBytesForTheSignatureIsCaught(Layout layout, Kind kind) {
    String repo = Fixtures.repository("referrer-tampered");
    Image image = images.image(Platform.LINUX_AMD64);
    OciContent referrer =
        Evidence.referrer(
            kind, Signer.RELEASE, registry.hostPort() + "/" + repo, image, image, Tamper.NONE);
    publish(layout, repo, image, referrer);
    Blob signed = Evidence.signedBlob(referrer);
    try (FaultProxy proxy = FaultProxy.start(baseUri(layout))) {
      proxy.inject(
          FaultRule.on(
              "/v2/" + repo + "/blobs/" + signed.digest(),
              Fault.replaceBody(signed.content().withBitFlipped(-2))));
      Verifier verifier =
          Fixtures.verifier(OciRegistry.http(Fixtures.config(proxy.hostPort()).build()));
      assertVerdict(
          verify(verifier, proxy.hostPort() + "/" + repo + ":v1", Fixtures.release()),
          Outcome.FAIL,
          ReasonCode.CONTENT_DIGEST_MISMATCH);
      assertThat(proxy.requestCount("/v2/" + repo + "/blobs/" + signed.digest())).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void anImageWithOnlyUnrelatedReferrersHasNoSignature(Layout layout) {
    String repo = Fixtures.repository("referrer-unsigned");
    Image image = images.image(Platform.LINUX_AMD64);
    // An SBOM someone attached, signed by nobody: not a signature.
    Blob sbom = new Blob("application/spdx+json", Bytes.utf8("{\"spdxVersion\":\"SPDX-2.3\"}"));
    Blob empty = Blob.empty();
    Manifest sbomReferrer =
        ImageManifest.of(MediaTypes.OCI_MANIFEST, empty.descriptor(), List.of(sbom.descriptor()))
            .withSubject(image.descriptor())
            .withArtifactType("application/spdx+json")
            .serialize(JsonStyle.GO);
    String ref =
        publish(layout, repo, image, OciContent.of(sbomReferrer, null, List.of(empty, sbom)));
    Verdict v = verify(verifier(layout), ref, Fixtures.release());
    assertVerdict(v, Outcome.FAIL, ReasonCode.NO_SIGNATURE_FOUND);
    // And with nothing attached at all.
    String bare = Fixtures.repository("referrer-bare");
    String bareRef = publish(layout, bare, images.image(Platform.LINUX_AMD64), OciContent.empty());
    assertVerdict(
        verify(verifier(layout), bareRef, Fixtures.release()),
        Outcome.FAIL,
        ReasonCode.NO_SIGNATURE_FOUND);
  }

  /**
   * A referrers tag index is written by whoever can push: one listing another image's (valid)
   * signature referrer, whose subject is that other image, lists nothing for this image.
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void aForgedListingOfAnotherImagesReferrerIsIgnored(Kind kind) {
    String repo = Fixtures.repository("referrer-forged");
    Image signedOne = images.image(Platform.LINUX_AMD64);
    Image target = images.image(Platform.LINUX_AMD64);
    OciContent referrerOfSigned =
        Evidence.referrer(kind, Signer.RELEASE, ref(repo), signedOne, signedOne, Tamper.NONE);
    registry
        .client()
        .push(
            repo,
            signedOne.content("signed").plus(referrerOfSigned).withReferrersTagIndex(JsonStyle.GO));
    assertPass(verify(Fixtures.verifier(client()), ref(repo) + ":signed", Fixtures.release()));
    Manifest forged =
        ImageIndex.referrers(List.of(referrerOfSigned.manifests().get(0).manifest()))
            .serialize(JsonStyle.GO);
    registry
        .client()
        .push(repo, target.content("target").withManifest(forged, target.digest().referrersTag()));
    assertVerdict(
        verify(Fixtures.verifier(client()), ref(repo) + ":target", Fixtures.release()),
        Outcome.FAIL,
        ReasonCode.NO_SIGNATURE_FOUND);
  }
}
