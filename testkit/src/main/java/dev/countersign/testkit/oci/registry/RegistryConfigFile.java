package dev.countersign.testkit.oci.registry;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The distribution 2.8 configuration a {@link RegistryProcess} runs with.
 *
 * <p>No {@code validation} section: 2.8 validates only foreign-layer URLs, and accepts manifests
 * whose config or layers have media types it does not know (cosign signatures, Sigstore bundles,
 * the OCI empty descriptor) as long as the referenced blobs exist, and manifests with {@code
 * subject} and {@code artifactType}, which it stores untouched without indexing them.
 */
final class RegistryConfigFile {
  private RegistryConfigFile() {}

  /**
   * The YAML; {@code tlsSection} is null or from {@link #tls}, {@code authSection} null or a
   * complete {@code auth:} block.
   */
  static String yaml(Path storage, int port, String tlsSection, String authSection) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("version: 0.1\n");
    yaml.append("log:\n  level: warn\n  accesslog:\n    disabled: true\n");
    yaml.append("storage:\n");
    yaml.append("  filesystem:\n    rootdirectory: ")
        .append(quote(storage.toString()))
        .append('\n');
    yaml.append("  delete:\n    enabled: true\n");
    yaml.append("  maintenance:\n    uploadpurging:\n      enabled: false\n");
    yaml.append("http:\n");
    yaml.append("  addr: ").append(quote("127.0.0.1:" + port)).append('\n');
    // A fixed secret silences the multi-instance warning; uploads never outlive the process.
    yaml.append("  secret: ").append(quote(UUID.randomUUID().toString())).append('\n');
    if (tlsSection != null) {
      yaml.append(tlsSection);
    }
    if (authSection != null) {
      yaml.append(authSection);
    }
    return yaml.toString();
  }

  /** {@code http.tls}, indented to follow the {@code http} block. */
  static String tls(Path certificateChain, Path key) {
    return "  tls:\n    certificate: "
        + quote(certificateChain.toString())
        + "\n    key: "
        + quote(key.toString())
        + "\n";
  }

  /** {@code auth.htpasswd}. */
  static String htpasswd(Path file) {
    return "auth:\n  htpasswd:\n    realm: \"countersign-test-registry\"\n    path: "
        + quote(file.toString())
        + "\n";
  }

  /** {@code auth.token} against {@code server}, trusting its certificate. */
  static String token(TokenServer server, Path rootCertBundle) {
    return "auth:\n  token:\n    realm: "
        + quote(server.realm().toString())
        + "\n    service: "
        + quote(server.service())
        + "\n    issuer: "
        + quote(server.issuer())
        + "\n    rootcertbundle: "
        + quote(rootCertBundle.toString())
        + "\n";
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
