package dev.countersign.verify.oci;

import java.util.Optional;

/**
 * Supplies credentials per registry host. Implementations: Docker {@code config.json} and
 * Kubernetes {@code dockerconfigjson} pull secrets (see {@code DockerConfigCredentials}), Amazon
 * ECR (module {@code ecr-credentials}), or your own. Implementations are thread-safe and may cache.
 */
@FunctionalInterface
public interface RegistryCredentials {

  /**
   * The credential for {@code registry} (host or host:port, as in image references), or empty for
   * anonymous access.
   *
   * @throws RegistryException of kind UNAUTHORIZED or UNAVAILABLE (or TIMEOUT, RATE_LIMITED) when a
   *     credential source that should answer cannot (for example a cloud token service)
   */
  Optional<RegistryCredential> credentialFor(String registry) throws RegistryException;

  /** No credentials: anonymous access everywhere. */
  static RegistryCredentials anonymous() {
    return registry -> Optional.empty();
  }

  /** The first source that has a credential for a registry wins. */
  static RegistryCredentials firstOf(RegistryCredentials... sources) {
    return registry -> {
      for (RegistryCredentials s : sources) {
        Optional<RegistryCredential> c = s.credentialFor(registry);
        if (c.isPresent()) {
          return c;
        }
      }
      return Optional.empty();
    };
  }
}
