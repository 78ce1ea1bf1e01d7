package dev.countersign.verify.slsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.verify.attest.DsseEnvelope;
import dev.countersign.verify.attest.DsseThreshold;
import dev.countersign.verify.attest.DsseVerification;
import dev.countersign.verify.attest.DsseVerificationKey;
import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.bundle.SigstoreBundle;
import dev.countersign.verify.bundle.VerificationMaterial;
import dev.countersign.verify.corpus.Corpus;
import dev.countersign.verify.internal.crypto.Pem;
import dev.countersign.verify.internal.slsa.Signers;
import dev.countersign.verify.internal.x509.ParsedCertificate;
import dev.countersign.verify.internal.x509.SignerIdentity;
import dev.countersign.verify.verdict.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * slsa-verifier's real provenance (corpus {@code provenance/slsa-verifier}, read in place): the
 * DSSE signature is checked over PAE with the certificate's key by the threshold code, then the
 * provenance is evaluated against the index's expectations and slsa-verifier's negative cases.
 * Certificate chains and transparency-log entries are verified elsewhere (bundle verification).
 */
class SlsaCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SOURCE = "github.com/slsa-framework/example-package";

  /** One signed provenance taken from a corpus file. */
  record Signed(DsseEnvelope envelope, ParsedCertificate cert, ProvenanceSigner signer) {
    DsseVerification signature() {
      return envelope.verify(DsseThreshold.single(DsseVerificationKey.fromSpki("", cert.spki())));
    }

    SlsaProvenance provenance() throws Exception {
      return SlsaProvenance.from(InTotoStatement.parse(envelope.payload()));
    }
  }

  static Path dir() {
    Path d = Corpus.require().resolve("provenance/slsa-verifier");
    assumeTrue(Files.isDirectory(d), "corpus provenance/slsa-verifier not present: skipped");
    return d;
  }

  /** A Sigstore bundle (v0.1-v0.3) or an npm attestations document's bundle of that type. */
  static Signed bundle(Path file, String predicateType) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    JsonNode doc = JSON.readTree(bytes);
    if (doc.has("attestations")) {
      for (JsonNode a : doc.get("attestations")) {
        if (a.get("predicateType").asText().equals(predicateType)) {
          bytes = JSON.writeValueAsBytes(a.get("bundle"));
        }
      }
    }
    SigstoreBundle b = SigstoreBundle.parse(bytes);
    ParsedCertificate cert =
        ParsedCertificate.parse(
            ((VerificationMaterial.Certificates) b.verificationMaterial()).leaf());
    return new Signed((DsseEnvelope) b.content(), cert, Signers.of(SignerIdentity.read(cert)));
  }

  /** A bare DSSE envelope whose signature carries the signing certificate as PEM. */
  static Signed bareEnvelope(Path file) throws Exception {
    byte[] line =
        Files.readAllLines(file, StandardCharsets.UTF_8).get(0).getBytes(StandardCharsets.UTF_8);
    DsseEnvelope env = DsseEnvelope.parse(line);
    String pem = JSON.readTree(line).get("signatures").get(0).get("cert").asText();
    ParsedCertificate cert = ParsedCertificate.parse(Pem.first(pem).orElseThrow().der());
    return new Signed(env, cert, Signers.of(SignerIdentity.read(cert)));
  }

  private static SlsaExpectation.Builder expect() {
    return SlsaExpectation.builder()
        .trustedBuilders(TrustedBuilders.slsaGithubGenerator())
        .sourceRepository(SOURCE);
  }

  private static ReasonCode failure(SlsaEvaluation e, String name) {
    return e.findings().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finding " + name + " in " + e.findings()))
        .reason();
  }

  @TestFactory
  Stream<DynamicTest> passingBundlesFromTheIndex() throws Exception {
    Path d = dir();
    List<DynamicTest> tests = new ArrayList<>();
    Path index = d.getParent().resolve("index.tsv");
    List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
    List<String> h = List.of(lines.get(0).split("\t", -1));
    for (String line : lines.subList(1, lines.size())) {
      List<String> row = List.of(line.split("\t", -1));
      String file = row.get(h.indexOf("attestation"));
      String type = row.get(h.indexOf("predicateType"));
      String builder = row.get(h.indexOf("expected_builder"));
      if (!row.get(h.indexOf("expected")).startsWith("pass")
          || !type.startsWith("https://slsa.dev/provenance/")
          || !builder.startsWith("https://")) {
        continue;
      }
      String source = row.get(h.indexOf("expected_source"));
      tests.add(
          DynamicTest.dynamicTest(
              file,
              () -> {
                Path path = d.getParent().resolve(file);
                Signed s =
                    file.endsWith(".jsonl") && !Files.readString(path).contains("mediaType")
                        ? bareEnvelope(path)
                        : bundle(path, type);
                assertThat(s.signature().passed()).as("DSSE signature").isTrue();
                SlsaProvenance p = s.provenance();
                SlsaExpectation.Builder b = SlsaExpectation.builder().builderId(builder);
                if (source.startsWith("github.com/")) {
                  b.sourceRepository(source.split(" ")[0]);
                }
                if (source.contains("(tag ")) {
                  b.sourceTag(source.replaceAll(".*\\(tag ([^)]+)\\).*", "$1"));
                }
                if (source.contains("(branch ")) {
                  b.sourceBranch(source.replaceAll(".*\\(branch ([^)]+)\\).*", "$1"));
                }
                SlsaEvaluation e = SlsaEvaluator.evaluate(p, s.signer(), b.build());
                if (p.builderId().orElse("").endsWith("@refs/heads/main")) {
                  // slsa-verifier accepts builders at main only in its own test mode.
                  assertThat(failure(e, SlsaFinding.SIGNER_TRUSTED))
                      .isEqualTo(ReasonCode.BUILDER_UNTRUSTED);
                  assertThat(e.failures()).hasSize(1);
                } else {
                  assertThat(e.failures()).isEmpty();
                  assertThat(e.passed()).isTrue();
                  assertThat(e.level()).isEqualTo(SlsaBuildLevel.L3);
                }
              }));
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(6);
    return tests.stream();
  }

  @Test
  void genericWorkflowDispatchOnMain() throws Exception {
    Signed s =
        bundle(
            dir().resolve("gha_generic/v2.1.0/binary-linux-amd64-workflow_dispatch.intoto.jsonl"),
            "");
    SlsaProvenance p = s.provenance();
    assertThat(p.sourceUri()).contains("git+https://github.com/slsa-framework/example-package");
    assertThat(p.sourceRef()).contains("refs/heads/main");
    SlsaEvaluation ok =
        SlsaEvaluator.evaluate(
            p, s.signer(), expect().sourceBranch("main").minimumLevel(SlsaBuildLevel.L3).build());
    assertThat(ok.failures()).isEmpty();
    SlsaEvaluation otherRepo =
        SlsaEvaluator.evaluate(
            p,
            s.signer(),
            SlsaExpectation.builder()
                .sourceRepository("github.com/laurentsimon/slsa-verifier-test-gen")
                .build());
    assertThat(failure(otherRepo, SlsaFinding.SOURCE)).isEqualTo(ReasonCode.SOURCE_MISMATCH);
    SlsaEvaluation master =
        SlsaEvaluator.evaluate(p, s.signer(), expect().sourceBranch("master").build());
    assertThat(failure(master, SlsaFinding.SOURCE_BRANCH))
        .isEqualTo(ReasonCode.SOURCE_BRANCH_MISMATCH);
  }

  @Test
  void genericPushOfTagV14() throws Exception {
    Signed s =
        bundle(dir().resolve("gha_generic/v2.1.0/binary-linux-amd64-push-v14.intoto.jsonl"), "");
    SlsaProvenance p = s.provenance();
    assertThat(p.sourceTag()).contains("v14");
    assertThat(SlsaEvaluator.evaluate(p, s.signer(), expect().sourceTag("v14").build()).failures())
        .isEmpty();
    assertThat(
            SlsaEvaluator.evaluate(p, s.signer(), expect().sourceVersionedTag("v14").build())
                .failures())
        .isEmpty();
    for (String tag : new String[] {"v14.2", "v13.0.30"}) {
      SlsaEvaluation exact = SlsaEvaluator.evaluate(p, s.signer(), expect().sourceTag(tag).build());
      assertThat(failure(exact, SlsaFinding.SOURCE_TAG))
          .as(tag)
          .isEqualTo(ReasonCode.SOURCE_TAG_MISMATCH);
      SlsaEvaluation versioned =
          SlsaEvaluator.evaluate(p, s.signer(), expect().sourceVersionedTag(tag).build());
      assertThat(failure(versioned, SlsaFinding.SOURCE_VERSIONED_TAG))
          .as(tag)
          .isEqualTo(ReasonCode.SOURCE_TAG_MISMATCH);
    }
    SlsaEvaluation v1 =
        SlsaEvaluator.evaluate(p, s.signer(), expect().sourceVersionedTag("v1").build());
    assertThat(failure(v1, SlsaFinding.SOURCE_VERSIONED_TAG))
        .isEqualTo(ReasonCode.SOURCE_TAG_MISMATCH);
    // The tag was pushed from main (the push event's base_ref), as slsa-verifier reads it.
    assertThat(
            SlsaEvaluator.evaluate(p, s.signer(), expect().sourceBranch("main").build()).failures())
        .isEmpty();
  }

  @Test
  void delegatedMavenBuilderV1() throws Exception {
    Signed s = bundle(dir().resolve("gha_maven/v2.1.0/binary-linux-amd64-push-v14.build.slsa"), "");
    SlsaProvenance p = s.provenance();
    assertThat(p.predicate()).isInstanceOf(ProvenanceV1.class);
    assertThat(s.signer().subjectAlternativeName())
        .contains("delegator_lowperms-generic_slsa3.yml");
    SlsaEvaluation e =
        SlsaEvaluator.evaluate(
            p,
            s.signer(),
            expect()
                .builderId(
                    TrustedBuilders.SLSA_GITHUB_GENERATOR_WORKFLOWS + "builder_maven_slsa3.yml")
                .sourceTag("v14")
                .build());
    assertThat(e.failures()).isEmpty();
    assertThat(e.level()).isEqualTo(SlsaBuildLevel.L3);
    SlsaEvaluation wrongBuilder =
        SlsaEvaluator.evaluate(
            p,
            s.signer(),
            expect()
                .builderId(
                    TrustedBuilders.SLSA_GITHUB_GENERATOR_WORKFLOWS + "builder_gradle_slsa3.yml")
                .build());
    assertThat(failure(wrongBuilder, SlsaFinding.BUILDER_ID))
        .isEqualTo(ReasonCode.BUILDER_ID_MISMATCH);
  }

  @Test
  void untrustedBuilderFork() throws Exception {
    Signed s = bareEnvelope(dir().resolve("binary-linux-amd64-untrusted-builder.intoto.jsonl"));
    assertThat(s.signature().passed()).isTrue();
    SlsaProvenance p = s.provenance();
    assertThat(p.builderId())
        .hasValueSatisfying(b -> assertThat(b).startsWith("https://github.com/asraa/"));
    SlsaEvaluation e = SlsaEvaluator.evaluate(p, s.signer(), expect().build());
    assertThat(failure(e, SlsaFinding.BUILDER_TRUSTED)).isEqualTo(ReasonCode.BUILDER_UNTRUSTED);
    assertThat(failure(e, SlsaFinding.SIGNER_TRUSTED)).isEqualTo(ReasonCode.BUILDER_UNTRUSTED);
    assertThat(failure(e, SlsaFinding.SOURCE)).isEqualTo(ReasonCode.SOURCE_MISMATCH);
    // The provenance is consistent with its (old, pre-runner-environment) certificate: level 1.
    assertThat(failure(e, SlsaFinding.SIGNER_BUILDER)).isEqualTo(ReasonCode.OK);
    assertThat(e.level()).isEqualTo(SlsaBuildLevel.L1);
  }

  /**
   * The expired-certificate case. Offline, without the transparency-log entry slsa-verifier looks
   * up, what can be concluded is: the DSSE signature verifies with the certificate's key; the
   * certificate (valid for ten minutes in June 2022) is expired now and nothing in the envelope
   * proves it was valid at signing time, so signature-level verification must fail for want of a
   * verified signing time; and, independently of time, the provenance names a builder that is not
   * trusted (a fork's workflow at a branch), so it fails the provenance checks too.
   */
  @Test
  void expiredCertificate() throws Exception {
    Signed s = bareEnvelope(dir().resolve("binary-linux-amd64-expired-cert.intoto.jsonl"));
    DsseVerification sig = s.signature();
    assertThat(sig.passed()).as("the signature itself verifies with the certificate key").isTrue();
    assertThat(s.cert().notAfter()).isBefore(Instant.parse("2022-06-21T00:00:00Z"));
    assertThat(s.cert().validAt(Instant.now())).isFalse();
    SlsaEvaluation e = SlsaEvaluator.evaluate(s.provenance(), s.signer(), expect().build());
    assertThat(failure(e, SlsaFinding.BUILDER_TRUSTED)).isEqualTo(ReasonCode.BUILDER_UNTRUSTED);
    assertThat(failure(e, SlsaFinding.SIGNER_TRUSTED)).isEqualTo(ReasonCode.BUILDER_UNTRUSTED);
    assertThat(e.level()).isEqualTo(SlsaBuildLevel.L1);
  }

  @Test
  void multiSubjectProvenanceCoversBothArtifacts() throws Exception {
    Signed s = bareEnvelope(dir().resolve("binary-linux-amd64-multi-subject-first.intoto.jsonl"));
    InTotoStatement st = InTotoStatement.parse(s.envelope().payload());
    for (String artifact :
        new String[] {
          "binary-linux-amd64-multi-subject-first", "binary-linux-amd64-multi-subject-second"
        }) {
      String hex = sha256(Files.readAllBytes(dir().resolve(artifact)));
      assertThat(st.subjectsMatching(dev.countersign.verify.Digest.parse("sha256:" + hex)))
          .as(artifact)
          .hasSize(1);
    }
    // Built by the generator at main: trusted builder rules need a release tag.
    SlsaEvaluation e = SlsaEvaluator.evaluate(s.provenance(), s.signer(), expect().build());
    assertThat(failure(e, SlsaFinding.BUILDER_TRUSTED)).isEqualTo(ReasonCode.BUILDER_UNTRUSTED);
    SlsaEvaluation pinned =
        SlsaEvaluator.evaluate(
            s.provenance(),
            s.signer(),
            SlsaExpectation.builder()
                .builderId(s.provenance().builderId().orElseThrow())
                .sourceRepository(SOURCE)
                .build());
    assertThat(pinned.failures()).isEmpty();
  }

  @Test
  void npmProvenanceAndPublishAttestation() throws Exception {
    Path f = dir().resolve("npm/gha/provenance-npm-test-ossf.tgz.json");
    Signed prov = bundle(f, ProvenanceV02.PREDICATE_TYPE);
    assertThat(prov.signature().passed()).isTrue();
    SlsaEvaluation e =
        SlsaEvaluator.evaluate(
            prov.provenance(),
            prov.signer(),
            SlsaExpectation.builder()
                .trustedBuilders(TrustedBuilders.slsaGithubGenerator())
                .sourceRepository("github.com/laurentsimon/provenance-npm-test")
                .sourceBranch("main")
                .build());
    assertThat(e.failures()).isEmpty();
    assertThat(e.level()).isEqualTo(SlsaBuildLevel.L3);
    assertThat(publishSignature(f).passed()).isTrue();
  }

  @Test
  void npmAlteredProvenanceSignature() throws Exception {
    Path f = dir().resolve("npm/gha/provenance-npm-test-ossf-invalidsigprov.tgz.json");
    DsseVerification v = bundle(f, ProvenanceV02.PREDICATE_TYPE).signature();
    assertThat(v.passed()).isFalse();
    assertThat(v.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
    assertThat(publishSignature(f).passed()).isTrue();
  }

  @Test
  void npmAlteredPublishAttestationSignature() throws Exception {
    Path f = dir().resolve("npm/gha/provenance-npm-test-ossf-invalidsigpub.tgz.json");
    assertThat(bundle(f, ProvenanceV02.PREDICATE_TYPE).signature().passed()).isTrue();
    DsseVerification pub = publishSignature(f);
    assertThat(pub.passed()).isFalse();
    assertThat(pub.reason()).isEqualTo(ReasonCode.SIGNATURE_INVALID);
  }

  /** The npm publish attestation checked against the npm registry key (keyed DSSE, key id hint). */
  private static DsseVerification publishSignature(Path file) throws Exception {
    Path keys =
        dir()
            .getParent()
            .getParent()
            .resolve("trust-roots/npm-registry-keys.npm-sigstore-tuf-5.0.1.json");
    assumeTrue(Files.exists(keys), "npm registry keys not in the corpus: skipped");
    JsonNode attestations = JSON.readTree(file.toFile()).get("attestations");
    JsonNode bundle = null;
    for (JsonNode a : attestations) {
      if (a.get("predicateType").asText().contains("npm/attestation")) {
        bundle = a.get("bundle");
      }
    }
    DsseEnvelope env =
        (DsseEnvelope) SigstoreBundle.parse(JSON.writeValueAsBytes(bundle)).content();
    Optional<DsseVerificationKey> key = Optional.empty();
    String hint = env.signatures().get(0).keyId();
    for (JsonNode k : JSON.readTree(keys.toFile()).get("keys")) {
      if (k.get("keyUsage").asText().equals("npm:attestations")
          && k.get("keyId").asText().equals(hint)) {
        key =
            Optional.of(
                DsseVerificationKey.fromSpki(
                    k.get("keyId").asText(),
                    Base64.getDecoder().decode(k.get("publicKey").get("rawBytes").asText())));
      }
    }
    return env.verify(DsseThreshold.single(key.orElseThrow()));
  }

  private static String sha256(byte[] data) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
  }
}
