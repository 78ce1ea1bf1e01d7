package dev.countersign.verify.oci;

import dev.countersign.verify.Digest;
import dev.countersign.verify.internal.registry.HttpRegistryClient;
import dev.countersign.verify.internal.registry.OciLayoutRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where OCI content lives: a registry reached over HTTP, or an OCI image layout on disk. Every
 * method checks what it returns against the digest that names it and against size limits.
 * Implementations are thread-safe.
 */
public interface OciRegistry {

  /**
   * Registries over the OCI distribution API (HTTPS, or plain HTTP for registries the configuration
   * marks insecure), with the configuration's credentials, CA certificates, timeouts, retries and
   * size limits. Build once and share: it holds the connection pool and the token cache.
   *
   * @throws IllegalArgumentException if a configured CA certificate file cannot be read
   */
  static OciRegistry http(RegistryConfig config) {
    return new HttpRegistryClient(config);
  }

  /**
   * An OCI image layout directory, with the default size limits of {@link RegistryConfig}. A layout
   * holds one repository: the registry and repository of the references passed in are ignored, and
   * tags are the {@code org.opencontainers.image.ref.name} annotations of {@code index.json}.
   *
   * @throws IllegalArgumentException if the directory is not an OCI image layout
   */
  static OciRegistry ociLayout(Path directory) {
    RegistryConfig defaults = RegistryConfig.builder().build();
    return new OciLayoutRegistry(directory, defaults.maxManifestBytes(), defaults.maxBlobBytes());
  }

  /**
   * The manifest (image manifest or index) a reference names. For a pinned reference the bytes are
   * checked against the digest; for a tag, the digest is computed from the bytes.
   *
   * @throws RegistryException of kind NOT_FOUND when there is no such manifest
   */
  FetchedManifest manifest(ImageReference reference) throws RegistryException;

  /** Like {@link #manifest}, but a missing manifest is empty rather than an exception. */
  Optional<FetchedManifest> manifestIfPresent(ImageReference reference) throws RegistryException;

  /** A blob of the reference's repository, checked against the descriptor's digest and size. */
  byte[] blob(ImageReference repository, Descriptor descriptor) throws RegistryException;

  /**
   * The OCI 1.1 referrers of {@code subject} in the reference's repository. Empty when the registry
   * does not implement the referrers API (callers then use the referrers tag schema).
   */
  Optional<List<Descriptor>> referrers(ImageReference repository, Digest subject)
      throws RegistryException;
}
