package dev.countersign.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.layout.OciLayout;
import dev.countersign.testkit.oci.registry.Fault;
import dev.countersign.testkit.oci.registry.FaultProxy;
import dev.countersign.testkit.oci.registry.FaultRule;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code countersign verify IMAGE} against a real registry on 127.0.0.1 ({@code
 * --insecure-registry}): exit 0 when verified, 1 when the evidence is bad or missing, 3 when the
 * registry cannot be asked, 2 with one line on stderr for usage errors; never a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyImageCliIT {
  private RegistryProcess registry;
  private final TestKeyPair key = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);

  @TempDir Path tmp;

  private Path trustedRoot;
  private Path keyFile;
  private String keyless;
  private String keyed;
  private String otherIdentity;
  private String unsigned;

  @BeforeAll
  void start() {
    if (!RegistryProcess.isAvailable()) {
      return;
    }
    registry = RegistryProcess.start();
    var client = registry.client();
    String host = registry.hostPort();
    CliRegistry.publish(client, host, "cli/keyless", List.of(CliRegistry.release()));
    CliRegistry.publish(
        client,
        host,
        "cli/keyed",
        List.of(CosignSigner.withKey(key).withRekor(CliRegistry.SIGSTORE.rekorV1())));
    CliRegistry.publish(client, host, "cli/other", List.of(CliRegistry.other()));
    CliRegistry.publish(client, host, "cli/unsigned", List.of());
    keyless = host + "/cli/keyless:v1";
    keyed = host + "/cli/keyed:v1";
    otherIdentity = host + "/cli/other:v1";
    unsigned = host + "/cli/unsigned:v1";
  }

  @AfterAll
  void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void files() throws Exception {
    assumeTrue(registry != null, RegistryProcess.unavailableReason());
    trustedRoot = CliRegistry.trustedRoot(tmp);
    keyFile = Files.writeString(tmp.resolve("cosign.pub"), key.publicKeyPem());
  }

  private Cli verify(String image, String... more) {
    List<String> args = new ArrayList<>(List.of("verify", image));
    args.addAll(List.of(more));
    return Cli.run(args);
  }

  private String[] identity(String san, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--insecure-registry",
                registry.hostPort(),
                "--trusted-root",
                trustedRoot.toString(),
                "--certificate-identity",
                san,
                "--certificate-oidc-issuer",
                CliRegistry.ISSUER));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void aKeylessSignatureVerifiesWithIdentityFlags() {
    Cli r = verify(keyless, identity(CliRegistry.IDENTITY)).assertExit(0);
    assertThat(r.outLines()).hasSize(1);
    assertThat(r.out()).startsWith("PASS: " + keyless + "@sha256:");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void jsonOutputIsTheVerdictWithTheResolvedTag() {
    Cli r = verify(keyless, identity(CliRegistry.IDENTITY, "--output", "json")).assertExit(0);
    JsonNode v = r.json();
    assertThat(v.path("mediaType").asText())
        .isEqualTo("application/vnd.countersign.verdict.v1+json");
    assertThat(v.path("outcome").asText()).isEqualTo("PASS");
    assertThat(v.path("trustRoot").asText()).isEqualTo("private");
    JsonNode resolve = null;
    for (JsonNode c : v.path("checks")) {
      if (c.path("check").asText().equals("image.resolve")) {
        resolve = c;
      }
    }
    assertThat(resolve).as(r.out()).isNotNull();
    assertThat(resolve.at("/evidence/image.tag").asText()).isEqualTo("v1");
    assertThat(resolve.at("/evidence/image.digest").asText()).startsWith("sha256:");
    assertThat(v.path("subject").asText())
        .isEqualTo(keyless + "@" + resolve.at("/evidence/image.digest").asText());
  }

  @Test
  void anotherIdentityFailsWithExitOne() {
    Cli r = verify(otherIdentity, identity(CliRegistry.IDENTITY)).assertExit(1);
    assertThat(r.outLines()).hasSize(1);
    assertThat(r.out()).startsWith("FAIL: ").contains("IDENTITY_MISMATCH");
    Cli json = verify(otherIdentity, identity(CliRegistry.IDENTITY, "--output", "json"));
    json.assertExit(1);
    assertThat(json.json().path("reason").asText()).isEqualTo("IDENTITY_MISMATCH");
  }

  @Test
  void anUnsignedImageFailsWithExitOne() {
    Cli r = verify(unsigned, identity(CliRegistry.IDENTITY, "-v")).assertExit(1);
    assertThat(r.outLines().get(0)).startsWith("FAIL: ").contains("NO_SIGNATURE_FOUND");
    // Verbose output lists every check, the resolution first.
    assertThat(r.outLines().get(1)).contains("image.resolve");
  }

  @Test
  void aKeyBasedSignatureVerifiesWithKey() {
    verify(
            keyed,
            "--insecure-registry",
            registry.hostPort(),
            "--trusted-root",
            trustedRoot.toString(),
            "--key",
            keyFile.toString())
        .assertExit(0);
    Cli wrong =
        verify(
                keyless,
                "--insecure-registry",
                registry.hostPort(),
                "--trusted-root",
                trustedRoot.toString(),
                "--key",
                keyFile.toString())
            .assertExit(1);
    assertThat(wrong.out()).startsWith("FAIL: ");
  }

  @Test
  void theCorpusSignatureVerifiesThroughAPolicy() throws Exception {
    String corpus = System.getProperty("countersign.corpus");
    assumeTrue(corpus != null, "corpus not present: system property countersign.corpus is not set");
    Path dir = Path.of(corpus, "cosign-oci/local-registry-handcrafted");
    assumeTrue(Files.isDirectory(dir), "corpus not present: " + dir + " does not exist");
    registry.client().push("corpus/hello", OciLayout.read(dir.resolve("image-oci-layout")));
    registry.client().push("corpus/hello", OciLayout.read(dir.resolve("signature-oci-layout")));
    String image = registry.hostPort() + "/corpus/hello:v1";
    for (String key : List.of("cosign.pub", "wrong.pub")) {
      // The corpus key signed without a transparency log: only a policy can say that is accepted.
      Path policy =
          Files.writeString(
              tmp.resolve("policy-" + key + ".yaml"),
              "apiVersion: policy.countersign.dev/v1alpha1\n"
                  + "kind: ImagePolicy\n"
                  + "metadata: {name: corpus-key}\n"
                  + "spec:\n"
                  + "  images: [{glob: \"127.0.0.1:*/corpus/**\"}]\n"
                  + "  authorities:\n"
                  + "    - name: corpus-key\n"
                  + "      key:\n"
                  + "        file: \""
                  + dir.resolve(key)
                  + "\"\n"
                  + "        insecureIgnoreTransparencyLog: true\n",
              StandardCharsets.UTF_8);
      Cli r =
          verify(
              image,
              "--insecure-registry",
              registry.hostPort(),
              "--policy",
              policy.toString(),
              "--output",
              "json");
      r.assertExit(key.equals("cosign.pub") ? 0 : 1);
      if (key.equals("wrong.pub")) {
        assertThat(r.out()).contains("KEY_MISMATCH");
      }
    }
  }

  @Test
  void aRegistryThatIsDownIsExitThree() {
    FaultProxy proxy = FaultProxy.start(registry.baseUri());
    String host = proxy.hostPort();
    proxy.close();
    Cli r =
        Cli.run(
            List.of(
                "verify",
                host + "/cli/keyless:v1",
                "--insecure-registry",
                host,
                "--trusted-root",
                trustedRoot.toString(),
                "--certificate-identity",
                CliRegistry.IDENTITY,
                "--certificate-oidc-issuer",
                CliRegistry.ISSUER,
                "--registry-timeout",
                timeout(Duration.ofSeconds(5))));
    r.assertExit(3);
    assertThat(r.out()).startsWith("ERROR: ").contains("REGISTRY_UNAVAILABLE");
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void aRegistrySlowerThanTheTimeoutIsExitThree() {
    try (FaultProxy proxy = FaultProxy.start(registry.baseUri())) {
      proxy.inject(
          FaultRule.on("/v2/cli/keyless/manifests/.*", Fault.delay(Duration.ofSeconds(20))));
      Cli r =
          Cli.run(
              List.of(
                  "verify",
                  proxy.hostPort() + "/cli/keyless:v1",
                  "--insecure-registry",
                  proxy.hostPort(),
                  "--trusted-root",
                  trustedRoot.toString(),
                  "--certificate-identity",
                  CliRegistry.IDENTITY,
                  "--certificate-oidc-issuer",
                  CliRegistry.ISSUER,
                  "--registry-timeout",
                  timeout(Duration.ofSeconds(2)),
                  "--output",
                  "json"));
      r.assertExit(3);
      assertThat(r.json().path("outcome").asText()).isEqualTo("ERROR");
      assertThat(r.json().path("reason").asText()).isEqualTo("REGISTRY_TIMEOUT");
      // --registry-timeout bounds the lookup (generously: a correctness bound, not a benchmark).
      assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(15));
    }
  }

  /**
   * A {@code --registry-timeout} value the CLI accepts today: ISO-8601 ({@code PT2S}). The form the
   * option's help documents ({@code 20s}) is refused, see {@link
   * #theDocumentedTimeoutFormIsAccepted}.
   */
  static String timeout(Duration d) {
    return d.toString();
  }

  @Test
  void theDocumentedTimeoutFormIsAccepted() {
    verify(keyless, identity(CliRegistry.IDENTITY, "--registry-timeout", "10s")).assertExit(0);
    assertUsage(
        verify(keyless, identity(CliRegistry.IDENTITY, "--registry-timeout", "soon")), "USAGE");
  }

  /** A usage error: exit 2, nothing on stdout, one line on stderr naming the reason. */
  private static void assertUsage(Cli r, String reason) {
    r.assertExit(2);
    assertThat(r.out()).as(r.transcript()).isEmpty();
    assertThat(r.errLines()).as(r.transcript()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("countersign: " + reason);
    // Written for people: no Java exception class names either.
    assertThat(r.errLines().get(0)).doesNotContain("Exception");
  }

  @Test
  void usageErrorsAreOneLineOnStderr() {
    String host = registry.hostPort();
    assertUsage(verify(keyless, "--insecure-registry", host), "USAGE");
    assertUsage(
        verify(
            keyless,
            "--insecure-registry",
            host,
            "--key",
            keyFile.toString(),
            "--certificate-identity",
            CliRegistry.IDENTITY),
        "USAGE");
    assertUsage(verify("Not An Image!!", identity(CliRegistry.IDENTITY)), "USAGE");
    assertUsage(
        verify(
            keyless,
            identity(
                CliRegistry.IDENTITY,
                "--registry-config",
                tmp.resolve("no-such-config.json").toString())),
        "INPUT_UNREADABLE");
    assertUsage(
        verify(
            keyless,
            "--insecure-registry",
            host,
            "--trusted-root",
            tmp.resolve("missing-root.json").toString(),
            "--key",
            keyFile.toString()),
        "INPUT_UNREADABLE");
  }

  @Test
  void anOciLayoutIsVerifiedLikeTheRegistry() throws Exception {
    Image image =
        CliRegistry.publish(
            registry.client(), registry.hostPort(), "cli/layout", List.of(CliRegistry.release()));
    Path layout = tmp.resolve("layout");
    OciLayout.write(
        layout,
        image
            .content("v1")
            .plus(
                CosignManifests.signatures(
                    image.digest(),
                    List.of(
                        CliRegistry.release()
                            .sign(
                                registry.hostPort() + "/cli/layout",
                                image.digest(),
                                CliRegistry.SIGNED_AT)))));
    Cli r =
        verify(
                "cli/layout:v1",
                "--oci-layout",
                layout.toString(),
                "--trusted-root",
                trustedRoot.toString(),
                "--certificate-identity",
                CliRegistry.IDENTITY,
                "--certificate-oidc-issuer",
                CliRegistry.ISSUER)
            .assertExit(0);
    assertThat(r.out()).contains("@" + image.digest());
  }
}
