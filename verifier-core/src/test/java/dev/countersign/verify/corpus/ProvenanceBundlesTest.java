package dev.countersign.verify.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.verify.Artifact;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.internal.crypto.PublicKeys;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.CertificateIdentity;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus provenance bundles at the signature level: sigstore-js fixtures (v0.1-v0.3, message
 * signatures and DSSE, certificates and keys, Rekor v1 and v2, TSA) against the trust roots of
 * their own test suite, and slsa-verifier's SLSA provenance and npm attestation bundles against the
 * public-good root.
 */
class ProvenanceBundlesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> sigstoreJsFixtures() throws Exception {
    Path dir = Corpus.require().resolve("provenance/sigstore-js-fixtures");
    TrustRoot verifyRoot =
        TrustRoots.fromJson(
            "sigstore-js-verify",
            TypeScriptTrustRoot.extract(dir.resolve("verify_trust.ts")),
            "verify_trust.ts");
    TrustRoot clientRoot =
        TrustRoots.fromJson(
            "sigstore-js-client",
            TypeScriptTrustRoot.extract(dir.resolve("client_trust.ts")),
            "client_trust.ts");
    Path index = dir.resolve("index.tsv");
    List<String> h = Corpus.header(index);
    List<DynamicTest> tests = new ArrayList<>();
    for (List<String> row : Corpus.tsv(index)) {
      String file = row.get(h.indexOf("file"));
      boolean expectPass = row.get(h.indexOf("expected")).equals("pass");
      String san = row.get(h.indexOf("cert_san"));
      String issuer = row.get(h.indexOf("cert_issuer"));
      boolean noTlog = row.get(h.indexOf("tlog")).isEmpty();
      Path artifact = dir.resolve(row.get(h.indexOf("artifact")).split(" ")[0]);
      boolean verifySuite = file.startsWith("verify_bundles");
      TrustRoot root = verifySuite ? verifyRoot : clientRoot;
      Authority authority =
          san.isEmpty()
              ? Authority.publicKey(
                  "fixture key",
                  verifySuite
                      ? Files.readString(dir.resolve("verify_bundles__PUBLIC_KEY.pem"))
                      : JSON.readTree(dir.resolve("client_bundles_valid__publicKeys.json").toFile())
                          .get("key-1")
                          .asText())
              : Authority.keyless(
                  CertificateIdentity.of(StringMatcher.exact(san), StringMatcher.exact(issuer)));
      byte[] bundle = Files.readAllBytes(dir.resolve(file));
      tests.add(
          DynamicTest.dynamicTest(
              file,
              () -> {
                Verifier.Builder b = Verifier.builder().trustRoot(root);
                if (noTlog) {
                  // A TSA-only bundle: rejected by default, accepted only when missing log entries
                  // are allowed.
                  Verdict strict =
                      b.build()
                          .verify(
                              VerificationRequest.bundle(
                                  bundle, Artifact.ofFile(artifact), authority));
                  assertThat(strict.reason())
                      .as(strict.summary())
                      .isEqualTo(ReasonCode.TLOG_ENTRY_MISSING);
                  b.insecureAllowMissingTransparencyLog();
                }
                Verdict v =
                    b.build()
                        .verify(
                            VerificationRequest.bundle(
                                bundle, Artifact.ofFile(artifact), authority));
                if (MOCK_TSA_FIXTURES.contains(file)) {
                  // The token's ESS signing-certificate hash names a TSA certificate that is not
                  // the one in
                  // the suite's trust root (same key and serial, different certificate).
                  // sigstore-js does
                  // not check that binding; RFC 3161/5035 require it, so only the timestamp fails
                  // here and
                  // every other check (signature, log entry, chain, identity) must pass.
                  assertThat(v.reason()).as(v.summary()).isEqualTo(ReasonCode.TIMESTAMP_INVALID);
                  assertThat(v.checks())
                      .filteredOn(c -> c.check() == CheckId.RFC3161_TIMESTAMP)
                      .allSatisfy(c -> assertThat(c.detail()).contains("certID"));
                  // Without its timestamp a TSA-only bundle has no signing time left; others keep
                  // the log's.
                  assertThat(v.checks())
                      .filteredOn(c -> c.status() == Status.FAIL)
                      .extracting(CheckResult::check)
                      .isSubsetOf(CheckId.RFC3161_TIMESTAMP, CheckId.SIGNING_TIME);
                  assertThat(v.checks())
                      .filteredOn(c -> c.status() == Status.PASS)
                      .extracting(CheckResult::check)
                      .contains(CheckId.SIGNATURE, CheckId.IDENTITY);
                  if (!noTlog) {
                    assertThat(v.checks())
                        .filteredOn(c -> c.status() == Status.PASS)
                        .extracting(CheckResult::check)
                        .contains(CheckId.TLOG_BODY, CheckId.TLOG_SET);
                  }
                } else if (expectPass) {
                  assertThat(v.outcome()).as(v.summary()).isEqualTo(Outcome.PASS);
                } else {
                  assertThat(v.outcome()).as(v.summary()).isEqualTo(Outcome.FAIL);
                }
              }));
    }
    return tests.stream();
  }

  /** sigstore-js fixtures whose timestamps come from a mock TSA whose certificate was re-issued. */
  private static final java.util.Set<String> MOCK_TSA_FIXTURES =
      java.util.Set.of(
          "verify_bundles__V1.DSSE.WITH_SIGNING_CERT.TLOG_DSSE.json",
          "verify_bundles__V1.DSSE.WITH_SIGNING_CERT.TLOG_INTOTO.json",
          "verify_bundles__V1.MESSAGE_SIGNATURE.WITH_SIGNING_CERT.json",
          "verify_bundles__V3.MESSAGE_SIGNATURE.WITH_SIGNING_CERT.json");

  @TestFactory
  Stream<DynamicTest> slsaVerifierBundles() throws Exception {
    Path dir = Corpus.require().resolve("provenance");
    Verifier verifier = Verifier.builder().trustRoot(TestTrustRoots.publicGood()).build();
    JsonNode npmKeys =
        JSON.readTree(
            Corpus.require()
                .resolve("trust-roots/npm-registry-keys.npm-sigstore-tuf-5.0.1.json")
                .toFile());
    Path index = dir.resolve("index.tsv");
    List<String> h = Corpus.header(index);
    List<DynamicTest> tests = new ArrayList<>();
    for (List<String> row : Corpus.tsv(index)) {
      String format = row.get(h.indexOf("format"));
      if (!format.startsWith("sigstore-bundle")) {
        continue; // bare DSSE envelopes need an online log lookup; policy tests cover them
      }
      String attestation = row.get(h.indexOf("attestation"));
      String wrapper = row.get(h.indexOf("wrapper"));
      String predicateType = row.get(h.indexOf("predicateType"));
      String expected = row.get(h.indexOf("expected"));
      // An npm attestations document fails as a whole when one of its attestations was altered; the
      // index says which one ("provenance" or "publish attestation"), and the other still verifies.
      boolean altered =
          expected.startsWith("fail")
              && (!wrapper.startsWith("npm")
                  || (expected.contains("provenance signature")
                      == predicateType.contains("slsa.dev/provenance")));
      boolean expectPass = !altered;
      String san = row.get(h.indexOf("cert_san"));
      String issuer = row.get(h.indexOf("cert_issuer"));
      Path artifact = dir.resolve(row.get(h.indexOf("artifact")));
      tests.add(
          DynamicTest.dynamicTest(
              attestation + " " + predicateType,
              () -> {
                byte[] bundle;
                Authority authority;
                if (wrapper.isEmpty()) {
                  bundle = Files.readAllBytes(dir.resolve(attestation));
                } else {
                  bundle = npmAttestation(dir.resolve(attestation), predicateType);
                }
                if (san.isEmpty()) {
                  String hint =
                      JSON.readTree(bundle).at("/verificationMaterial/publicKey/hint").asText();
                  authority = Authority.publicKey(hint, npmAttestationKey(npmKeys, hint));
                } else {
                  authority =
                      Authority.keyless(
                          CertificateIdentity.of(
                              StringMatcher.exact(san), StringMatcher.exact(issuer)));
                }
                Verdict v =
                    verifier.verify(
                        VerificationRequest.bundle(bundle, Artifact.ofFile(artifact), authority));
                if (expectPass) {
                  assertThat(v.outcome()).as(v.summary()).isEqualTo(Outcome.PASS);
                } else {
                  assertThat(v.outcome()).as(v.summary()).isEqualTo(Outcome.FAIL);
                  assertThat(v.reason())
                      .as(v.summary())
                      .isIn(ReasonCode.SIGNATURE_INVALID, ReasonCode.KEY_MISMATCH);
                }
              }));
    }
    return tests.stream();
  }

  private static byte[] npmAttestation(Path doc, String predicateType) throws Exception {
    for (JsonNode a : JSON.readTree(doc.toFile()).get("attestations")) {
      if (a.get("predicateType").asText().equals(predicateType)) {
        return JSON.writeValueAsBytes(a.get("bundle"));
      }
    }
    throw new AssertionError("no " + predicateType + " attestation in " + doc);
  }

  private static String npmAttestationKey(JsonNode keys, String keyId) throws Exception {
    for (JsonNode k : keys.get("keys")) {
      if (k.get("keyId").asText().equals(keyId)
          && k.get("keyUsage").asText().equals("npm:attestations")) {
        byte[] spki = Base64.getDecoder().decode(k.at("/publicKey/rawBytes").asText());
        return PublicKeys.toPem(spki);
      }
    }
    throw new AssertionError("no npm attestation key " + keyId);
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
