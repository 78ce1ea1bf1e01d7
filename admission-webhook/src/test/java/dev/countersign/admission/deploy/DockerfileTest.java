package dev.countersign.admission.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The image definition agrees with what the manifests expect of it: non-root user 65532, the CLI
 * jar the evidence-report module builds, and the webhook port. (No image is built here.)
 */
class DockerfileTest {
  @Test
  void runsTheCliJarAsTheNonRootUserTheManifestsExpect() throws IOException {
    List<String> lines =
        Files.readAllLines(DeployFiles.deploy().resolve("Dockerfile"), StandardCharsets.UTF_8)
            .stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();

    List<String> from = instructions(lines, "FROM");
    assertThat(from).hasSize(1);
    assertThat(from.get(0))
        .as("a Java 17 runtime without a shell or package manager, or a JRE-only image")
        .matches(
            "(gcr\\.io/distroless/java17-debian1[0-9]:nonroot|eclipse-temurin:17-jre.*)(@sha256:[a-f0-9]{64})?");
    assertThat(last(lines, "USER")).contains("65532:65532");
    assertThat(last(lines, "ENTRYPOINT"))
        .contains("[\"/usr/bin/java\", \"-jar\", \"/app/countersign.jar\"]");
    assertThat(instructions(lines, "COPY"))
        .singleElement()
        .satisfies(c -> assertThat(c).endsWith("/app/countersign.jar").contains("--chown=0:0"));
    assertThat(instructions(lines, "ARG")).contains("JAR=evidence-report/target/countersign.jar");
    assertThat(last(lines, "EXPOSE")).contains("8443");
  }

  @Test
  void theCopiedJarIsTheCliWithItsMainClass() throws IOException {
    String pom =
        Files.readString(
            DeployFiles.projectRoot().resolve("evidence-report/pom.xml"), StandardCharsets.UTF_8);

    assertThat(pom).contains("<finalName>countersign</finalName>");
    assertThat(pom).contains("<mainClass>dev.countersign.cli.Main</mainClass>");
  }

  private static List<String> instructions(List<String> lines, String keyword) {
    return lines.stream()
        .filter(l -> l.startsWith(keyword + " "))
        .map(l -> l.substring(keyword.length() + 1).strip())
        .toList();
  }

  private static Optional<String> last(List<String> lines, String keyword) {
    List<String> all = instructions(lines, keyword);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }
}
