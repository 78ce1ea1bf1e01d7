package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.testkit.SignedBundle;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.bundle.BundleWriter;
import dev.countersign.testkit.ca.GithubActionsClaims;
import dev.countersign.testkit.ca.LeafRequest;
import dev.countersign.testkit.dsse.InTotoStatement;
import dev.countersign.testkit.dsse.InTotoSubject;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.ManifestFormat;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.Predicates;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.layout.OciLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code countersign policy lint} and {@code countersign policy test}. */
class PolicyCommandTest {
  static final Path POLICIES = VerifyBundleCommandTest.projectRoot().resolve("policies");
  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
  static final Instant SIGNED = T0.plus(Duration.ofHours(12));
  static final GithubActionsClaims RELEASE =
      GithubActionsClaims.of(
          "acme/app", ".github/workflows/release.yml", "refs/tags/v1.2.0", "b".repeat(40));
  static final GithubActionsClaims FORK =
      GithubActionsClaims.of(
          "mallory/app", ".github/workflows/release.yml", "refs/tags/v1.2.0", "c".repeat(40));
  static final byte[] ARTIFACT = "release artifact\n".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path dir;
  static TestSigstore sigstore;
  static Path roots;
  static Path policy;

  @BeforeAll
  static void setUp() throws IOException {
    sigstore = TestSigstore.create(T0);
    roots = Files.createDirectories(dir.resolve("roots"));
    Files.writeString(roots.resolve("corp.json"), sigstore.trustedRootJson());
    policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        "apiVersion: policy.countersign.dev/v1alpha1\n"
            + "kind: ImagePolicy\n"
            + "metadata: {name: acme}\n"
            + "spec:\n"
            + "  trustRoot: corp\n"
            + "  images: [{glob: \"registry.example/acme/**\"}]\n"
            + "  authorities:\n"
            + "    - keyless:\n"
            + "        identities:\n"
            + "          - issuer: https://token.actions.githubusercontent.com\n"
            + "            subjectRegExp: '^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v[0-9.]+$'\n"
            + "  attestations:\n"
            + "    - name: provenance\n"
            + "      predicateType: https://slsa.dev/provenance/v1\n"
            + "      slsa: {sourceRepository: github.com/acme/app}\n");
  }

  static LeafRequest identity(GithubActionsClaims claims) {
    return LeafRequest.forGithubActions(claims).withSct(sigstore.ctLog());
  }

  Path bundle(SignedBundle signed, String name) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, BundleWriter.write(signed.bundle()));
    return p;
  }

  Path artifact() throws IOException {
    Path p = dir.resolve("artifact.bin");
    Files.write(p, ARTIFACT);
    return p;
  }

  @Test
  void lintOfTheShippedInvalidExamplesReportsEveryFileWithLocations() {
    CliRun run = CliRun.of("policy", "lint", POLICIES.resolve("invalid").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("missing-issuer.yaml:10: ").contains("IDENTITY_WITHOUT_ISSUER");
    assertThat(run.out()).contains("unknown-field.yaml:6: spec.imgaes: ERROR UNKNOWN_FIELD");
    assertThat(run.out()).containsPattern("[0-9]+ error\\(s\\), [0-9]+ warning\\(s\\)");
    assertThat(run.out() + run.err()).doesNotContain("Exception");
  }

  @Test
  void lintOfTheReferencePoliciesIsClean() throws IOException {
    Path govcloud = Files.createDirectories(dir.resolve("govcloud-roots"));
    Files.writeString(govcloud.resolve("govcloud.json"), sigstore.trustedRootJson());
    CliRun run =
        CliRun.of(
            "policy",
            "lint",
            POLICIES.resolve("reference").toString(),
            "--trust-roots",
            govcloud.toString(),
            "--fail-on",
            "warning");
    assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
    assertThat(run.out()).contains("0 error(s), 0 warning(s)");
  }

  @Test
  void lintJsonAndFailOnWarning() throws IOException {
    Path p = dir.resolve("unanchored.yaml");
    Files.writeString(
        p,
        Files.readString(policy)
            .replace(
                "'^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v[0-9.]+$'",
                "'https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v[0-9.]+'"));
    CliRun text = CliRun.of("policy", "lint", p.toString(), "--trust-roots", roots.toString());
    assertThat(text.exitCode()).as(text.out()).isEqualTo(0);
    CliRun strict =
        CliRun.of(
            "policy",
            "lint",
            p.toString(),
            "--trust-roots",
            roots.toString(),
            "--fail-on",
            "warning");
    assertThat(strict.exitCode()).isEqualTo(1);
    CliRun json =
        CliRun.of(
            "policy", "lint", p.toString(), "--trust-roots", roots.toString(), "--output", "json");
    JsonNode findings = readJson(json.out()).get("findings");
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).get("code").asText()).isEqualTo("IDENTITY_UNANCHORED");
    assertThat(findings.get(0).get("severity").asText()).isEqualTo("warning");
  }

  @Test
  void policyTestOnABundleAppliesTheMatchingRequirement() throws IOException {
    InTotoStatement statement =
        InTotoStatement.v1(
                Predicates.SLSA_PROVENANCE_V1,
                Predicates.slsaProvenanceV1(
                    "https://github.com/actions/runner/github-hosted",
                    "acme/app",
                    ".github/workflows/release.yml",
                    "refs/tags/v1.2.0",
                    "b".repeat(40)))
            .withSubject(InTotoSubject.sha256("artifact.bin", ARTIFACT));
    Path good = bundle(sigstore.keyless(identity(RELEASE)).attest(statement, SIGNED), "good.json");
    CliRun pass =
        CliRun.of(
            "policy",
            "test",
            policy.toString(),
            "--bundle",
            good.toString(),
            "--artifact",
            artifact().toString(),
            "--trust-roots",
            roots.toString(),
            "-v");
    assertThat(pass.exitCode()).as(pass.out() + pass.err()).isEqualTo(0);
    assertThat(pass.out())
        .contains("with attestation requirement 'provenance'")
        .contains("provenance[source]");

    Path forked = bundle(sigstore.keyless(identity(FORK)).attest(statement, SIGNED), "fork.json");
    CliRun fail =
        CliRun.of(
            "policy",
            "test",
            policy.toString(),
            "--bundle",
            forked.toString(),
            "--artifact",
            artifact().toString(),
            "--trust-roots",
            roots.toString());
    assertThat(fail.exitCode()).isEqualTo(1);
    assertThat(fail.out()).contains("IDENTITY_MISMATCH");
  }

  @Test
  void policyTestOnAnImageInAnOciLayoutNotesGlobsThatWouldNotApply() throws IOException {
    Image image = RandomImages.create().image(Platform.LINUX_AMD64, 1, ManifestFormat.OCI);
    CosignSigner signer = CosignSigner.keyless(sigstore, identity(RELEASE));
    Path layout = dir.resolve("layout");
    OciLayout.write(
        layout,
        image
            .content("v1")
            .plus(
                CosignManifests.signatures(
                    image.digest(),
                    List.of(signer.sign("other.example/app", image.digest(), SIGNED)))));
    CliRun run =
        CliRun.of(
            "policy",
            "test",
            policy.toString(),
            "--image",
            "other.example/app:v1",
            "--oci-layout",
            layout.toString(),
            "--trust-roots",
            roots.toString());
    // Signed, but the provenance requirement has nothing to find.
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("would not apply to other.example/app");
    assertThat(run.out()).contains("PREDICATE_MISSING");
  }

  @Test
  void badInputIsOneLineWithAReasonCode() {
    CliRun missing =
        CliRun.of("policy", "test", dir.resolve("nope.yaml").toString(), "--image", "x/y:1");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.lines()).hasSize(1);
    assertThat(missing.lines().get(0)).contains("POLICY_INVALID");
    CliRun both =
        CliRun.of("verify", "x.example/y:1", "--policy", policy.toString(), "--key", "k.pem");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.lines().get(0)).contains("USAGE");
    CliRun badRef = CliRun.of("verify", "Not An Image", "--key", "k.pem");
    assertThat(badRef.exitCode()).isEqualTo(2);
    assertThat(badRef.lines()).hasSize(1);
  }

  static JsonNode readJson(String s) throws IOException {
    return new ObjectMapper().readTree(s);
  }
}
