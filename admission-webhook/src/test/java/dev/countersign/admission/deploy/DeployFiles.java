package dev.countersign.admission.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deployment files of the webhook are: {@code admission-webhook/deploy/}. */
final class DeployFiles {
  private DeployFiles() {}

  /** The repository root. */
  static Path projectRoot() {
    return deploy().getParent().getParent();
  }

  /** {@code admission-webhook/deploy}, found from the module directory or the project root. */
  static Path deploy() {
    Path local = Path.of("deploy").toAbsolutePath().normalize();
    if (Files.isDirectory(local.resolve("kustomize"))) {
      return local;
    }
    Path fromRoot =
        Path.of(System.getProperty("countersign.projectRoot", ".."), "admission-webhook", "deploy")
            .toAbsolutePath()
            .normalize();
    if (Files.isDirectory(fromRoot.resolve("kustomize"))) {
      return fromRoot;
    }
    throw new IllegalStateException(
        "admission-webhook/deploy not found from " + Path.of("").toAbsolutePath());
  }

  static Path kustomize() {
    return deploy().resolve("kustomize");
  }

  static Path chart() {
    return deploy().resolve("helm").resolve("countersign-webhook");
  }

  static Path selfSignedScript() {
    return deploy().resolve("gen-self-signed.sh");
  }
}
