package dev.countersign.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.testkit.oci.registry.RegistryAuth;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code countersign verify --registry-config} against a registry behind the Docker token flow:
 * credentials from a Docker config.json or a pull secret's {@code .dockerconfigjson}; refused
 * credentials mean the image could not be evaluated (exit 3), not that it is unsigned.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryConfigCliIT {
  private static final String USER = "cli-puller";
  private static final String PASSWORD = "pull-secret-pass";

  private RegistryProcess registry;
  private String image;

  @TempDir Path tmp;

  @BeforeAll
  void start() {
    if (!RegistryProcess.isAvailable()) {
      return;
    }
    registry = RegistryProcess.start(RegistryAuth.token(Map.of(USER, PASSWORD)));
    CliRegistry.publish(
        registry.client(), registry.hostPort(), "cli/private", List.of(CliRegistry.release()));
    image = registry.hostPort() + "/cli/private:v1";
  }

  @AfterAll
  void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void requireRegistry() {
    assumeTrue(registry != null, RegistryProcess.unavailableReason());
  }

  private Cli verify(Path registryConfig) {
    return Cli.run(
        List.of(
            "verify",
            image,
            "--insecure-registry",
            registry.hostPort(),
            "--registry-config",
            registryConfig.toString(),
            "--trusted-root",
            CliRegistry.trustedRoot(tmp).toString(),
            "--certificate-identity",
            CliRegistry.IDENTITY,
            "--certificate-oidc-issuer",
            CliRegistry.ISSUER,
            "--registry-timeout",
            VerifyImageCliIT.timeout(java.time.Duration.ofSeconds(10))));
  }

  private Path dockerConfig(String password) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    return Files.writeString(
        tmp.resolve("config-" + password + ".json"),
        "{\"auths\":{\"" + registry.hostPort() + "\":{\"auth\":\"" + auth + "\"}}}");
  }

  @Test
  void aDockerConfigJsonOpensThePrivateRegistry() throws Exception {
    Cli r = verify(dockerConfig(PASSWORD)).assertExit(0);
    assertThat(r.out()).startsWith("PASS: ");
  }

  @Test
  void aPullSecretOpensThePrivateRegistry() throws Exception {
    String json =
        "{\"auths\":{\"https://"
            + registry.hostPort()
            + "\":{\"username\":\""
            + USER
            + "\",\"password\":\""
            + PASSWORD
            + "\"}}}";
    // As it appears in the Secret: the .dockerconfigjson value, base64-encoded.
    Path secret =
        Files.writeString(
            tmp.resolve("dockerconfigjson"),
            Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    verify(secret).assertExit(0);
  }

  @Test
  void aWrongPasswordCannotBeEvaluated() throws Exception {
    Cli r = verify(dockerConfig("wrong")).assertExit(3);
    assertThat(r.outLines()).hasSize(1);
    assertThat(r.out()).startsWith("ERROR: ").contains("REGISTRY_AUTH");
  }

  @Test
  void anEmptyConfigIsAnonymousAndRefused() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.json"), "{\"auths\":{}}");
    Cli r = verify(empty).assertExit(3);
    assertThat(r.out()).contains("REGISTRY_AUTH");
  }
}
