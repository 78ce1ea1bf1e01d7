package dev.countersign.admission.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.countersign.verify.trust.TrustRoot;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Helm chart rendered by Helm's own template engine (helm-java runs Helm's Go library, no helm
 * binary), values.schema.json enforced as at install, and the output read with fabric8.
 */
class HelmChartTest {
  /** A Kubernetes version the chart's kubeVersion admits; Helm's own default is 1.20. */
  private static final String KUBE_VERSION = "v1.32.0";

  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "ClusterRole",
          "ClusterRoleBinding",
          "ValidatingWebhookConfiguration",
          "MutatingWebhookConfiguration");

  @TempDir Path work;

  @Test
  void defaultValuesInstallWithCertManagerAndNothingOptional() {
    Installation i = render("countersign-webhook", "countersign-system", Map.of());

    InstallationChecks.installable(i);
    InstallationChecks.certManagerTls(i);
    allInReleaseNamespace(i, "countersign-system");
    assertThat(i.service().getMetadata().getName()).isEqualTo("countersign-webhook");
    assertThat(i.all(MutatingWebhookConfiguration.class)).isEmpty();
    assertThat(i.custom("monitoring.coreos.com/v1", "ServiceMonitor")).isEmpty();
    assertThat(i.all(NetworkPolicy.class)).isEmpty();
    assertThat(i.all(ClusterRole.class)).isEmpty();
    assertThat(i.all(ClusterRoleBinding.class)).isEmpty();
    assertThat(i.validatingWebhookConfiguration().getWebhooks())
        .extracting(ValidatingWebhook::getObjectSelector)
        .containsOnlyNulls();
    // No trust-roots directory: the image's shipped public-good root is used.
    assertThat(i.flag("--trust-roots")).isEmpty();
    assertThat(i.flag("--records")).contains("-");
    assertThat(i.container().getImage()).isEqualTo("ghcr.io/countersign/countersign:0.1.0");
  }

  @Test
  void releaseNameAndNamespaceFlowIntoEveryReference() {
    Installation i = render("prod", "security", Map.of());

    InstallationChecks.installable(i);
    InstallationChecks.certManagerTls(i);
    allInReleaseNamespace(i, "security");
    assertThat(i.service().getMetadata().getName()).isEqualTo("prod-countersign-webhook");
    assertThat(i.serviceHost()).isEqualTo("prod-countersign-webhook.security.svc");
    assertThat(i.flagValues("--exclude-namespace")).containsExactly("kube-system", "security");
  }

  @Test
  void selfSignedPathTrustsTheScriptsCertificate() {
    SelfSignedTls tls =
        SelfSignedTls.generate(
            work, "--service", "countersign-webhook", "--namespace", "countersign-system");

    Installation i =
        render(
            "countersign-webhook",
            "countersign-system",
            Map.of(
                "certManager.enabled",
                false,
                "tls.secretName",
                "countersign-webhook-tls",
                "tls.caBundle",
                tls.caBundle()));

    InstallationChecks.installable(i);
    X509Certificate serving = Certificates.parse(tls.file("tls.crt"));
    InstallationChecks.caBundleTrusts(i, serving);
    assertThat(i.custom("cert-manager.io/v1", "Certificate")).isEmpty();
    assertThat(i.custom("cert-manager.io/v1", "Issuer")).isEmpty();
    assertThat(i.volume("tls").getSecret().getSecretName()).isEqualTo("countersign-webhook-tls");
  }

  @Test
  void everyOptionalPartRendersAndStaysLocked() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("mutating.enabled", true);
    values.put("mutating.mode", "annotate");
    values.put("serviceMonitor.enabled", true);
    values.put("networkPolicy.enabled", true);
    values.put("prewarmRunningPods", true);
    values.put("events", true);
    values.put("serviceAccount.awsRoleArn", "arn:aws-us-gov:iam::123456789012:role/countersign");
    values.put("registry.existingSecret", "regcred");
    values.put("records.output", "persistentVolumeClaim");
    values.put("records.claimName", "decision-records");
    values.put("records.signingKey.existingSecret", "records-key");
    values.put("trustRoots.existingSecret", "private-roots");
    values.put("webhook.excludeNamespaces[0]", "team-a");
    values.put("webhook.excludeNamespaces[1]", "team-b");
    values.put("webhook.deadline", "9500ms");
    values.put("certManager.issuerRef.name", "corporate-ca");
    values.put("certManager.issuerRef.kind", "ClusterIssuer");

    Installation i = render("countersign-webhook", "countersign-system", values);

    InstallationChecks.installable(i);
    InstallationChecks.certManagerTls(i);
    InstallationChecks.serviceMonitor(i);
    InstallationChecks.networkPolicy(i);
    allInReleaseNamespace(i, "countersign-system");
    assertThat(i.custom("cert-manager.io/v1", "Issuer"))
        .as("an existing ClusterIssuer replaces the chart's self-signed Issuer")
        .isEmpty();

    MutatingWebhookConfiguration mwc = i.one(MutatingWebhookConfiguration.class);
    assertThat(mwc.getWebhooks())
        .extracting(MutatingWebhook::getReinvocationPolicy)
        .containsOnly("IfNeeded");
    assertThat(i.flag("--mutate-mode")).contains("annotate");

    assertThat(i.one(ServiceAccount.class).getMetadata().getAnnotations())
        .containsEntry(
            "eks.amazonaws.com/role-arn", "arn:aws-us-gov:iam::123456789012:role/countersign");

    String registryConfig = i.flag("--registry-config").orElseThrow();
    assertThat(registryConfig).isEqualTo("/etc/countersign/registry/.dockerconfigjson");
    assertThat(i.volume(i.mountHolding(registryConfig).getName()).getSecret().getSecretName())
        .isEqualTo("regcred");

    String records = i.flag("--records").orElseThrow();
    assertThat(records).isEqualTo("/var/lib/countersign/records/$(POD_NAME).jsonl");
    assertThat(
            i.volume(i.mountHolding(records).getName()).getPersistentVolumeClaim().getClaimName())
        .isEqualTo("decision-records");
    EnvVar podName =
        i.container().getEnv().stream()
            .filter(e -> e.getName().equals("POD_NAME"))
            .findFirst()
            .orElseThrow();
    assertThat(podName.getValueFrom().getFieldRef().getFieldPath())
        .as("each replica writes its own records file")
        .isEqualTo("metadata.name");

    String key = i.flag("--records-key").orElseThrow();
    assertThat(i.volume(i.mountHolding(key).getName()).getSecret().getSecretName())
        .isEqualTo("records-key");
    String roots = i.flag("--trust-roots").orElseThrow();
    assertThat(i.volume(i.mountHolding(roots).getName()).getSecret().getSecretName())
        .isEqualTo("private-roots");
    assertThat(i.flagValues("--exclude-namespace"))
        .containsExactly("kube-system", "countersign-system", "team-a", "team-b");
    assertThat(i.deadline()).hasMillis(9500);
  }

  @Test
  void trustRootsFromValuesAreMountedAndLoad() throws IOException {
    Path root = work.resolve("public-good.json");
    Files.writeString(root, InstallationChecks.shippedPublicGoodRoot(), StandardCharsets.UTF_8);

    Installation i =
        renderWith(
            "countersign-webhook",
            "countersign-system",
            t -> t.setFile("trustRoots.files.public-good\\.json", root));

    InstallationChecks.installable(i);
    List<TrustRoot> loaded = InstallationChecks.trustRoots(i);
    assertThat(loaded).extracting(TrustRoot::name).containsExactly("public-good");
    assertThat(i.volume("trust-roots").getConfigMap().getName())
        .isEqualTo("countersign-webhook-trust-roots");
  }

  @Test
  void objectOptOutLabelOnlyExemptsLabelledObjects() {
    Installation i =
        render(
            "countersign-webhook",
            "countersign-system",
            Map.of("webhook.objectOptOutLabel", "countersign.dev/skip"));

    InstallationChecks.installable(i);
    var selector = i.validatingWebhookConfiguration().getWebhooks().get(0).getObjectSelector();
    assertThat(selector.getMatchExpressions())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getKey()).isEqualTo("countersign.dev/skip");
              assertThat(r.getOperator()).isEqualTo("NotIn");
              assertThat(r.getValues()).containsExactly("true");
            });
    assertThat(InstallationChecks.selects(selector, Map.of("app", "web")))
        .as("an unlabelled pod is still checked")
        .isTrue();
  }

  @Test
  void imageDigestIsPreferredOverTag() {
    String digest = "sha256:" + "ab".repeat(32);
    Installation i =
        render(
            "countersign-webhook",
            "countersign-system",
            Map.of("image.digest", digest, "image.tag", "ignored"));

    assertThat(i.container().getImage()).isEqualTo("ghcr.io/countersign/countersign@" + digest);
  }

  static Stream<Arguments> misconfigurations() {
    return Stream.of(
        Arguments.of(Map.of("webhook.deadline", "10s"), "webhook.deadline (10s) must be below"),
        Arguments.of(
            Map.of("webhook.deadline", "12000ms", "webhook.timeoutSeconds", 12),
            "must be below webhook.timeoutSeconds"),
        Arguments.of(Map.of("webhook.timeoutSeconds", 31), "timeoutSeconds"),
        Arguments.of(Map.of("webhook.failurePolicy", "Ignore"), "failurePolicy"),
        Arguments.of(Map.of("replicaCount", 1), "replicaCount"),
        Arguments.of(
            Map.of("certManager.enabled", false, "tls.secretName", "webhook-tls"),
            "tls.caBundle is required"),
        Arguments.of(
            Map.of("certManager.enabled", false, "tls.caBundle", "TUlJQg=="),
            "tls.secretName is required"),
        Arguments.of(Map.of("records.output", "persistentVolumeClaim"), "records.claimName"),
        Arguments.of(Map.of("records.output", "syslog"), "records"),
        Arguments.of(
            Map.of("trustRoots.existingConfigMap", "a", "trustRoots.existingSecret", "b"),
            "set only one of"),
        Arguments.of(Map.of("policies.files", "null"), "no image policies"),
        Arguments.of(Map.of("podDisruptionBudget.minAvailable", 2), "must be below replicaCount"),
        Arguments.of(Map.of("image.digest", "sha256:abc"), "digest"),
        Arguments.of(Map.of("serviceAccount.awsRoleArn", "my-role"), "awsRoleArn"),
        Arguments.of(Map.of("resources.limits", "null"), "limits"));
  }

  @ParameterizedTest
  @MethodSource("misconfigurations")
  void misconfigurationFailsTheInstallWithAClearMessage(
      Map<String, Object> values, String message) {
    assertThatThrownBy(() -> render("countersign-webhook", "countersign-system", values))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(message);
  }

  @Test
  void clustersOlderThanTheChartsKubeVersionAreRefused() {
    assertThatThrownBy(
            () ->
                new Helm(DeployFiles.chart())
                    .template()
                    .withName("countersign-webhook")
                    .withKubeVersion("v1.24.0")
                    .call())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kubeVersion");
  }

  @Test
  void helmLintStrictFindsNothing() {
    LintResult lint = new Helm(DeployFiles.chart()).lint().strict().call();

    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages())
        .as("helm lint messages")
        .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  private static void allInReleaseNamespace(Installation i, String namespace) {
    for (HasMetadata o : i.objects()) {
      if (CLUSTER_SCOPED.contains(o.getKind())) {
        assertThat(o.getMetadata().getNamespace())
            .as("%s/%s is cluster-scoped", o.getKind(), o.getMetadata().getName())
            .isNull();
      } else {
        assertThat(o.getMetadata().getNamespace())
            .as("namespace of %s/%s", o.getKind(), o.getMetadata().getName())
            .isEqualTo(namespace);
      }
    }
    assertThat(i.all(Namespace.class)).as("the chart never creates namespaces").isEmpty();
    assertThat(i.all(ValidatingWebhookConfiguration.class)).hasSize(1);
  }

  private static Installation render(String release, String namespace, Map<String, ?> values) {
    return renderWith(release, namespace, t -> values.forEach(t::set));
  }

  private static Installation renderWith(
      String release, String namespace, java.util.function.Consumer<TemplateCommand> values) {
    TemplateCommand t =
        new Helm(DeployFiles.chart())
            .template()
            .withName(release)
            .withNamespace(namespace)
            .withKubeVersion(KUBE_VERSION);
    values.accept(t);
    return Installation.parse(t.call());
  }
}
