package dev.countersign.verify.it;

import static dev.countersign.verify.it.Fixtures.SIGNED_AT;
import static dev.countersign.verify.it.Fixtures.assertPass;
import static dev.countersign.verify.it.Fixtures.assertVerdict;
import static dev.countersign.verify.it.Fixtures.checks;
import static dev.countersign.verify.it.Fixtures.passed;
import static dev.countersign.verify.it.Fixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.Manifest;
import dev.countersign.testkit.oci.ManifestFormat;
import dev.countersign.testkit.oci.MediaTypes;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSignature;
import dev.countersign.testkit.oci.cosign.SimpleSigningPayload;
import dev.countersign.testkit.oci.registry.Fault;
import dev.countersign.testkit.oci.registry.FaultProxy;
import dev.countersign.testkit.oci.registry.FaultRule;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Status;
import dev.countersign.verify.verdict.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Classic cosign signatures ({@code sha256-<hex>.sig} tags) made with the tests' own keys and CA,
 * pushed to a real registry and verified through the HTTP client: each bad case fails with its own
 * reason code.
 */
class ClassicTagIT extends RegistryTestBase {
  private final RandomImages images = RandomImages.create();

  /** Pushes {@code image} under tag v1 and {@code signatures} under its .sig tag. */
  private String publish(String repo, Image image, List<CosignSignature> signatures) {
    registry.client().push(repo, image.content("v1"));
    if (!signatures.isEmpty()) {
      registry.client().push(repo, CosignManifests.signatures(image.digest(), signatures));
    }
    return ref(repo);
  }

  private Verifier verifier() {
    return Fixtures.verifier(client());
  }

  @Test
  void keylessSignatureVerifiesAndTheTagIsResolvedOnceToADigest() {
    String repo = Fixtures.repository("keyless");
    Image image = images.image(Platform.LINUX_AMD64);
    CosignSignature sig = Fixtures.cosignRelease().sign(ref(repo), image.digest(), SIGNED_AT);
    String base = publish(repo, image, List.of(sig));

    try (FaultProxy counting = FaultProxy.start(registry.baseUri())) {
      Verifier verifier =
          Fixtures.verifier(OciRegistry.http(Fixtures.config(counting.hostPort()).build()));
      String requested = counting.hostPort() + "/" + repo + ":v1";
      Verdict v = verify(verifier, requested, Fixtures.release());
      assertPass(v);
      // The tag is asked for once; everything after that is by digest.
      assertThat(counting.requestCount("/v2/" + repo + "/manifests/v1")).isEqualTo(1);
      assertThat(
              counting.requestCount("/v2/" + repo + "/manifests/" + image.digest().signatureTag()))
          .isEqualTo(1);
      CheckResult resolve = passed(v, CheckId.IMAGE_RESOLVE);
      assertThat(resolve.evidence())
          .containsEntry("image.reference", requested)
          .containsEntry("image.tag", "v1")
          .containsEntry("image.digest", image.digest().toString())
          .containsEntry("image.mediaType", image.manifest().mediaType());
      assertThat(v.subject()).isEqualTo(requested + "@" + image.digest());
      assertThat(passed(v, CheckId.IMAGE_SIGNATURE).evidence())
          .containsEntry("image.digest", image.digest().toString());
      assertThat(passed(v, CheckId.IDENTITY).evidence().values()).contains(Fixtures.IDENTITY);
      assertThat(v.trustRoot()).isEqualTo(Fixtures.ROOT_NAME);
    }
    // Pinned by digest, the same evidence passes and no tag is reported.
    Verdict pinned = verify(verifier(), base + "@" + image.digest(), Fixtures.release());
    assertPass(pinned);
    assertThat(passed(pinned, CheckId.IMAGE_RESOLVE).evidence()).doesNotContainKey("image.tag");
  }

  @Test
  void keyBasedSignatureVerifiesWithItsKeyOnly() {
    String repo = Fixtures.repository("keyed");
    Image image = images.image(Platform.LINUX_ARM64);
    String base =
        publish(
            repo, image, List.of(Fixtures.cosignKey().sign(ref(repo), image.digest(), SIGNED_AT)));
    assertPass(verify(verifier(), base + ":v1", Fixtures.key()));
    assertVerdict(
        verify(verifier(), base + ":v1", Fixtures.otherKey()),
        Outcome.FAIL,
        ReasonCode.KEY_MISMATCH);
  }

  @Test
  void dockerSchema2SignatureManifestsVerify() {
    String repo = Fixtures.repository("docker");
    Image image = images.image(Platform.LINUX_AMD64, 2, ManifestFormat.DOCKER_V2);
    registry.client().push(repo, image.content("v1"));
    registry
        .client()
        .push(
            repo,
            CosignManifests.signatures(
                image.digest(),
                List.of(Fixtures.cosignRelease().sign(ref(repo), image.digest(), SIGNED_AT)),
                ManifestFormat.DOCKER_V2));
    assertPass(verify(verifier(), ref(repo) + ":v1", Fixtures.release()));
  }

  @Test
  void anotherIdentityIsAnIdentityMismatch() {
    String repo = Fixtures.repository("identity");
    Image image = images.image(Platform.LINUX_AMD64);
    String base =
        publish(
            repo,
            image,
            List.of(Fixtures.cosignOther().sign(ref(repo), image.digest(), SIGNED_AT)));
    assertVerdict(
        verify(verifier(), base + ":v1", Fixtures.release()),
        Outcome.FAIL,
        ReasonCode.IDENTITY_MISMATCH);
  }

  @Test
  void aPayloadNamingAnotherImageIsAnImageDigestMismatch() {
    String repo = Fixtures.repository("payload-digest");
    Image image = images.image(Platform.LINUX_AMD64);
    Image other = images.image(Platform.LINUX_AMD64);
    CosignSignature sig = Fixtures.cosignRelease().sign(ref(repo), other.digest(), SIGNED_AT);
    String base = publish(repo, image, List.of(sig));
    Verdict v = verify(verifier(), base + ":v1", Fixtures.release());
    assertVerdict(v, Outcome.FAIL, ReasonCode.IMAGE_DIGEST_MISMATCH);
    CheckResult subject =
        checks(v, CheckId.PAYLOAD_SUBJECT).stream()
            .filter(c -> c.status() == Status.FAIL)
            .findFirst()
            .orElseThrow();
    assertThat(subject.evidence()).containsEntry("payload.digest", other.digest().toString());
  }

  @Test
  void aValidSignatureCopiedFromAnotherImageIsRejected() {
    String repo = Fixtures.repository("copied");
    Image signedOne = images.image(Platform.LINUX_AMD64);
    Image target = images.image(Platform.LINUX_AMD64);
    CosignSignature sig = Fixtures.cosignRelease().sign(ref(repo), signedOne.digest(), SIGNED_AT);
    // The signed image passes with it.
    registry.client().push(repo, signedOne.content("signed"));
    registry.client().push(repo, CosignManifests.signatures(signedOne.digest(), List.of(sig)));
    assertPass(verify(verifier(), ref(repo) + ":signed", Fixtures.release()));
    // The same .sig manifest, byte for byte, copied under the other image's tag.
    registry.client().push(repo, target.content("target"));
    var copied = registry.client().getManifest(repo, signedOne.digest().signatureTag()).body();
    registry
        .client()
        .pushManifest(
            repo,
            target.digest().signatureTag(),
            Manifest.of(MediaTypes.OCI_MANIFEST, copied.toByteArray()));
    assertVerdict(
        verify(verifier(), ref(repo) + ":target", Fixtures.release()),
        Outcome.FAIL,
        ReasonCode.IMAGE_DIGEST_MISMATCH);
  }

  @Test
  void anUnsignedImageHasNoSignature() {
    String repo = Fixtures.repository("unsigned");
    Image image = images.image(Platform.LINUX_AMD64);
    String base = publish(repo, image, List.of());
    Verdict v = verify(verifier(), base + ":v1", Fixtures.release());
    assertVerdict(v, Outcome.FAIL, ReasonCode.NO_SIGNATURE_FOUND);
    assertThat(v.decisive().orElseThrow().check()).isEqualTo(CheckId.EVIDENCE_DISCOVERY);
  }

  @Test
  void aMissingImageIsNotFound() {
    String repo = Fixtures.repository("missing");
    registry.client().push(repo, images.image(Platform.LINUX_AMD64).content("v1"));
    assertVerdict(
        verify(verifier(), ref(repo) + ":v2", Fixtures.release()),
        Outcome.FAIL,
        ReasonCode.IMAGE_NOT_FOUND);
  }

  @Test
  void aKeylessSignatureLayerWhosePayloadWasAlteredIsInvalid() {
    String repo = Fixtures.repository("altered");
    Image image = images.image(Platform.LINUX_AMD64);
    CosignSignature good = Fixtures.cosignRelease().sign(ref(repo), image.digest(), SIGNED_AT);
    // Still names this image, so only the signature (and the log entry) can object.
    Bytes altered = SimpleSigningPayload.of(ref(repo) + "-altered", image.digest()).toBytes();
    String base = publish(repo, image, List.of(good.withPayload(altered)));
    assertVerdict(
        verify(verifier(), base + ":v1", Fixtures.release()),
        Outcome.FAIL,
        ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void aKeyBasedSignatureLayerWhosePayloadWasAlteredDoesNotVerifyWithTheKey() {
    String repo = Fixtures.repository("altered-keyed");
    Image image = images.image(Platform.LINUX_AMD64);
    CosignSignature good = Fixtures.cosignKey().sign(ref(repo), image.digest(), SIGNED_AT);
    Bytes altered = SimpleSigningPayload.of(ref(repo) + "-altered", image.digest()).toBytes();
    String base = publish(repo, image, List.of(good.withPayload(altered)));
    Verdict v = verify(verifier(), base + ":v1", Fixtures.key());
    // A key-only layer carries no key of its own: a signature that does not verify with the
    // expected key is reported as KEY_MISMATCH (the same as another key's signature), and the
    // log entry, which records another payload digest, fails too.
    assertVerdict(v, Outcome.FAIL, ReasonCode.KEY_MISMATCH);
    assertThat(checks(v, CheckId.TLOG_BODY))
        .anyMatch(c -> c.status() == Status.FAIL && c.reason() == ReasonCode.TLOG_ENTRY_MISMATCH);
  }

  @Test
  void aRegistryServingOtherBytesThanTheDigestIsCaught() {
    String repo = Fixtures.repository("tampered-blob");
    Image image = images.image(Platform.LINUX_AMD64);
    CosignSignature sig = Fixtures.cosignRelease().sign(ref(repo), image.digest(), SIGNED_AT);
    publish(repo, image, List.of(sig));
    Bytes payload = sig.payload();
    // Same length, one bit different: only the digest check can notice.
    Bytes served = payload.withBitFlipped(20);
    try (FaultProxy proxy = FaultProxy.start(registry.baseUri())) {
      proxy.inject(
          FaultRule.on("/v2/" + repo + "/blobs/" + sig.blob().digest(), Fault.replaceBody(served)));
      Verifier verifier =
          Fixtures.verifier(OciRegistry.http(Fixtures.config(proxy.hostPort()).build()));
      Verdict v = verify(verifier, proxy.hostPort() + "/" + repo + ":v1", Fixtures.release());
      assertVerdict(v, Outcome.FAIL, ReasonCode.CONTENT_DIGEST_MISMATCH);
      // The image manifest itself, served altered under its tag, is caught the same way.
      proxy.clearFaults();
      Bytes manifest = image.manifest().content();
      proxy.inject(
          FaultRule.on(
              "/v2/" + repo + "/manifests/" + image.digest(),
              Fault.replaceBody(manifest.withBitFlipped(manifest.length() - 3))));
      Verdict pinned =
          verify(
              verifier, proxy.hostPort() + "/" + repo + "@" + image.digest(), Fixtures.release());
      assertVerdict(pinned, Outcome.FAIL, ReasonCode.CONTENT_DIGEST_MISMATCH);
    }
  }

  @Test
  void anyOfSeveralSignaturesMaySatisfyTheAuthority() {
    String repo = Fixtures.repository("several");
    Image image = images.image(Platform.LINUX_AMD64);
    CosignSignature other = Fixtures.cosignOther().sign(ref(repo), image.digest(), SIGNED_AT);
    CosignSignature release = Fixtures.cosignRelease().sign(ref(repo), image.digest(), SIGNED_AT);
    String base = publish(repo, image, List.of(other, release));
    Verdict v = verify(verifier(), base + ":v1", Fixtures.release());
    assertPass(v);
    assertThat(passed(v, CheckId.EVIDENCE_DISCOVERY).evidence().get("evidence.location"))
        .endsWith("layer 1");
  }

  @Test
  void signaturesInAnAlternateRepositoryAreFoundOnlyWhenNamed() {
    String repo = Fixtures.repository("app");
    String signatures = Fixtures.repository("signatures");
    Image image = images.image(Platform.LINUX_AMD64);
    registry.client().push(repo, image.content("v1"));
    CosignSignature sig = Fixtures.cosignRelease().sign(ref(repo), image.digest(), SIGNED_AT);
    registry.client().push(signatures, CosignManifests.signatures(image.digest(), List.of(sig)));

    Verifier verifier = verifier();
    ImageReference reference = ImageReference.parse(ref(repo) + ":v1");
    Verdict beside = verifier.verify(VerificationRequest.image(reference, Fixtures.release()));
    assertVerdict(beside, Outcome.FAIL, ReasonCode.NO_SIGNATURE_FOUND);
    Verdict elsewhere =
        verifier.verify(
            VerificationRequest.image(reference, Fixtures.release())
                .withSignatureRepository(ref(signatures)));
    assertPass(elsewhere);
    assertThat(passed(elsewhere, CheckId.EVIDENCE_DISCOVERY).evidence().get("evidence.location"))
        .startsWith(ref(signatures) + ":" + image.digest().signatureTag());
    // The image is still resolved in its own repository.
    assertThat(passed(elsewhere, CheckId.IMAGE_RESOLVE).evidence())
        .containsEntry("image.digest", image.digest().toString());
    // A signature repository holding another image's signatures does not help.
    Image unsigned = images.image(Platform.LINUX_AMD64);
    registry.client().push(repo, unsigned.content("v2"));
    assertVerdict(
        verifier.verify(
            VerificationRequest.image(ImageReference.parse(ref(repo) + ":v2"), Fixtures.release())
                .withSignatureRepository(ref(signatures))),
        Outcome.FAIL,
        ReasonCode.NO_SIGNATURE_FOUND);
  }
}
