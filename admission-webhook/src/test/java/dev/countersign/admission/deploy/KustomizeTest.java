package dev.countersign.admission.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.verify.trust.TrustRoot;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kustomize base, overlays and components, rendered offline and read with fabric8. */
class KustomizeTest {
  @TempDir Path work;

  @Test
  void baseHoldsEveryObjectButTls() {
    Installation base =
        Installation.parse(Kustomize.build(DeployFiles.kustomize().resolve("base")));

    InstallationChecks.installable(base);
    assertThat(base.namespace()).isEqualTo("countersign-system");
    assertThat(base.one(Namespace.class).getMetadata().getLabels())
        .as("the webhook's namespace enforces the restricted Pod Security Standard")
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    // Without an overlay nothing makes the API server trust the webhook: not installable alone.
    ValidatingWebhookConfiguration vwc = base.validatingWebhookConfiguration();
    assertThat(vwc.getWebhooks().get(0).getClientConfig().getCaBundle()).isNull();
    assertThat(vwc.getMetadata().getAnnotations()).doesNotContainKey(InstallationChecks.INJECT_CA);
    assertThat(base.all(Secret.class)).isEmpty();
  }

  @Test
  void baseTrustRootIsTheShippedPublicGoodRoot() {
    Installation base =
        Installation.parse(Kustomize.build(DeployFiles.kustomize().resolve("base")));

    List<TrustRoot> roots = InstallationChecks.trustRoots(base);

    assertThat(roots).extracting(TrustRoot::name).containsExactly("public-good");
    String mounted =
        base.configMap(base.volume("trust-roots").getConfigMap().getName())
            .getData()
            .get("public-good.json");
    assertThat(mounted)
        .as("base/trust-roots/public-good.json is a verbatim copy of the trust-roots module's")
        .isEqualTo(InstallationChecks.shippedPublicGoodRoot());
  }

  @Test
  void basePoliciesAreHotReloadedFromAFixedConfigMapName() {
    Installation base =
        Installation.parse(Kustomize.build(DeployFiles.kustomize().resolve("base")));

    String policies = base.volume("policies").getConfigMap().getName();

    // A content hash in the name would replace the ConfigMap on every edit and restart the pods
    // instead of letting the webhook reload the mounted files.
    assertThat(policies).isEqualTo("countersign-webhook-policies");
    assertThat(base.configMap(policies).getData()).containsKey("rollout-audit.yaml");
  }

  @Test
  void selfSignedOverlayTrustsTheCertificateMadeByTheScript() throws IOException {
    Path tree = work.resolve("kustomize");
    Kustomize.copyTree(DeployFiles.kustomize(), tree);
    Path overlay = tree.resolve("overlays/self-signed");
    SelfSignedTls tls = SelfSignedTls.generate(overlay);

    Installation i = Installation.parse(Kustomize.build(overlay));

    InstallationChecks.installable(i);
    Secret secret =
        i.secret("countersign-webhook-tls").orElseThrow(() -> new AssertionError("no TLS Secret"));
    assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(secret.getMetadata().getNamespace()).isEqualTo(i.namespace());
    assertThat(i.volume("tls").getSecret().getSecretName())
        .isEqualTo(secret.getMetadata().getName());
    for (String file : List.of("tls.crt", "tls.key", "ca.crt")) {
      assertThat(Certificates.decodeBase64(secret.getData().get(file)))
          .as("Secret data %s is the generated file", file)
          .isEqualTo(tls.file(file));
    }
    X509Certificate serving =
        Certificates.parse(Certificates.decodeBase64(secret.getData().get("tls.crt")));
    InstallationChecks.caBundleTrusts(i, serving);
    assertThat(
            Certificates.decodeBase64(
                i.validatingWebhookConfiguration()
                    .getWebhooks()
                    .get(0)
                    .getClientConfig()
                    .getCaBundle()))
        .as("caBundle is the CA the script printed")
        .isEqualTo(Certificates.decodeBase64(tls.caBundle()));
  }

  @Test
  void selfSignedOverlayWithoutGeneratedFilesFailsNamingTheMissingFile() throws IOException {
    Path tree = work.resolve("kustomize");
    Kustomize.copyTree(DeployFiles.kustomize(), tree);
    Path overlay = tree.resolve("overlays/self-signed");
    for (String f : List.of("tls.crt", "tls.key", "ca.crt", "secret.yaml")) {
      Files.deleteIfExists(overlay.resolve(f));
    }

    Kustomize.Result r = Kustomize.run(overlay);

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("tls.crt");
  }

  @Test
  void certManagerOverlayAsksForTheCaToBeInjected() {
    Installation i =
        Installation.parse(
            Kustomize.build(DeployFiles.kustomize().resolve("overlays/cert-manager")));

    InstallationChecks.installable(i);
    InstallationChecks.certManagerTls(i);
    assertThat(i.all(Secret.class)).as("cert-manager writes the TLS Secret").isEmpty();
  }

  @Test
  void componentsAddMonitoringNetworkPolicyAndOnlyTheRbacTheyNeed() throws IOException {
    Path overlay = work.resolve("all-components");
    Files.createDirectories(overlay);
    Path kustomize = DeployFiles.kustomize();
    String components =
        String.join(
            "\n",
            List.of("monitoring", "network-policy", "prewarm-running-pods", "events").stream()
                .map(c -> "  - " + relative(overlay, kustomize.resolve("components").resolve(c)))
                .toList());
    Files.writeString(
        overlay.resolve("kustomization.yaml"),
        "apiVersion: kustomize.config.k8s.io/v1beta1\n"
            + "kind: Kustomization\n"
            + "namespace: countersign-system\n"
            + "resources:\n"
            + "  - "
            + relative(overlay, kustomize.resolve("overlays/cert-manager"))
            + "\n"
            + "components:\n"
            + components
            + "\n",
        StandardCharsets.UTF_8);

    Installation i = Installation.parse(Kustomize.build(overlay));

    InstallationChecks.installable(i);
    InstallationChecks.certManagerTls(i);
    InstallationChecks.serviceMonitor(i);
    InstallationChecks.networkPolicy(i);
    assertThat(i.hasSwitch("--prewarm-running-pods")).isTrue();
    assertThat(i.hasSwitch("--events")).isTrue();
  }

  @Test
  void eachRbacComponentGrantsOnlyItsOwnPermissions() throws IOException {
    for (String component : List.of("prewarm-running-pods", "events")) {
      Path overlay = work.resolve(component);
      Files.createDirectories(overlay);
      Files.writeString(
          overlay.resolve("kustomization.yaml"),
          "apiVersion: kustomize.config.k8s.io/v1beta1\n"
              + "kind: Kustomization\n"
              + "resources:\n"
              + "  - "
              + relative(overlay, DeployFiles.kustomize().resolve("overlays/cert-manager"))
              + "\n"
              + "components:\n"
              + "  - "
              + relative(overlay, DeployFiles.kustomize().resolve("components").resolve(component))
              + "\n",
          StandardCharsets.UTF_8);

      Installation i = Installation.parse(Kustomize.build(overlay));

      // serviceAccountAndRbac compares the granted permissions with exactly those the flags need.
      InstallationChecks.installable(i);
      assertThat(i.hasSwitch("--prewarm-running-pods")).isEqualTo(component.startsWith("prewarm"));
      assertThat(i.hasSwitch("--events")).isEqualTo(component.equals("events"));
    }
  }

  private static String relative(Path from, Path to) {
    return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString();
  }
}
