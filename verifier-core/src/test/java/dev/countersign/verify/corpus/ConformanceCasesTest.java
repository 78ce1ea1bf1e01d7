package dev.countersign.verify.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.verify.Artifact;
import dev.countersign.verify.Digest;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.CertificateIdentity;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.trust.TrustRootException;
import dev.countersign.verify.trust.TrustRoots;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sigstore-conformance bundle-verification case of the corpus, through the library API, with
 * the artifact both as a file and as a digest. A "_fail" case must not pass; the others must.
 */
class ConformanceCasesTest {

  @TestFactory
  Stream<DynamicTest> conformanceCases() throws Exception {
    Path dir = Corpus.require().resolve("conformance");
    Path index = dir.resolve("index.tsv");
    List<String> h = Corpus.header(index);
    List<DynamicTest> tests = new ArrayList<>();
    for (List<String> row : Corpus.tsv(index)) {
      String name = row.get(h.indexOf("case"));
      boolean expectPass = row.get(h.indexOf("expected")).equals("pass");
      for (String mode : List.of("file", "digest")) {
        tests.add(
            DynamicTest.dynamicTest(
                name + " [" + mode + "]",
                () -> {
                  Verdict v = verify(dir, h, row, mode);
                  if (expectPass) {
                    assertThat(v.outcome()).as(v.summary()).isEqualTo(Outcome.PASS);
                  } else {
                    assertThat(v == null ? Outcome.FAIL : v.outcome())
                        .as(
                            v == null
                                ? "rejected as misconfiguration (trust root or key)"
                                : v.summary())
                        .isNotEqualTo(Outcome.PASS);
                  }
                }));
      }
    }
    return tests.stream();
  }

  /** Returns null when the case's trust root is rejected at load (a correct rejection). */
  private static Verdict verify(Path dir, List<String> h, List<String> row, String mode)
      throws Exception {
    String rootCol = row.get(h.indexOf("trusted_root"));
    Path rootFile =
        rootCol.startsWith("PRODUCTION")
            ? dir.resolve("../trust-roots/public-good-trusted_root.root-signing.json")
            : dir.resolve(rootCol);
    Verifier verifier;
    try {
      verifier = Verifier.builder().trustRoot(TrustRoots.fromFile("case-root", rootFile)).build();
    } catch (TrustRootException e) {
      return null;
    }
    byte[] bundle = Files.readAllBytes(dir.resolve(row.get(h.indexOf("bundle"))));
    Artifact artifact =
        mode.equals("file")
            ? Artifact.ofFile(dir.resolve(row.get(h.indexOf("artifact"))))
            : Artifact.ofDigest(Digest.parse("sha256:" + row.get(h.indexOf("artifact_sha256"))));
    Authority authority;
    if (row.get(h.indexOf("verify_with")).equals("key")) {
      try {
        authority =
            Authority.publicKey(
                "key",
                Files.readString(dir.resolve(row.get(h.indexOf("key"))), StandardCharsets.UTF_8));
      } catch (PolicyException e) {
        return null; // the expected key itself is unusable: a configuration error, so a rejection
      }
    } else {
      authority =
          Authority.keyless(
              CertificateIdentity.of(
                  StringMatcher.exact(row.get(h.indexOf("identity"))),
                  StringMatcher.exact(row.get(h.indexOf("issuer")))));
    }
    return verifier.verify(VerificationRequest.bundle(bundle, artifact, authority));
  }
}
