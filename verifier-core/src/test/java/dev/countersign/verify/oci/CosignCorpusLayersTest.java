package dev.countersign.verify.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.verify.Digest;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.corpus.Corpus;
import dev.countersign.verify.corpus.TestTrustRoots;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The real cosign signature layers of the corpus through the image verification flow. */
class CosignCorpusLayersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static StoredEvidence layer(
      Path dir, String descriptorFile, StoredEvidence.Kind kind, byte[] content) throws Exception {
    JsonNode d = JSON.readTree(dir.resolve(descriptorFile).toFile());
    Map<String, String> annotations = new HashMap<>();
    d.get("annotations")
        .fields()
        .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    return new StoredEvidence(
        kind, dir.getFileName() + "/" + descriptorFile, content, annotations, Optional.empty());
  }

  @Test
  void keyBasedUnloggedSignatureNeedsTheKeyAndAnExplicitOptIn() throws Exception {
    Path dir = Corpus.require().resolve("cosign-oci/sigstore-rs-keyed-busybox");
    byte[] payload = Files.readAllBytes(dir.resolve("payload.json"));
    Digest digest =
        Digest.parse("sha256:f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b");
    InMemoryEvidenceSource source =
        new InMemoryEvidenceSource()
            .image("registry-testing.svc.lan/busybox:latest", digest)
            .evidence(
                digest,
                EvidenceLocation.SIGNATURE_TAG,
                layer(
                    dir,
                    "signature-layer-descriptor.json",
                    StoredEvidence.Kind.COSIGN_SIGNATURE,
                    payload));
    Verifier verifier =
        Verifier.builder().trustRoot(TestTrustRoots.publicGood()).evidenceSource(source).build();
    String pem = Files.readString(dir.resolve("cosign.pub"));
    ImageReference ref = ImageReference.parse("registry-testing.svc.lan/busybox:latest");

    Verdict unlogged =
        verifier.verify(VerificationRequest.image(ref, Authority.publicKey("busybox", pem)));
    assertThat(unlogged.reason()).as(unlogged.summary()).isEqualTo(ReasonCode.TLOG_ENTRY_MISSING);

    Verdict ok =
        verifier.verify(
            VerificationRequest.image(
                ref, Authority.publicKey("busybox", pem).insecureIgnoreTransparencyLog()));
    assertThat(ok.outcome()).as(ok.summary()).isEqualTo(Outcome.PASS);
    assertThat(ok.subject()).isEqualTo("registry-testing.svc.lan/busybox:latest@" + digest);
    assertThat(ok.checks()).anyMatch(c -> c.check() == CheckId.PAYLOAD_SUBJECT);

    String wrong =
        Files.readString(
            Corpus.require().resolve("cosign-oci/local-registry-handcrafted/wrong.pub"));
    Verdict wrongKey =
        verifier.verify(
            VerificationRequest.image(
                ref, Authority.publicKey("other", wrong).insecureIgnoreTransparencyLog()));
    assertThat(wrongKey.reason()).as(wrongKey.summary()).isEqualTo(ReasonCode.KEY_MISMATCH);
  }

  @Test
  void aSignatureCopiedFromAnotherImageIsRejected() throws Exception {
    Path dir = Corpus.require().resolve("cosign-oci/sigstore-rs-keyed-busybox");
    byte[] payload = Files.readAllBytes(dir.resolve("payload.json"));
    Digest other = Digest.parse("sha256:" + "ab".repeat(32));
    InMemoryEvidenceSource source =
        new InMemoryEvidenceSource()
            .image("registry-testing.svc.lan/other:latest", other)
            .evidence(
                other,
                EvidenceLocation.SIGNATURE_TAG,
                layer(
                    dir,
                    "signature-layer-descriptor.json",
                    StoredEvidence.Kind.COSIGN_SIGNATURE,
                    payload));
    Verifier verifier =
        Verifier.builder().trustRoot(TestTrustRoots.publicGood()).evidenceSource(source).build();
    Verdict v =
        verifier.verify(
            VerificationRequest.image(
                ImageReference.parse("registry-testing.svc.lan/other:latest"),
                Authority.publicKey("busybox", Files.readString(dir.resolve("cosign.pub")))
                    .insecureIgnoreTransparencyLog()));
    assertThat(v.reason()).as(v.summary()).isEqualTo(ReasonCode.IMAGE_DIGEST_MISMATCH);
  }

  @Test
  void missingSignatureAndRegistryFailuresAreNeverPasses() throws Exception {
    Digest d = Digest.parse("sha256:" + "cd".repeat(32));
    InMemoryEvidenceSource source = new InMemoryEvidenceSource().image("example.test/app:1", d);
    Verifier verifier =
        Verifier.builder().trustRoot(TestTrustRoots.publicGood()).evidenceSource(source).build();
    Authority any =
        Authority.publicKey(
            "k",
            Files.readString(
                Corpus.require().resolve("cosign-oci/sigstore-rs-keyed-busybox/cosign.pub"),
                StandardCharsets.UTF_8));
    Verdict none =
        verifier.verify(VerificationRequest.image(ImageReference.parse("example.test/app:1"), any));
    assertThat(none.reason()).isEqualTo(ReasonCode.NO_SIGNATURE_FOUND);
    source.failing(
        d, new RegistryException(RegistryException.Kind.TIMEOUT, "example.test/app", "slow"));
    Verdict slow =
        verifier.verify(VerificationRequest.image(ImageReference.parse("example.test/app:1"), any));
    assertThat(slow.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(slow.reason()).isEqualTo(ReasonCode.REGISTRY_TIMEOUT);
    Verdict missing =
        verifier.verify(
            VerificationRequest.image(ImageReference.parse("example.test/none:1"), any));
    assertThat(missing.reason()).isEqualTo(ReasonCode.IMAGE_NOT_FOUND);
  }
}
