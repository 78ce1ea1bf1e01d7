package dev.countersign.verify.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {
  @TempDir Path dir;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsEveryKindOfEntryAndNormalisesHosts() throws Exception {
    String json =
        "{\"auths\":{"
            + "\"https://index.docker.io/v1/\":{\"auth\":\""
            + b64("hubuser:pa:ss")
            + "\"},"
            + "\"http://Registry.Example:5000/v2/\":{\"username\":\"u\",\"password\":\"p\"},"
            + "\"ghcr.io\":{\"identitytoken\":\"refresh\"},"
            + "\"quay.io\":{\"registrytoken\":\"bearer\"},"
            + "\"empty.example\":{}"
            + "},\"HttpHeaders\":{\"User-Agent\":\"x\"}}";
    Path file = Files.writeString(dir.resolve("config.json"), json);
    DockerConfigCredentials c = DockerConfigCredentials.fromFile(file);
    assertThat(c.credentialFor("docker.io"))
        .contains(new RegistryCredential.Basic("hubuser", "pa:ss", Optional.empty()));
    assertThat(c.credentialFor("index.docker.io")).isEqualTo(c.credentialFor("docker.io"));
    assertThat(c.credentialFor("registry.example:5000"))
        .contains(new RegistryCredential.Basic("u", "p", Optional.empty()));
    assertThat(c.credentialFor("registry.example")).isEmpty();
    assertThat(c.credentialFor("ghcr.io"))
        .contains(new RegistryCredential.IdentityToken("refresh"));
    assertThat(c.credentialFor("quay.io"))
        .contains(new RegistryCredential.BearerToken("bearer", Optional.empty()));
    assertThat(c.credentialFor("empty.example")).isEmpty();
    assertThat(c.credentialFor("elsewhere.example")).isEmpty();
    assertThat(c.toString()).doesNotContain("pa:ss", "refresh", "bearer\"");
  }

  @Test
  void pullSecretsBothShapesAndBase64() throws Exception {
    String dockerconfigjson =
        "{\"auths\":{\"123456789012.dkr.ecr.us-east-1.amazonaws.com\":"
            + "{\"username\":\"AWS\",\"password\":\"pw\",\"auth\":\""
            + b64("AWS:pw")
            + "\"}}}";
    String dockercfg =
        "{\"registry.example\":{\"auth\":\"" + b64("a:b") + "\",\"email\":\"a@example.com\"}}";
    RegistryCredential aws = new RegistryCredential.Basic("AWS", "pw", Optional.empty());
    assertThat(
            DockerConfigCredentials.fromPullSecret(bytes(dockerconfigjson))
                .credentialFor("123456789012.dkr.ecr.us-east-1.amazonaws.com"))
        .contains(aws);
    assertThat(
            DockerConfigCredentials.fromPullSecret(bytes(b64(dockerconfigjson)))
                .credentialFor("123456789012.dkr.ecr.us-east-1.amazonaws.com"))
        .contains(aws);
    assertThat(
            DockerConfigCredentials.fromPullSecret(bytes(dockercfg))
                .credentialFor("registry.example"))
        .contains(new RegistryCredential.Basic("a", "b", Optional.empty()));
  }

  @Test
  void credentialHelpersAreReportedNeverRun() throws Exception {
    DockerConfigCredentials c =
        DockerConfigCredentials.fromJson(
            bytes(
                "{\"auths\":{\"https://index.docker.io/v1/\":{},\"plain.example\":{\"auth\":\""
                    + b64("x:y")
                    + "\"}},\"credsStore\":\"desktop\","
                    + "\"credHelpers\":{\"123456789012.dkr.ecr.us-east-1.amazonaws.com\":\"ecr-login\"}}"));
    assertThat(c.unsupportedHelpers())
        .isEqualTo(
            Map.of(
                "docker.io", "desktop",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com", "ecr-login"));
    assertThatThrownBy(() -> c.credentialFor("123456789012.dkr.ecr.us-east-1.amazonaws.com"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAUTHORIZED))
        .hasMessageContaining("docker-credential-ecr-login")
        .hasMessageContaining("does not run");
    assertThatThrownBy(() -> c.credentialFor("docker.io"))
        .hasMessageContaining("docker-credential-desktop");
    assertThat(c.credentialFor("plain.example")).isPresent();
    assertThat(c.credentialFor("unmentioned.example")).isEmpty();
  }

  @Test
  void malformedConfigsNameTheJsonPath() {
    assertMalformed("{\"auths\":[]}", "auths");
    assertMalformed("{\"auths\":{\"r.example\":\"x\"}}", "auths.r.example");
    assertMalformed("{\"auths\":{\"r.example\":{\"auth\":\"!!!\"}}}", "auths.r.example.auth");
    assertMalformed(
        "{\"auths\":{\"r.example\":{\"auth\":\"" + b64("nocolon") + "\"}}}",
        "auths.r.example.auth");
    assertMalformed("{\"auths\":{\"r.example\":{\"username\":\"u\"}}}", "auths.r.example.password");
    assertMalformed("{\"auths\":{\"r.example\":{\"password\":\"p\"}}}", "auths.r.example.username");
    assertMalformed(
        "{\"auths\":{\"r.example\":{\"username\":7,\"password\":\"p\"}}}",
        "auths.r.example.username");
    assertMalformed("{\"credHelpers\":{\"r.example\":1}}", "credHelpers.r.example");
    assertMalformed("{\"auths\":{}} trailing", "");
    assertMalformed("{\"auths\":{},\"auths\":{}}", "");
    assertThatThrownBy(() -> DockerConfigCredentials.fromPullSecret(bytes("%%%")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DockerConfigCredentials.fromPullSecret(bytes("")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertMalformed(String json, String path) {
    assertThatThrownBy(() -> DockerConfigCredentials.fromJson(bytes(json)))
        .as(json)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid Docker config: " + path);
  }
}
