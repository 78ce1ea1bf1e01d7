package dev.countersign.verify.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLintTest {
  static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");
  static final String HEADER =
      "apiVersion: policy.countersign.dev/v1alpha1\n"
          + "kind: ImagePolicy\n"
          + "metadata: {name: NAME}\n"
          + "spec:\n"
          + "  trustRoot: corp\n"
          + "  images: [{glob: \"registry.example/acme/**\"}]\n";
  static final TestSigstore SIGSTORE = TestSigstore.create(Instant.parse("2025-01-01T00:00:00Z"));

  @TempDir Path dir;

  /** Lints with a trust-root directory holding a current private root named corp. */
  List<LintFinding> lint(String yaml) throws IOException {
    Path roots = Files.createDirectories(dir.resolve("roots"));
    Files.writeString(roots.resolve("corp.json"), SIGSTORE.trustedRootJson());
    return lint(yaml, Optional.of(roots));
  }

  List<LintFinding> lint(String yaml, Optional<Path> roots) throws IOException {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return PolicyLint.lint(file, roots, NOW);
  }

  static String keyless(String identityLines) {
    return HEADER.replace("NAME", "p")
        + "  authorities:\n"
        + "    - name: ci\n"
        + "      keyless:\n"
        + "        identities:\n"
        + "          - "
        + identityLines.replace("\n", "\n            ")
        + "\n";
  }

  static List<String> codes(List<LintFinding> findings) {
    return findings.stream().map(f -> f.severity() + " " + f.code()).collect(Collectors.toList());
  }

  @Test
  void aCleanPolicyHasNoFindings() throws IOException {
    List<LintFinding> f =
        lint(
            keyless(
                "issuer: https://token.actions.githubusercontent.com\n"
                    + "subjectRegExp: '^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v[0-9.]+$'"));
    assertEquals(List.of(), f);
  }

  @Test
  void reportsEveryProblemWithItsLocationNotJustTheFirst() throws IOException {
    List<LintFinding> f =
        lint(
            HEADER.replace("NAME", "p")
                + "  mdoe: enforce\n"
                + "  authorities:\n"
                + "    - name: ci\n"
                + "      keyless:\n"
                + "        identities:\n"
                + "          - subjectRegExp: '^https://github\\.com/.*/release\\.yml@.*$'\n"
                + "            issuerRegexp: x\n");
    assertTrue(
        codes(f)
            .containsAll(
                List.of(
                    "ERROR UNKNOWN_FIELD",
                    "ERROR IDENTITY_WITHOUT_ISSUER",
                    "ERROR IDENTITY_OVERBROAD")),
        f.toString());
    LintFinding unknown =
        f.stream().filter(x -> x.code().equals("UNKNOWN_FIELD")).findFirst().get();
    assertTrue(unknown.location().endsWith("policy.yaml:7: spec.mdoe"), unknown.location());
    assertTrue(unknown.message().contains("did you mean 'mode'"), unknown.message());
    assertTrue(
        f.stream()
            .anyMatch(
                x ->
                    x.code().equals("UNKNOWN_FIELD")
                        && x.message().contains("did you mean 'issuerRegExp'")),
        f.toString());
    // Each problem once: the compiler's first error is the same as a finding already reported.
    assertEquals(
        0, f.stream().filter(x -> x.code().equals("POLICY_INVALID")).count(), f.toString());
  }

  @Test
  void unanchoredPatternsAreWarnings() throws IOException {
    List<LintFinding> f =
        lint(
            keyless(
                "issuer: https://token.actions.githubusercontent.com\n"
                    + "subjectRegExp: 'https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v.*'"));
    assertEquals(List.of("WARNING IDENTITY_UNANCHORED"), codes(f));
    assertTrue(f.get(0).location().contains("subjectRegExp"), f.get(0).location());
  }

  @Test
  void patternsThatAdmitOtherOrganisationsAreErrors() throws IOException {
    for (String p :
        List.of(
            "^.*$",
            "^https://github\\.com/.+/app/\\.github/workflows/release\\.yml@refs/tags/v1$",
            "^https://github\\.com/acme.*/\\.github/workflows/release\\.yml@.*$",
            "^.*github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/heads/main$",
            "^https://github\\.com/[^/]+/app/\\.github/workflows/release\\.yml@refs/heads/main$",
            "^.*@.*$")) {
      List<LintFinding> f =
          lint(
              keyless(
                  "issuer: https://token.actions.githubusercontent.com\nsubjectRegExp: '"
                      + p
                      + "'"));
      assertEquals(List.of("ERROR IDENTITY_OVERBROAD"), codes(f), p + " -> " + f);
    }
  }

  @Test
  void everyRepositoryOfAnOrganisationIsAWarning() throws IOException {
    List<LintFinding> f =
        lint(
            keyless(
                "issuer: https://token.actions.githubusercontent.com\n"
                    + "subjectRegExp: '^https://github\\.com/acme/[^/]+/\\.github/workflows/release\\.yml@refs/tags/v.*$'"));
    assertEquals(List.of("WARNING IDENTITY_OVERBROAD"), codes(f), f.toString());
  }

  @Test
  void unescapedDotsAndIssuerPatterns() throws IOException {
    List<LintFinding> dots =
        lint(
            keyless(
                "issuer: https://token.actions.githubusercontent.com\n"
                    + "subjectRegExp: '^https://github.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v1$'"));
    assertEquals(List.of("WARNING IDENTITY_UNESCAPED_DOT"), codes(dots), dots.toString());
    List<LintFinding> issuer =
        lint(
            keyless(
                "issuerRegExp: '^https://token\\.actions\\.githubusercontent\\.com.*$'\n"
                    + "subject: https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1"));
    assertEquals(List.of("ERROR IDENTITY_OVERBROAD"), codes(issuer), issuer.toString());
    List<LintFinding> email =
        lint(keyless("issuer: https://accounts.google.com\nsubjectRegExp: '^[a-z]+@acme\\.com$'"));
    assertEquals(List.of(), email);
  }

  @Test
  void insecureKeysAndNonBlockingModesAreReported() throws IOException {
    String pem = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256).publicKeyPem();
    String policy =
        HEADER.replace("NAME", "p").replace("spec:\n", "spec:\n  mode: audit\n")
            + "  authorities:\n"
            + "    - name: release-key\n"
            + "      key:\n"
            + "        insecureIgnoreTransparencyLog: true\n"
            + "        pem: |\n"
            + "          "
            + pem.strip().replace("\n", "\n          ")
            + "\n";
    List<LintFinding> f = lint(policy);
    assertEquals(
        List.of("INFO POLICY_NOT_ENFORCING", "WARNING INSECURE_OPTION"), codes(f), f.toString());
    assertTrue(f.get(1).location().endsWith("insecureIgnoreTransparencyLog"), f.get(1).location());
  }

  @Test
  void syntaxErrorsAreLocated() throws IOException {
    List<LintFinding> f = lint("apiVersion: [unclosed\n");
    assertEquals(List.of("ERROR POLICY_INVALID"), codes(f));
    assertTrue(f.get(0).location().contains("policy.yaml:"), f.get(0).location());
  }

  @Test
  void trustRootsMustExistLoadAndBeCurrent() throws IOException {
    String policy =
        keyless(
            "issuer: https://token.actions.githubusercontent.com\n"
                + "subjectRegExp: '^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v1$'");
    List<LintFinding> missing = lint(policy.replace("trustRoot: corp", "trustRoot: other"));
    assertEquals(List.of("ERROR TRUST_ROOT_UNREACHABLE"), codes(missing));
    assertTrue(missing.get(0).message().contains("'other'"), missing.get(0).message());
    assertTrue(
        missing.get(0).location().endsWith("policy.yaml:5: spec.trustRoot"),
        missing.get(0).location());

    assertEquals(List.of(), lint(policy));
    Path roots = dir.resolve("roots");
    TestSigstore sigstore = SIGSTORE;

    // Every log and timestamp authority retired before now: nothing signed today can verify.
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(sigstore.trustedRootJson());
    for (String section : List.of("tlogs", "timestampAuthorities")) {
      for (JsonNode service : json.path(section)) {
        ObjectNode validFor =
            service.has("publicKey")
                ? (ObjectNode) service.path("publicKey").path("validFor")
                : (ObjectNode) service.path("validFor");
        validFor.put("end", "2025-02-01T00:00:00Z");
      }
    }
    Files.writeString(roots.resolve("corp.json"), json.toString());
    List<LintFinding> retired = lint(policy, Optional.of(roots));
    assertEquals(List.of("ERROR TRUST_ROOT_UNREACHABLE"), codes(retired), retired.toString());

    Files.writeString(roots.resolve("corp.json"), "{not json");
    List<LintFinding> broken = lint(policy, Optional.of(roots));
    assertEquals(List.of("ERROR TRUST_ROOT_UNREACHABLE"), codes(broken), broken.toString());
  }
}
