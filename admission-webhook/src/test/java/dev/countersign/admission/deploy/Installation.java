package dev.countersign.admission.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes objects of one rendered installation (Kustomize or Helm output), parsed with the
 * fabric8 model: known kinds as typed objects, custom resources (cert-manager, Prometheus Operator)
 * as {@link GenericKubernetesResource}.
 */
record Installation(List<HasMetadata> objects) {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s)");

  Installation {
    objects = List.copyOf(objects);
  }

  /** Parses a YAML stream of Kubernetes objects (empty documents are skipped). */
  static Installation parse(String yaml) {
    Object parsed = SERIALIZATION.unmarshal(yaml);
    List<HasMetadata> objects = new ArrayList<>();
    if (parsed instanceof List<?> list) {
      for (Object o : list) {
        objects.add(asObject(o));
      }
    } else if (parsed != null) {
      objects.add(asObject(parsed));
    }
    if (objects.isEmpty()) {
      throw new AssertionError("the rendered output holds no Kubernetes object");
    }
    return new Installation(objects);
  }

  private static HasMetadata asObject(Object o) {
    if (o instanceof HasMetadata h) {
      return h;
    }
    throw new AssertionError("not a Kubernetes object: " + o);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The only object of a type; an assertion error when there is none or more than one. */
  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected exactly one " + type.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }

  /** Custom resources of one kind, e.g. ("monitoring.coreos.com/v1", "ServiceMonitor"). */
  List<GenericKubernetesResource> custom(String apiVersion, String kind) {
    return all(GenericKubernetesResource.class).stream()
        .filter(r -> apiVersion.equals(r.getApiVersion()) && kind.equals(r.getKind()))
        .toList();
  }

  Optional<HasMetadata> find(String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.getKind()) && name.equals(o.getMetadata().getName()))
        .findFirst();
  }

  Deployment deployment() {
    return one(Deployment.class);
  }

  Service service() {
    return one(Service.class);
  }

  ValidatingWebhookConfiguration validatingWebhookConfiguration() {
    return one(ValidatingWebhookConfiguration.class);
  }

  /** The namespace the webhook runs in (its Service's). */
  String namespace() {
    return service().getMetadata().getNamespace();
  }

  /** The DNS name the API server reaches the webhook Service under. */
  String serviceHost() {
    return service().getMetadata().getName() + "." + namespace() + ".svc";
  }

  Container container() {
    List<Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
    if (containers.size() != 1) {
      throw new AssertionError("expected one webhook container, found " + containers.size());
    }
    return containers.get(0);
  }

  List<String> args() {
    return container().getArgs();
  }

  /** Every value of a flag, written either {@code --flag=value} or {@code --flag value}. */
  List<String> flagValues(String flag) {
    List<String> args = args();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith(flag + "=")) {
        values.add(a.substring(flag.length() + 1));
      } else if (a.equals(flag) && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        values.add(args.get(++i));
      }
    }
    return values;
  }

  Optional<String> flag(String flag) {
    List<String> values = flagValues(flag);
    if (values.size() > 1) {
      throw new AssertionError(flag + " is given " + values.size() + " times: " + values);
    }
    return values.stream().findFirst();
  }

  boolean hasSwitch(String flag) {
    return args().contains(flag);
  }

  /** The server's {@code --deadline}, e.g. {@code 8s} or {@code 9500ms}. */
  Duration deadline() {
    String value =
        flag("--deadline").orElseThrow(() -> new AssertionError("no --deadline argument"));
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new AssertionError("--deadline " + value + " is not <n>s or <n>ms");
    }
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
  }

  /** The pod volume mounted at a path of the webhook container. */
  Volume volumeMountedAt(String path) {
    VolumeMount mount =
        container().getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals(path))
            .findFirst()
            .orElseThrow(() -> new AssertionError("nothing is mounted at " + path));
    return volume(mount.getName());
  }

  /** The mount that holds a file path given in an argument. */
  VolumeMount mountHolding(String file) {
    return container().getVolumeMounts().stream()
        .filter(m -> file.equals(m.getMountPath()) || file.startsWith(m.getMountPath() + "/"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(file + " is on no mounted volume"));
  }

  Volume volume(String name) {
    return deployment().getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pod volume named " + name));
  }

  ConfigMap configMap(String name) {
    return all(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ConfigMap named " + name));
  }

  Optional<Secret> secret(String name) {
    return all(Secret.class).stream()
        .filter(s -> s.getMetadata().getName().equals(name))
        .findFirst();
  }
}
