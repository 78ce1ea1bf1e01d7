package dev.countersign.admission.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.countersign.verify.policy.PolicySet;
import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustRoots;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.ParseResult;

/**
 * What every rendering of the webhook's deployment (Kustomize base and overlays, Helm chart with
 * any values) must satisfy. The same checks run on each, so the two packagings cannot drift apart
 * on anything that matters for safety.
 */
final class InstallationChecks {
  /** Labels every object carries, so that `kubectl get -l` finds the whole installation. */
  static final List<String> COMMON_LABELS =
      List.of("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/part-of");

  static final String METADATA_NAME_LABEL = "kubernetes.io/metadata.name";
  static final String INJECT_CA = "cert-manager.io/inject-ca-from";

  /** Every kind that holds a pod template, as the webhook rules must name it. */
  static final List<GroupVersionResource> ADMITTED =
      List.of(
          new GroupVersionResource("", "v1", "pods"),
          new GroupVersionResource("", "v1", "pods/ephemeralcontainers"),
          new GroupVersionResource("", "v1", "replicationcontrollers"),
          new GroupVersionResource("apps", "v1", "deployments"),
          new GroupVersionResource("apps", "v1", "replicasets"),
          new GroupVersionResource("apps", "v1", "statefulsets"),
          new GroupVersionResource("apps", "v1", "daemonsets"),
          new GroupVersionResource("batch", "v1", "jobs"),
          new GroupVersionResource("batch", "v1", "cronjobs"));

  /** One API resource a webhook rule must match. */
  record GroupVersionResource(String group, String version, String resource) {}

  private InstallationChecks() {}

  /**
   * Everything an installation needs, whatever its TLS source: pods, Service, disruption budget,
   * the validating webhook, policies and trust roots it mounts, labels and RBAC.
   */
  static void installable(Installation i) {
    noUnknownFields(i);
    commonLabels(i);
    deployment(i);
    service(i);
    podDisruptionBudget(i);
    webhookConfigurations(i);
    policies(i);
    trustRoots(i);
    serviceAccountAndRbac(i);
  }

  static void noUnknownFields(Installation i) {
    List<String> unknown = new ArrayList<>();
    i.objects().forEach(o -> unknown.addAll(UnknownFields.of(o)));
    assertThat(unknown).as("fields the Kubernetes API does not define").isEmpty();
  }

  static void commonLabels(Installation i) {
    for (HasMetadata o : i.objects()) {
      Map<String, String> labels = o.getMetadata().getLabels();
      assertThat(labels)
          .as("labels of %s/%s", o.getKind(), o.getMetadata().getName())
          .containsKeys(COMMON_LABELS.toArray(String[]::new))
          .containsEntry("app.kubernetes.io/part-of", "countersign");
    }
  }

  static void deployment(Installation i) {
    Deployment d = i.deployment();
    assertThat(d.getSpec().getReplicas())
        .as("replicas: the webhook fails closed, one pod is a single point of failure")
        .isGreaterThanOrEqualTo(2);
    assertThat(intValue(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable()))
        .as("rolling update maxUnavailable")
        .isZero();
    assertThat(selects(d.getSpec().getSelector(), podLabels(i)))
        .as("the Deployment's selector matches its pod template")
        .isTrue();

    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getHostNetwork()).as("hostNetwork").isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostPID()).as("hostPID").isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostIPC()).as("hostIPC").isNotEqualTo(Boolean.TRUE);
    podSecurityContext(pod.getSecurityContext());
    Container c = i.container();
    containerSecurityContext(c.getSecurityContext(), pod.getSecurityContext());
    resources(c.getResources());
    writablePaths(i);
    probes(i);
    spreadOverNodes(i);

    assertThat(c.getImage()).as("image").isNotBlank();
    assertThat(i.args()).as("arguments").isNotEmpty();
    assertThat(i.args().get(0)).as("the CLI subcommand").isEqualTo("webhook");
    ContainerPort https = containerPort(c, "https");
    assertThat(i.flag("--port")).as("--port").contains(String.valueOf(https.getContainerPort()));
    for (String flag : List.of("--tls-cert", "--tls-key")) {
      String file = i.flag(flag).orElseThrow(() -> new AssertionError("no " + flag));
      VolumeMount m = i.mountHolding(file);
      assertThat(i.volume(m.getName()).getSecret())
          .as("%s %s is read from a Secret volume", flag, file)
          .isNotNull();
    }
    assertThat(i.flag("--policies")).as("--policies").isPresent();
    assertThat(i.flag("--records")).as("--records: every decision is recorded").isPresent();
    serverAcceptsArguments(i);
  }

  /** The webhook's own option parser accepts the arguments and reads the values checked here. */
  static void serverAcceptsArguments(Installation i) {
    ParseResult parsed = WebhookArguments.parse(i.args());
    assertThat(parsed.<java.time.Duration>matchedOptionValue("--deadline", null))
        .as("--deadline as the webhook reads it")
        .isEqualTo(i.deadline());
    assertThat(parsed.<Integer>matchedOptionValue("--port", null))
        .isEqualTo(containerPort(i.container(), "https").getContainerPort());
    assertThat(parsed.<List<String>>matchedOptionValue("--exclude-namespace", List.of()))
        .isEqualTo(i.flagValues("--exclude-namespace"));
    assertThat(parsed.unmatched()).as("arguments the webhook does not know").isEmpty();
  }

  private static void podSecurityContext(PodSecurityContext s) {
    assertThat(s).as("pod securityContext").isNotNull();
    assertThat(s.getRunAsNonRoot()).as("pod runAsNonRoot").isTrue();
    assertThat(s.getRunAsUser()).as("pod runAsUser").isEqualTo(65532L);
    assertThat(s.getSeccompProfile()).as("pod seccompProfile").isNotNull();
    assertThat(s.getSeccompProfile().getType())
        .as("pod seccompProfile")
        .isEqualTo("RuntimeDefault");
  }

  private static void containerSecurityContext(SecurityContext s, PodSecurityContext pod) {
    assertThat(s).as("container securityContext").isNotNull();
    assertThat(s.getRunAsNonRoot()).as("container runAsNonRoot").isTrue();
    Long user = s.getRunAsUser() != null ? s.getRunAsUser() : pod.getRunAsUser();
    assertThat(user).as("effective runAsUser").isEqualTo(65532L);
    assertThat(s.getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem").isTrue();
    assertThat(s.getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation").isFalse();
    assertThat(s.getPrivileged()).as("privileged").isNotEqualTo(Boolean.TRUE);
    assertThat(s.getCapabilities()).as("capabilities").isNotNull();
    assertThat(s.getCapabilities().getDrop()).as("capabilities.drop").contains("ALL");
    assertThat(s.getCapabilities().getAdd()).as("capabilities.add").isEmpty();
    assertThat(s.getSeccompProfile()).as("container seccompProfile").isNotNull();
    assertThat(s.getSeccompProfile().getType())
        .as("container seccompProfile")
        .isEqualTo("RuntimeDefault");
  }

  private static void resources(ResourceRequirements r) {
    assertThat(r).as("resources").isNotNull();
    assertThat(r.getRequests()).as("resource requests").containsKeys("cpu", "memory");
    assertThat(r.getLimits()).as("resource limits").containsKeys("cpu", "memory");
    for (String resource : List.of("cpu", "memory")) {
      Quantity request = r.getRequests().get(resource);
      Quantity limit = r.getLimits().get(resource);
      assertThat(request.getNumericalAmount())
          .as("%s request %s is not above its limit %s", resource, request, limit)
          .isLessThanOrEqualTo(limit.getNumericalAmount());
    }
  }

  /** The root filesystem is read-only: /tmp is an emptyDir, and only records may be written. */
  private static void writablePaths(Installation i) {
    Volume tmp = i.volumeMountedAt("/tmp");
    assertThat(tmp.getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
    Optional<String> recordsDirectory =
        i.flag("--records").filter(r -> !r.equals("-")).map(r -> i.mountHolding(r).getMountPath());
    for (VolumeMount m : i.container().getVolumeMounts()) {
      boolean writableAllowed =
          m.getMountPath().equals("/tmp") || recordsDirectory.equals(Optional.of(m.getMountPath()));
      if (!writableAllowed) {
        assertThat(m.getReadOnly()).as("volume mount %s is read-only", m.getMountPath()).isTrue();
      }
    }
  }

  private static void probes(Installation i) {
    Container c = i.container();
    httpsProbe(c, c.getLivenessProbe(), "/healthz", "livenessProbe");
    httpsProbe(c, c.getReadinessProbe(), "/readyz", "readinessProbe");
    if (c.getStartupProbe() != null) {
      httpsProbe(c, c.getStartupProbe(), "/healthz", "startupProbe");
    }
  }

  private static void httpsProbe(Container c, Probe p, String path, String what) {
    assertThat(p).as(what).isNotNull();
    assertThat(p.getHttpGet()).as(what + ".httpGet").isNotNull();
    assertThat(p.getHttpGet().getPath()).as(what + " path").isEqualTo(path);
    assertThat(p.getHttpGet().getScheme()).as(what + " scheme").isEqualTo("HTTPS");
    assertThat(resolvePort(c, p.getHttpGet().getPort()).getName())
        .as(what + " port")
        .isEqualTo("https");
  }

  private static void spreadOverNodes(Installation i) {
    PodSpec pod = i.deployment().getSpec().getTemplate().getSpec();
    Map<String, String> labels = podLabels(i);
    boolean spread =
        pod.getTopologySpreadConstraints().stream()
            .anyMatch(
                t ->
                    t.getTopologyKey().equals("kubernetes.io/hostname")
                        && selects(t.getLabelSelector(), labels));
    boolean antiAffinity =
        pod.getAffinity() != null
            && pod.getAffinity().getPodAntiAffinity() != null
            && pod
                .getAffinity()
                .getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution()
                .stream()
                .anyMatch(
                    w ->
                        w.getPodAffinityTerm().getTopologyKey().equals("kubernetes.io/hostname")
                            && selects(w.getPodAffinityTerm().getLabelSelector(), labels));
    assertThat(spread || antiAffinity)
        .as("webhook pods are spread over nodes (topology spread or anti-affinity on their labels)")
        .isTrue();
  }

  static void service(Installation i) {
    Service s = i.service();
    assertThat(s.getSpec().getSelector()).as("Service selector").isNotEmpty();
    assertThat(podLabels(i))
        .as("the Service selects the webhook pods")
        .containsAllEntriesOf(s.getSpec().getSelector());
    ServicePort port = servicePort(i, "https");
    assertThat(resolvePort(i.container(), port.getTargetPort()).getName())
        .as("the Service targets the container's https port")
        .isEqualTo("https");
  }

  static void podDisruptionBudget(Installation i) {
    PodDisruptionBudget pdb = i.one(PodDisruptionBudget.class);
    assertThat(selects(pdb.getSpec().getSelector(), podLabels(i)))
        .as("the PodDisruptionBudget selects the webhook pods")
        .isTrue();
    assertThat(pdb.getSpec().getSelector().getMatchLabels()).isNotEmpty();
    int minAvailable = intValue(pdb.getSpec().getMinAvailable());
    assertThat(minAvailable).as("minAvailable").isGreaterThanOrEqualTo(1);
    assertThat(minAvailable)
        .as("minAvailable below replicas, or no node could ever be drained")
        .isLessThan(i.deployment().getSpec().getReplicas());
  }

  /** The validating webhook, and the mutating one when present: both fail closed. */
  static void webhookConfigurations(Installation i) {
    ValidatingWebhookConfiguration vwc = i.validatingWebhookConfiguration();
    assertThat(vwc.getWebhooks()).as("validating webhooks").isNotEmpty();
    vwc.getWebhooks().forEach(w -> webhook(i, AdmissionWebhook.of(w), "/validate"));
    for (MutatingWebhookConfiguration mwc : i.all(MutatingWebhookConfiguration.class)) {
      assertThat(mwc.getWebhooks()).as("mutating webhooks").isNotEmpty();
      mwc.getWebhooks().forEach(w -> webhook(i, AdmissionWebhook.of(w), "/mutate"));
    }
  }

  static void webhook(Installation i, AdmissionWebhook w, String path) {
    String what = "webhook " + w.name();
    assertThat(w.failurePolicy()).as(what + " failurePolicy").isEqualTo("Fail");
    assertThat(w.sideEffects()).as(what + " sideEffects").isEqualTo("None");
    assertThat(w.admissionReviewVersions())
        .as(what + " admissionReviewVersions")
        .containsExactly("v1");
    assertThat(w.timeoutSeconds()).as(what + " timeoutSeconds").isNotNull().isBetween(1, 30);
    assertThat(i.deadline())
        .as(what + ": the server's --deadline is below timeoutSeconds")
        .isLessThan(java.time.Duration.ofSeconds(w.timeoutSeconds()));

    assertThat(w.clientConfig().getUrl()).as(what + " reaches the webhook by URL").isNull();
    ServiceReference ref = w.clientConfig().getService();
    assertThat(ref).as(what + " clientConfig.service").isNotNull();
    Service s = i.service();
    assertThat(ref.getName()).as(what + " Service name").isEqualTo(s.getMetadata().getName());
    assertThat(ref.getNamespace())
        .as(what + " Service namespace")
        .isEqualTo(s.getMetadata().getNamespace());
    assertThat(ref.getPath()).as(what + " path").isEqualTo(path);
    assertThat(ref.getPort()).as(what + " port").isEqualTo(servicePort(i, "https").getPort());

    namespaceSelector(i, w);
    objectSelector(w);
    rules(w);
  }

  /**
   * Only namespaces named by the API-server-managed name label are left out, and they are exactly
   * the ones the server excludes too: every other namespace is checked.
   */
  private static void namespaceSelector(Installation i, AdmissionWebhook w) {
    LabelSelector sel = w.namespaceSelector();
    assertThat(sel).as("namespaceSelector").isNotNull();
    assertThat(sel.getMatchLabels())
        .as("namespaceSelector matchLabels (an opt-in would leave new namespaces unchecked)")
        .isEmpty();
    Set<String> excluded = new LinkedHashSet<>();
    for (LabelSelectorRequirement r : sel.getMatchExpressions()) {
      assertThat(r.getKey()).as("namespaceSelector key").isEqualTo(METADATA_NAME_LABEL);
      assertThat(r.getOperator()).as("namespaceSelector operator").isEqualTo("NotIn");
      excluded.addAll(r.getValues());
    }
    assertThat(excluded).as("excluded namespaces").contains("kube-system", i.namespace());
    assertThat(Set.copyOf(i.flagValues("--exclude-namespace")))
        .as("--exclude-namespace flags match the namespaceSelector")
        .isEqualTo(excluded);
  }

  /** An object selector may only exempt labelled objects; it may never require an opt-in. */
  private static void objectSelector(AdmissionWebhook w) {
    LabelSelector sel = w.objectSelector();
    if (sel == null) {
      return;
    }
    assertThat(sel.getMatchLabels()).as("objectSelector matchLabels").isEmpty();
    for (LabelSelectorRequirement r : sel.getMatchExpressions()) {
      assertThat(r.getOperator()).as("objectSelector operator").isIn("NotIn", "DoesNotExist");
    }
  }

  private static void rules(AdmissionWebhook w) {
    for (GroupVersionResource gvr : ADMITTED) {
      for (String operation : List.of("CREATE", "UPDATE")) {
        boolean covered = w.rules().stream().anyMatch(r -> covers(r, gvr, operation));
        assertThat(covered).as("webhook %s intercepts %s of %s", w.name(), operation, gvr).isTrue();
      }
    }
  }

  private static boolean covers(RuleWithOperations r, GroupVersionResource gvr, String operation) {
    return matches(r.getApiGroups(), gvr.group())
        && matches(r.getApiVersions(), gvr.version())
        && matches(r.getResources(), gvr.resource())
        && matches(r.getOperations(), operation)
        && (r.getScope() == null || List.of("*", "Namespaced").contains(r.getScope()));
  }

  private static boolean matches(List<String> values, String value) {
    return values.contains(value) || values.contains("*");
  }

  /** Every policy file in the mounted ConfigMap compiles with verifier-core. */
  static void policies(Installation i) {
    String dir = i.flag("--policies").orElseThrow();
    Volume v = i.volume(i.mountHolding(dir).getName());
    assertThat(v.getConfigMap()).as("--policies %s comes from a ConfigMap", dir).isNotNull();
    ConfigMap cm = i.configMap(v.getConfigMap().getName());
    Map<String, String> files = cm.getData();
    assertThat(files).as("policy files in ConfigMap %s", cm.getMetadata().getName()).isNotEmpty();
    int policies = 0;
    for (Map.Entry<String, String> f : files.entrySet()) {
      assertThat(f.getKey()).as("policy file name").matches(".*\\.ya?ml");
      Path base = Path.of(System.getProperty("java.io.tmpdir"));
      PolicySet set = PolicySet.parse(f.getKey(), f.getValue(), base);
      policies += set.policies().size();
    }
    assertThat(policies).as("compiled policies").isPositive();
  }

  /** The trust roots the webhook is pointed at load as Sigstore trusted roots. */
  static List<TrustRoot> trustRoots(Installation i) {
    Optional<String> dir = i.flag("--trust-roots");
    if (dir.isEmpty()) {
      return List.of();
    }
    Volume v = i.volume(i.mountHolding(dir.get()).getName());
    Map<String, String> files;
    if (v.getConfigMap() != null) {
      Optional<ConfigMap> cm =
          i.all(ConfigMap.class).stream()
              .filter(c -> c.getMetadata().getName().equals(v.getConfigMap().getName()))
              .findFirst();
      if (cm.isEmpty()) {
        return List.of(); // an existing ConfigMap outside this installation
      }
      files = cm.get().getData();
    } else {
      assertThat(v.getSecret()).as("--trust-roots from a ConfigMap or Secret").isNotNull();
      return List.of();
    }
    assertThat(files).as("trust root files").isNotEmpty();
    List<TrustRoot> roots = new ArrayList<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      assertThat(f.getKey()).as("trust root file name").endsWith(".json");
      String name = f.getKey().substring(0, f.getKey().length() - ".json".length());
      roots.add(
          TrustRoots.fromJson(name, f.getValue().getBytes(StandardCharsets.UTF_8), f.getKey()));
    }
    return roots;
  }

  /**
   * The service account exists when created here; the Kubernetes API is reachable only when
   * pre-warming or Events need it, and RBAC grants exactly that.
   */
  static void serviceAccountAndRbac(Installation i) {
    PodSpec pod = i.deployment().getSpec().getTemplate().getSpec();
    String account = pod.getServiceAccountName();
    List<ServiceAccount> accounts = i.all(ServiceAccount.class);
    accounts.forEach(
        a -> assertThat(a.getMetadata().getName()).as("ServiceAccount").isEqualTo(account));
    boolean prewarm = i.hasSwitch("--prewarm-running-pods");
    boolean events = i.hasSwitch("--events");
    boolean needsApi = prewarm || events;
    assertThat(pod.getAutomountServiceAccountToken())
        .as("automountServiceAccountToken only when the Kubernetes API is used")
        .isEqualTo(needsApi);
    accounts.forEach(
        a ->
            assertThat(a.getAutomountServiceAccountToken())
                .as("ServiceAccount automountServiceAccountToken")
                .isEqualTo(needsApi));

    assertThat(i.all(Role.class)).as("namespaced Roles").isEmpty();
    assertThat(i.all(RoleBinding.class)).as("namespaced RoleBindings").isEmpty();
    Set<String> granted = new LinkedHashSet<>();
    for (ClusterRoleBinding b : i.all(ClusterRoleBinding.class)) {
      assertThat(b.getSubjects())
          .as("ClusterRoleBinding %s subjects", b.getMetadata().getName())
          .allSatisfy(
              s -> {
                assertThat(s.getKind()).isEqualTo("ServiceAccount");
                assertThat(s.getName()).isEqualTo(account);
                assertThat(s.getNamespace()).isEqualTo(i.namespace());
              });
      ClusterRole role =
          i.all(ClusterRole.class).stream()
              .filter(r -> r.getMetadata().getName().equals(b.getRoleRef().getName()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("binding to a missing ClusterRole"));
      for (PolicyRule rule : role.getRules()) {
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            for (String verb : rule.getVerbs()) {
              granted.add(group + "/" + resource + ":" + verb);
            }
          }
        }
      }
    }
    Set<String> expected = new LinkedHashSet<>();
    if (prewarm) {
      expected.addAll(List.of("/pods:get", "/pods:list", "/pods:watch"));
    }
    if (events) {
      expected.addAll(List.of("/events:create", "events.k8s.io/events:create"));
    }
    assertThat(granted).as("permissions granted to the webhook").isEqualTo(expected);
    assertThat(i.all(ClusterRole.class).size())
        .as("every ClusterRole is bound")
        .isEqualTo(i.all(ClusterRoleBinding.class).size());
  }

  /**
   * Self-signed TLS: every webhook entry trusts the CA in caBundle, and that CA signed the serving
   * certificate, which names the Service as the API server calls it.
   */
  static void caBundleTrusts(Installation i, X509Certificate servingCertificate) {
    assertThat(Certificates.dnsNames(servingCertificate))
        .as("serving certificate names")
        .contains(i.serviceHost());
    for (AdmissionWebhook w : allWebhooks(i)) {
      String bundle = w.clientConfig().getCaBundle();
      assertThat(bundle).as("webhook %s caBundle", w.name()).isNotBlank();
      X509Certificate ca = Certificates.parse(Certificates.decodeBase64(bundle));
      assertThat(Certificates.issuedBy(servingCertificate, ca))
          .as("the caBundle of %s signed the serving certificate", w.name())
          .isTrue();
    }
    for (HasMetadata config : webhookConfigurationObjects(i)) {
      assertThat(config.getMetadata().getAnnotations())
          .as("%s has no cert-manager injection", config.getKind())
          .doesNotContainKey(INJECT_CA);
    }
  }

  /**
   * cert-manager TLS: the webhook configurations ask cert-manager to inject the CA of a Certificate
   * that covers the Service name and is stored in the Secret the pods mount.
   */
  static void certManagerTls(Installation i) {
    String tlsSecret =
        i.volume(i.mountHolding(i.flag("--tls-cert").orElseThrow()).getName())
            .getSecret()
            .getSecretName();
    Set<String> injectFrom = new LinkedHashSet<>();
    for (HasMetadata config : webhookConfigurationObjects(i)) {
      assertThat(config.getMetadata().getAnnotations())
          .as("%s annotations", config.getKind())
          .containsKey(INJECT_CA);
      injectFrom.add(config.getMetadata().getAnnotations().get(INJECT_CA));
    }
    for (AdmissionWebhook w : allWebhooks(i)) {
      assertThat(w.clientConfig().getCaBundle())
          .as("webhook %s caBundle is left to cert-manager", w.name())
          .isNullOrEmpty();
    }
    assertThat(injectFrom).as("one Certificate for every webhook configuration").hasSize(1);
    String[] ref = injectFrom.iterator().next().split("/", 2);
    assertThat(ref).as("inject-ca-from is <namespace>/<certificate>").hasSize(2);
    assertThat(ref[0]).as("Certificate namespace").isEqualTo(i.namespace());
    GenericKubernetesResource cert =
        i.custom("cert-manager.io/v1", "Certificate").stream()
            .filter(c -> c.getMetadata().getName().equals(ref[1]))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Certificate " + ref[1]));
    assertThat(cert.getMetadata().getNamespace()).isEqualTo(i.namespace());
    assertThat((String) cert.get("spec", "secretName"))
        .as("the Certificate's Secret is the one the pods mount")
        .isEqualTo(tlsSecret);
    List<String> dnsNames = cert.get("spec", "dnsNames");
    assertThat(dnsNames).as("Certificate dnsNames").contains(i.serviceHost());
    String issuerKind = Objects.requireNonNullElse(cert.get("spec", "issuerRef", "kind"), "Issuer");
    String issuerName = cert.get("spec", "issuerRef", "name");
    assertThat(issuerName).as("issuerRef.name").isNotBlank();
    if (issuerKind.equals("Issuer")) {
      assertThat(
              i.custom("cert-manager.io/v1", "Issuer").stream()
                  .anyMatch(
                      is ->
                          is.getMetadata().getName().equals(issuerName)
                              && i.namespace().equals(is.getMetadata().getNamespace())))
          .as("the Issuer %s is part of the installation", issuerName)
          .isTrue();
    }
  }

  /** Prometheus Operator scrapes GET /metrics over HTTPS through the webhook Service. */
  static void serviceMonitor(Installation i) {
    List<GenericKubernetesResource> monitors =
        i.custom("monitoring.coreos.com/v1", "ServiceMonitor");
    assertThat(monitors).as("ServiceMonitors").hasSize(1);
    GenericKubernetesResource m = monitors.get(0);
    assertThat(m.getMetadata().getNamespace()).isEqualTo(i.namespace());
    Map<String, String> matchLabels = m.get("spec", "selector", "matchLabels");
    assertThat(matchLabels).as("ServiceMonitor selector").isNotEmpty();
    assertThat(i.service().getMetadata().getLabels())
        .as("the ServiceMonitor selects the webhook Service")
        .containsAllEntriesOf(matchLabels);
    List<Map<String, Object>> endpoints = m.get("spec", "endpoints");
    assertThat(endpoints).as("ServiceMonitor endpoints").hasSize(1);
    Map<String, Object> e = endpoints.get(0);
    assertThat(e).containsEntry("path", "/metrics").containsEntry("scheme", "https");
    assertThat(e.get("port")).as("endpoint port").isEqualTo(servicePort(i, "https").getName());
    assertThat((String) GenericKubernetesResource.get(e, "tlsConfig", "serverName"))
        .as("TLS server name")
        .isEqualTo(i.serviceHost());
  }

  /** Traffic to the pods is allowed on the webhook port. */
  static void networkPolicy(Installation i) {
    NetworkPolicy np = i.one(NetworkPolicy.class);
    assertThat(selects(np.getSpec().getPodSelector(), podLabels(i)))
        .as("the NetworkPolicy applies to the webhook pods")
        .isTrue();
    assertThat(np.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
    int port = containerPort(i.container(), "https").getContainerPort();
    boolean admitted =
        np.getSpec().getIngress().stream()
            .flatMap(r -> r.getPorts().stream())
            .map(NetworkPolicyPort::getPort)
            .anyMatch(p -> p != null && Objects.equals(p.getIntVal(), port));
    assertThat(admitted).as("ingress allows the webhook port %s", port).isTrue();
    boolean dns =
        np.getSpec().getEgress().stream()
            .flatMap(r -> r.getPorts().stream())
            .anyMatch(p -> p.getPort() != null && Objects.equals(p.getPort().getIntVal(), 53));
    assertThat(dns).as("egress allows DNS").isTrue();
  }

  static List<AdmissionWebhook> allWebhooks(Installation i) {
    List<AdmissionWebhook> all = new ArrayList<>();
    i.all(ValidatingWebhookConfiguration.class)
        .forEach(c -> c.getWebhooks().forEach(w -> all.add(AdmissionWebhook.of(w))));
    i.all(MutatingWebhookConfiguration.class)
        .forEach(c -> c.getWebhooks().forEach(w -> all.add(AdmissionWebhook.of(w))));
    return all;
  }

  private static List<HasMetadata> webhookConfigurationObjects(Installation i) {
    List<HasMetadata> all = new ArrayList<>(i.all(ValidatingWebhookConfiguration.class));
    all.addAll(i.all(MutatingWebhookConfiguration.class));
    return all;
  }

  static Map<String, String> podLabels(Installation i) {
    return i.deployment().getSpec().getTemplate().getMetadata().getLabels();
  }

  /** Whether a label selector (matchLabels and matchExpressions) selects the given labels. */
  static boolean selects(LabelSelector sel, Map<String, String> labels) {
    if (sel == null || (sel.getMatchLabels().isEmpty() && sel.getMatchExpressions().isEmpty())) {
      return false; // an empty selector is not a statement about these pods
    }
    if (!labels.entrySet().containsAll(sel.getMatchLabels().entrySet())) {
      return false;
    }
    for (LabelSelectorRequirement r : sel.getMatchExpressions()) {
      String value = labels.get(r.getKey());
      boolean ok =
          switch (r.getOperator()) {
            case "In" -> value != null && r.getValues().contains(value);
            case "NotIn" -> value == null || !r.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new AssertionError("unknown selector operator " + r.getOperator());
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static ServicePort servicePort(Installation i, String name) {
    return i.service().getSpec().getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the Service has no port named " + name));
  }

  static ContainerPort containerPort(Container c, String name) {
    return c.getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the container has no port named " + name));
  }

  /** The container port a Service targetPort or probe port refers to, by name or number. */
  static ContainerPort resolvePort(Container c, IntOrString port) {
    assertThat(port).as("port").isNotNull();
    return c.getPorts().stream()
        .filter(
            p ->
                port.getStrVal() != null
                    ? port.getStrVal().equals(p.getName())
                    : Objects.equals(port.getIntVal(), p.getContainerPort()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container port " + port));
  }

  private static int intValue(IntOrString v) {
    if (v == null || v.getIntVal() == null) {
      return fail("expected a number, found " + v);
    }
    return v.getIntVal();
  }

  /** The shipped public-good trusted root, for comparing copies of it. */
  static String shippedPublicGoodRoot() {
    Path file =
        DeployFiles.projectRoot()
            .resolve("trust-roots/src/main/resources/dev/countersign/trust-roots/public-good")
            .resolve("trusted_root.json");
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }

  static Set<String> names(List<? extends HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).collect(Collectors.toSet());
  }
}
