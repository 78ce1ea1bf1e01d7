package dev.countersign.verify.it;

import static dev.countersign.verify.it.Fixtures.assertPass;
import static dev.countersign.verify.it.Fixtures.assertVerdict;
import static dev.countersign.verify.it.Fixtures.passed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.oci.Digest;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.Manifest;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.TaggedManifest;
import dev.countersign.testkit.oci.layout.OciLayout;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus's hand-made cosign signature ({@code cosign-oci/local-registry-handcrafted}: an image
 * and its {@code sha256-85361a….sig} tag, each as an OCI layout, signed with a throw-away key
 * without a transparency log) pushed byte for byte to a real registry and read back through the
 * HTTP client, and read in place as OCI layouts.
 */
class CorpusRegistryIT extends RegistryTestBase {
  private static final String DIR = "cosign-oci/local-registry-handcrafted";
  private static final Digest IMAGE =
      Digest.parse("sha256:85361a205e006f37e75be934b9e5812569e8ea59095379e2b02bae4e3d6c09e9");
  private static final String REPO = "corpus/hello";

  @TempDir Path tmp;

  private static OciContent imageLayout() {
    return OciLayout.read(Fixtures.corpus(DIR + "/image-oci-layout"));
  }

  private static OciContent signatureLayout() {
    return OciLayout.read(Fixtures.corpus(DIR + "/signature-oci-layout"));
  }

  /** The corpus key; it signed without a log, so accepting it needs the explicit opt-in. */
  private static Authority.PublicKey key(String file) throws Exception {
    return Authority.publicKey(file, Files.readString(Fixtures.corpus(DIR + "/" + file)));
  }

  private void pushCorpus(String repo) {
    registry.client().push(repo, imageLayout());
    registry.client().push(repo, signatureLayout());
  }

  private static Verdict verify(Verifier verifier, String ref, Authority authority) {
    return verifier.verify(VerificationRequest.image(ImageReference.parse(ref), authority));
  }

  @Test
  void theCorpusImageAndSignatureArePushedByteForByte() throws Exception {
    pushCorpus(REPO);
    for (OciContent layout : new OciContent[] {imageLayout(), signatureLayout()}) {
      for (TaggedManifest m : layout.manifests()) {
        byte[] served = registry.client().getManifest(REPO, m.tag()).body().toByteArray();
        Path file =
            Fixtures.corpus(
                DIR
                    + (m.tag().equals("v1") ? "/image-oci-layout" : "/signature-oci-layout")
                    + "/blobs/sha256/"
                    + m.manifest().digest().hex());
        assertThat(served).isEqualTo(Files.readAllBytes(file));
      }
    }
    assertThat(imageLayout().tagged("v1").map(Manifest::digest)).hasValue(IMAGE);
    assertThat(signatureLayout().tagged(IMAGE.signatureTag())).isPresent();
  }

  @Test
  void passesWithCosignPubAndFailsWithWrongPub() throws Exception {
    pushCorpus(REPO);
    Verifier verifier = Fixtures.verifier(client());
    String tag = ref(REPO) + ":v1";

    Verdict ok = verify(verifier, tag, key("cosign.pub").insecureIgnoreTransparencyLog());
    assertPass(ok);
    assertThat(passed(ok, CheckId.IMAGE_RESOLVE).evidence())
        .containsEntry("image.digest", IMAGE.toString())
        .containsEntry("image.tag", "v1");
    assertThat(passed(ok, CheckId.PAYLOAD_SUBJECT).evidence())
        .containsEntry("payload.digest", IMAGE.toString())
        .containsEntry("payload.dockerReference", "127.0.0.1:5000/corpus/hello");
    assertPass(
        verify(
            verifier, ref(REPO) + "@" + IMAGE, key("cosign.pub").insecureIgnoreTransparencyLog()));

    assertVerdict(
        verify(verifier, tag, key("wrong.pub").insecureIgnoreTransparencyLog()),
        Outcome.FAIL,
        ReasonCode.KEY_MISMATCH);
    // The signature was never logged: without the opt-in, the key alone is not enough.
    assertVerdict(
        verify(verifier, tag, key("cosign.pub")), Outcome.FAIL, ReasonCode.TLOG_ENTRY_MISSING);
  }

  @Test
  void theCorpusSignatureUnderAnotherImagesTagIsAnImageDigestMismatch() throws Exception {
    String repo = Fixtures.repository("corpus-copied");
    Image other = RandomImages.create().image(Platform.LINUX_AMD64);
    registry.client().push(repo, other.content("v1"));
    // The corpus .sig manifest, byte for byte, under the other image's signature tag.
    OciContent sig = signatureLayout();
    Manifest sigManifest = sig.tagged(IMAGE.signatureTag()).orElseThrow();
    registry
        .client()
        .push(
            repo,
            new OciContent(sig.blobs(), List.of())
                .withManifest(sigManifest, other.digest().signatureTag()));
    assertVerdict(
        verify(
            Fixtures.verifier(client()),
            ref(repo) + ":v1",
            key("cosign.pub").insecureIgnoreTransparencyLog()),
        Outcome.FAIL,
        ReasonCode.IMAGE_DIGEST_MISMATCH);
  }

  @Test
  void theSameVerdictsFromTheCorpusAsAnOciLayout() throws Exception {
    // The image layout read in place holds no signature.
    Verifier inPlace =
        Fixtures.verifier(OciRegistry.ociLayout(Fixtures.corpus(DIR + "/image-oci-layout")));
    assertVerdict(
        verify(inPlace, "corpus/hello:v1", key("cosign.pub").insecureIgnoreTransparencyLog()),
        Outcome.FAIL,
        ReasonCode.NO_SIGNATURE_FOUND);
    // Both layouts merged into one (a layout is one repository), in a temporary directory.
    Path merged = tmp.resolve("merged");
    OciLayout.write(merged, imageLayout().plus(signatureLayout()));
    Verifier layout = Fixtures.verifier(OciRegistry.ociLayout(merged));
    assertPass(
        verify(layout, "corpus/hello:v1", key("cosign.pub").insecureIgnoreTransparencyLog()));
    assertVerdict(
        verify(layout, "corpus/hello:v1", key("wrong.pub").insecureIgnoreTransparencyLog()),
        Outcome.FAIL,
        ReasonCode.KEY_MISMATCH);
  }
}
