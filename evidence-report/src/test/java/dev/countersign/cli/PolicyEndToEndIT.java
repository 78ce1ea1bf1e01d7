package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.ca.GithubActionsClaims;
import dev.countersign.testkit.ca.LeafRequest;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.ManifestFormat;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.Predicates;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignAttestation;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.cosign.CosignStatements;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies end to end through the CLI: images in a real registry carry a keyless signature, SLSA
 * provenance and a CycloneDX SBOM made by the tests, and `countersign verify --policy` decides.
 */
class PolicyEndToEndIT {
  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(2));
  static final Instant SIGNED =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
  static final GithubActionsClaims RELEASE =
      GithubActionsClaims.of(
          "acme/app", ".github/workflows/release.yml", "refs/tags/v1.0.0", "a".repeat(40));
  static final String LOG4J_OK = "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.2";
  static final String LOG4J_BAD = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1";
  static final String LEFT_PAD = "pkg:npm/left-pad@1.3.0";
  static final String CVE = "CVE-2099-0001";

  static RegistryProcess registry;
  static TestSigstore sigstore;
  static CosignSigner signer;
  @TempDir static Path dir;
  static Path trustRoots;

  @BeforeAll
  static void start() throws IOException {
    registry = RegistryProcess.start();
    sigstore = TestSigstore.create(T0);
    signer =
        CosignSigner.keyless(
            sigstore, LeafRequest.forGithubActions(RELEASE).withSct(sigstore.ctLog()));
    trustRoots = Files.createDirectories(dir.resolve("trust-roots"));
    Files.writeString(trustRoots.resolve("corp.json"), sigstore.trustedRootJson());
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  /** What the tests attach to an image. */
  record Evidence(
      String provenanceRepository,
      List<String> purls,
      boolean criticalVulnerability,
      boolean sbom,
      boolean vex) {}

  static final Evidence GOOD =
      new Evidence("acme/app", List.of(LOG4J_OK, LEFT_PAD), false, true, false);

  String push(String repository, Evidence e) {
    Image image = RandomImages.create().image(Platform.LINUX_AMD64, 1, ManifestFormat.OCI);
    String ref = registry.hostPort() + "/" + repository;
    List<CosignAttestation> attestations = new ArrayList<>();
    attestations.add(
        signer.attest(
            CosignStatements.forImageV1(
                ref,
                image.digest(),
                Predicates.SLSA_PROVENANCE_V1,
                Predicates.slsaProvenanceV1(
                    "https://github.com/actions/runner/github-hosted",
                    e.provenanceRepository(),
                    ".github/workflows/release.yml",
                    "refs/tags/v1.0.0",
                    "a".repeat(40))),
            SIGNED));
    if (e.sbom()) {
      attestations.add(
          signer.attest(
              CosignStatements.forImageV1(
                  ref,
                  image.digest(),
                  Predicates.CYCLONEDX,
                  bom(image.digest().toString(), ref, e.purls(), e.criticalVulnerability())),
              SIGNED));
    }
    if (e.vex()) {
      attestations.add(
          signer.attest(
              CosignStatements.forImageV1(
                  ref, image.digest(), "https://openvex.dev/ns/v0.2.0", vex()),
              SIGNED));
    }
    OciContent content =
        image
            .content("v1")
            .plus(
                CosignManifests.signatures(
                    image.digest(), List.of(signer.sign(ref, image.digest(), SIGNED))))
            .plus(CosignManifests.attestations(image.digest(), attestations));
    registry.client().push(repository, content);
    return ref + ":v1";
  }

  static ObjectNode bom(String digest, String name, List<String> purls, boolean critical) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode bom = f.objectNode();
    bom.put("bomFormat", "CycloneDX");
    bom.put("specVersion", "1.5");
    bom.put("serialNumber", "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
    bom.put("version", 1);
    ObjectNode metadata = bom.putObject("metadata");
    metadata.put("timestamp", SIGNED.toString());
    ObjectNode component = metadata.putObject("component");
    component.put("type", "container");
    component.put("bom-ref", "image");
    component.put("name", name);
    component.put("version", digest);
    ArrayNode components = bom.putArray("components");
    for (int i = 0; i < purls.size(); i++) {
      String purl = purls.get(i);
      ObjectNode c = components.addObject();
      c.put("type", "library");
      c.put("bom-ref", "c" + i);
      String tail = purl.substring(purl.lastIndexOf('/') + 1);
      c.put("name", tail.substring(0, tail.indexOf('@')));
      c.put("version", tail.substring(tail.indexOf('@') + 1));
      c.put("purl", purl);
    }
    if (critical) {
      ObjectNode v = bom.putArray("vulnerabilities").addObject();
      v.put("bom-ref", "v1");
      v.put("id", CVE);
      v.putArray("ratings").addObject().put("severity", "critical");
      v.putArray("affects").addObject().put("ref", "c" + purls.indexOf(LEFT_PAD));
    }
    return bom;
  }

  static ObjectNode vex() {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("@context", "https://openvex.dev/ns/v0.2.0");
    doc.put("@id", "https://acme.example/vex/2099-0001");
    doc.put("author", "Acme security");
    doc.put("timestamp", SIGNED.toString());
    doc.put("version", 1);
    ObjectNode st = doc.putArray("statements").addObject();
    st.putObject("vulnerability").put("name", CVE);
    st.putArray("products").addObject().put("@id", LEFT_PAD);
    st.put("status", "not_affected");
    st.put("justification", "vulnerable_code_not_in_execute_path");
    return doc;
  }

  Path policy(String mode) throws IOException {
    String yaml =
        "apiVersion: policy.countersign.dev/v1alpha1\n"
            + "kind: ImagePolicy\n"
            + "metadata: {name: acme-release}\n"
            + "spec:\n"
            + "  mode: "
            + mode
            + "\n"
            + "  trustRoot: corp\n"
            + "  images: [{glob: \""
            + registry.hostPort()
            + "/acme/**\"}]\n"
            + "  authorities:\n"
            + "    - name: release\n"
            + "      keyless:\n"
            + "        identities:\n"
            + "          - issuer: https://token.actions.githubusercontent.com\n"
            + "            subjectRegExp: '^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v[0-9.]+$'\n"
            + "  attestations:\n"
            + "    - name: provenance\n"
            + "      predicateType: https://slsa.dev/provenance/v1\n"
            + "      slsa:\n"
            + "        sourceRepository: github.com/acme/app\n"
            + "        sourceVersionedTag: v1\n"
            + "    - name: sbom\n"
            + "      predicateType: https://cyclonedx.org/bom\n"
            + "      sbom:\n"
            + "        deniedPurls: [\"pkg:maven/org.apache.logging.log4j/log4j-core@vers:maven/>=2.0.0|<2.17.1\"]\n"
            + "        failOnSeverity: critical\n"
            + "        maxAge: 30d\n"
            + "        requireSubjectMatch: true\n";
    Path file = dir.resolve("policy-" + mode + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  CliRun verify(String image, Path policy, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                image,
                "--policy",
                policy.toString(),
                "--trust-roots",
                trustRoots.toString(),
                "--insecure-registry",
                registry.hostPort()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void signedImageWithProvenanceAndCleanSbomIsAllowed() throws IOException {
    CliRun run = verify(push("acme/good", GOOD), policy("enforce"), "-v");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith("ALLOW: "), run.out());
    assertTrue(run.out().contains("PASS    provenance"), run.out());
    assertTrue(run.out().contains("PASS    sbom["), run.out());
  }

  @Test
  void deniedPurlFails() throws IOException {
    CliRun run =
        verify(
            push(
                "acme/denied",
                new Evidence("acme/app", List.of(LOG4J_BAD, LEFT_PAD), false, true, false)),
            policy("enforce"));
    assertDenied(run, "SBOM_DENIED_COMPONENT");
    assertTrue(run.out().contains("log4j-core"), run.out());
  }

  @Test
  void unmitigatedCriticalVulnerabilityFailsAndVexMitigatesIt() throws IOException {
    CliRun run =
        verify(
            push(
                "acme/vulnerable",
                new Evidence("acme/app", List.of(LOG4J_OK, LEFT_PAD), true, true, false)),
            policy("enforce"));
    assertDenied(run, "VULNERABILITY_UNMITIGATED");
    assertTrue(run.out().contains(CVE), run.out());
    CliRun mitigated =
        verify(
            push(
                "acme/mitigated",
                new Evidence("acme/app", List.of(LOG4J_OK, LEFT_PAD), true, true, true)),
            policy("enforce"));
    assertEquals(0, mitigated.exitCode(), mitigated.out() + mitigated.err());
  }

  @Test
  void provenanceFromAnotherRepositoryFails() throws IOException {
    CliRun run =
        verify(
            push(
                "acme/elsewhere",
                new Evidence("acme/other", List.of(LOG4J_OK), false, true, false)),
            policy("enforce"));
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.out().contains("SOURCE_MISMATCH") || run.out().contains("PROVENANCE_INCONSISTENT"),
        run.out());
  }

  @Test
  void missingSbomFails() throws IOException {
    CliRun run =
        verify(
            push("acme/no-sbom", new Evidence("acme/app", List.of(), false, false, false)),
            policy("enforce"));
    assertDenied(run, "SBOM_MISSING");
  }

  @Test
  void warnModeAdmitsAndPrintsTheWarnings() throws IOException {
    CliRun run =
        verify(
            push("acme/warned", new Evidence("acme/app", List.of(LOG4J_BAD), false, true, false)),
            policy("warn"));
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith("ALLOW_WITH_WARNINGS: "), run.out());
    assertTrue(
        run.out().contains("WARNING: policy 'acme-release': SBOM_DENIED_COMPONENT"), run.out());
  }

  @Test
  void jsonOutputCarriesTheDecisionAndEveryCheck() throws IOException {
    CliRun run =
        verify(
            push("acme/json", new Evidence("acme/app", List.of(LOG4J_BAD), false, true, false)),
            policy("enforce"),
            "--output",
            "json");
    assertEquals(1, run.exitCode());
    assertTrue(
        run.out().contains("\"mediaType\" : \"application/vnd.countersign.decision.v1+json\""),
        run.out());
    assertTrue(run.out().contains("\"decision\" : \"DENY\""), run.out());
    assertTrue(run.out().contains("\"reason\" : \"SBOM_DENIED_COMPONENT\""), run.out());
  }

  static void assertDenied(CliRun run, String reason) {
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith("DENY: "), run.out());
    assertTrue(run.out().contains(reason), run.out());
  }
}
