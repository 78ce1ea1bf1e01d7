package dev.countersign.cli;

import dev.countersign.admission.server.Durations;
import dev.countersign.ecr.EcrCredentials;
import dev.countersign.verify.oci.DockerConfigCredentials;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryConfig;
import dev.countersign.verify.oci.RegistryCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where image evidence comes from: a registry (with credentials and TLS settings) or a layout. */
final class RegistryOptions {
  @Option(
      names = "--registry-config",
      paramLabel = "FILE",
      description =
          "Docker config.json or Kubernetes pull-secret data (.dockerconfigjson) with registry"
              + " credentials. Default: $DOCKER_CONFIG/config.json or ~/.docker/config.json if"
              + " present. Amazon ECR registries use the AWS default credential chain when the"
              + " file has no entry for them.")
  Path registryConfig;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST:PORT",
      description = "Reach this registry over plain HTTP (repeatable). Never use across a network.")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = "--registry-ca",
      paramLabel = "FILE",
      description = "PEM CA certificates to trust for registry TLS, besides the system ones.")
  Path registryCa;

  @Option(
      names = "--registry-timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Upper bound for the whole image lookup, e.g. 20s (default 30s).")
  Duration timeout = Duration.ofSeconds(30);

  @Option(
      names = "--oci-layout",
      paramLabel = "DIR",
      description =
          "Read the image and its evidence from this OCI image layout instead of a registry.")
  Path ociLayout;

  EvidenceSource evidenceSource() {
    if (ociLayout != null) {
      try {
        return EvidenceSource.of(OciRegistry.ociLayout(ociLayout));
      } catch (IllegalArgumentException e) {
        throw new UsageException("INPUT_UNREADABLE", e.getMessage());
      }
    }
    RegistryConfig.Builder config =
        RegistryConfig.builder()
            .credentials(credentials())
            .operationTimeout(timeout)
            .userAgent("countersign/" + Version.version());
    insecureRegistries.forEach(config::insecureRegistry);
    if (registryCa != null) {
      if (!Files.isReadable(registryCa)) {
        throw new UsageException("INPUT_UNREADABLE", "cannot read --registry-ca " + registryCa);
      }
      config.caCertificates(registryCa);
    }
    try {
      return EvidenceSource.of(OciRegistry.http(config.build()));
    } catch (IllegalArgumentException e) {
      throw new UsageException("INPUT_UNREADABLE", e.getMessage());
    }
  }

  private RegistryCredentials credentials() {
    Optional<Path> file = Optional.ofNullable(registryConfig).or(RegistryOptions::defaultConfig);
    RegistryCredentials fromFile = RegistryCredentials.anonymous();
    if (file.isPresent()) {
      try {
        byte[] bytes = Files.readAllBytes(file.get());
        fromFile = DockerConfigCredentials.fromPullSecret(bytes);
      } catch (IOException e) {
        throw new UsageException(
            "INPUT_UNREADABLE",
            "cannot read registry config " + file.get() + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new UsageException("INPUT_UNREADABLE", file.get() + ": " + e.getMessage());
      }
    }
    return RegistryCredentials.firstOf(fromFile, EcrCredentials.lazy());
  }

  private static Optional<Path> defaultConfig() {
    String dir = System.getenv("DOCKER_CONFIG");
    Path p =
        dir != null
            ? Path.of(dir, "config.json")
            : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }
}
