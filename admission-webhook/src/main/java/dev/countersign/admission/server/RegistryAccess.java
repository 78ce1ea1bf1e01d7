package dev.countersign.admission.server;

import dev.countersign.ecr.EcrCredentials;
import dev.countersign.verify.oci.DockerConfigCredentials;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryConfig;
import dev.countersign.verify.oci.RegistryCredentials;
import dev.countersign.verify.oci.RegistryListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The registry client the webhook's verifier reads evidence through: credentials from a Docker
 * config or pull secret, then Amazon ECR tokens, and timeouts sized to the admission deadline so a
 * slow or failing registry is reported as {@code REGISTRY_TIMEOUT} / {@code REGISTRY_UNAVAILABLE}
 * before the deadline turns it into {@code DEADLINE_EXCEEDED}.
 */
final class RegistryAccess {
  private RegistryAccess() {}

  static EvidenceSource evidenceSource(WebhookOptions o, RegistryListener listener) {
    Duration operation = o.registryOperationTimeout();
    Duration request = Duration.ofMillis(Math.max(250, operation.toMillis() / 2));
    Duration connect = Duration.ofMillis(Math.min(2000, request.toMillis()));
    RegistryConfig.Builder config =
        RegistryConfig.builder()
            .credentials(credentials(o.registryConfig))
            .connectTimeout(connect)
            .requestTimeout(request)
            .operationTimeout(operation)
            // Two quick retries: an admission cannot wait out long Retry-After headers, and the
            // error cache retries soon anyway.
            .retries(2, Duration.ofMillis(100), Duration.ofSeconds(1))
            .listener(listener)
            .userAgent("countersign-webhook");
    o.insecureRegistries.forEach(config::insecureRegistry);
    for (Path ca : o.registryCas) {
      if (!Files.isReadable(ca)) {
        throw new StartupException("INPUT_UNREADABLE", "cannot read --registry-ca " + ca);
      }
      config.caCertificates(ca);
    }
    try {
      return EvidenceSource.of(OciRegistry.http(config.build()));
    } catch (IllegalArgumentException e) {
      throw new StartupException("INPUT_UNREADABLE", e.getMessage(), e);
    }
  }

  private static RegistryCredentials credentials(Path file) {
    RegistryCredentials fromFile = RegistryCredentials.anonymous();
    if (file != null) {
      try {
        fromFile = DockerConfigCredentials.fromPullSecret(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new StartupException(
            "INPUT_UNREADABLE", "cannot read --registry-config " + file + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new StartupException("INPUT_UNREADABLE", file + ": " + e.getMessage(), e);
      }
    }
    return RegistryCredentials.firstOf(fromFile, EcrCredentials.lazy());
  }
}
