package dev.countersign.report.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.cli.Main;
import dev.countersign.report.example.ExampleEstate;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running-image inventory through fabric8 against its mock API server in CRUD mode: container,
 * init and ephemeral container statuses, the spellings of {@code imageID}, finished pods left out,
 * pods not started yet taken from their spec, and a packet built from it through the CLI.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesInventoryTest {
  static final String REGISTRY = "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/";
  static final String LOCAL_ID =
      "sha256:0d2e5b1f4c3a69870d2e5b1f4c3a69870d2e5b1f4c3a69870d2e5b1f4c3a6987";

  KubernetesClient client;

  @TempDir Path tmp;
  Path estate;
  Map<String, String> digests;

  @BeforeEach
  void cluster() throws IOException {
    estate = tmp.resolve("estate");
    ExampleEstate.extract(estate);
    // the digests of the example images, so the packet below verifies real evidence
    digests =
        Files.readAllLines(estate.resolve("inventory.yaml")).stream()
            .filter(l -> l.contains("- image: "))
            .map(l -> l.substring(l.indexOf(REGISTRY) + REGISTRY.length()))
            .distinct()
            .collect(Collectors.toMap(l -> l.split("@")[0], l -> l.split("@")[1]));
    String api = digests.get("prod/api");
    String web = digests.get("prod/web");
    String worker = digests.get("prod/worker");
    create(
        pod("api-7d4b9c5f6-2xkqp", "Running", REGISTRY + "prod/api:v1.4.0")
            .editSpec()
            .addNewInitContainer()
            .withName("migrate")
            .withImage(REGISTRY + "prod/api:v1.4.0")
            .endInitContainer()
            .endSpec()
            .editMetadata()
            .addNewOwnerReference()
            .withApiVersion("apps/v1")
            .withKind("ReplicaSet")
            .withName("api-7d4b9c5f6")
            .withUid("u1")
            .withController(true)
            .endOwnerReference()
            .endMetadata()
            .editStatus()
            .withStartTime("2025-08-25T09:00:00Z")
            .withContainerStatuses(
                status(
                    "c0",
                    REGISTRY + "prod/api:v1.4.0",
                    "docker-pullable://" + REGISTRY + "prod/api@" + api))
            .withInitContainerStatuses(
                status("migrate", REGISTRY + "prod/api:v1.4.0", REGISTRY + "prod/api@" + api))
            .endStatus()
            .build());
    // containerd reports the local image id; the pinned spec names the digest
    create(
        pod("web-5f8d7c9b4-q7t9w", "Running", REGISTRY + "prod/web@" + web)
            .editStatus()
            .withContainerStatuses(status("c0", REGISTRY + "prod/web@" + web, LOCAL_ID))
            .endStatus()
            .build());
    // a tag and only a local id: what runs cannot be named
    create(
        pod("worker-0", "Running", REGISTRY + "prod/worker:latest")
            .editStatus()
            .withContainerStatuses(status("c0", REGISTRY + "prod/worker:latest", LOCAL_ID))
            .endStatus()
            .build());
    // a debugging session added to a running pod
    create(
        pod("web-debug", "Running", REGISTRY + "prod/web@" + web)
            .editSpec()
            .addNewEphemeralContainer()
            .withName("debugger")
            .withImage(REGISTRY + "prod/worker:latest")
            .endEphemeralContainer()
            .endSpec()
            .editStatus()
            .withContainerStatuses(
                status("c0", REGISTRY + "prod/web@" + web, REGISTRY + "prod/web@" + web))
            .withEphemeralContainerStatuses(
                status(
                    "debugger",
                    REGISTRY + "prod/worker:latest",
                    REGISTRY + "prod/worker@" + worker))
            .endStatus()
            .build());
    // finished: runs nothing any more
    create(
        pod("report-job-x", "Succeeded", REGISTRY + "prod/reports:v0.9.3")
            .editStatus()
            .withContainerStatuses(status("c0", REGISTRY + "prod/reports:v0.9.3", LOCAL_ID))
            .endStatus()
            .build());
    // scheduled, no status yet: the pinned spec is what will run
    create(pod("api-pending", "Pending", REGISTRY + "prod/api@" + api).build());
    client
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .resource(
            new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName("countersign")
                .endMetadata()
                .addNewWebhook()
                .withName("validate.countersign.dev")
                .withFailurePolicy("Ignore")
                .withTimeoutSeconds(10)
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .withNewClientConfig()
                .withNewService()
                .withName("countersign-webhook")
                .withNamespace("countersign")
                .endService()
                .endClientConfig()
                .endWebhook()
                .build())
        .create();
  }

  PodBuilder pod(String name, String phase, String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("prod")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c0")
        .withImage(image)
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .endStatus();
  }

  static ContainerStatus status(String name, String image, String imageId) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage(image)
        .withImageID(imageId)
        .withNewState()
        .withNewRunning()
        .withStartedAt("2025-08-25T09:00:20Z")
        .endRunning()
        .endState()
        .build();
  }

  void create(Pod pod) {
    client.pods().inNamespace("prod").resource(pod).create();
  }

  @Test
  void everyContainerIsListedAtTheDigestItRuns() {
    Inventory inventory = Inventory.fromKubernetes(client, "prod-east");
    assertThat(inventory.source()).isEqualTo("kubernetes:prod-east");
    List<String> rows = new ArrayList<>();
    for (RunningImage r : inventory.images()) {
      rows.add(
          r.pod()
              + "/"
              + r.container()
              + " "
              + r.containerType().key()
              + " "
              + r.digestReference().map(d -> d.substring(REGISTRY.length())).orElse("UNRESOLVED"));
      assertThat(r.cluster()).isEqualTo("prod-east");
      assertThat(r.namespace()).isEqualTo("prod");
    }
    String api = "prod/api@" + digests.get("prod/api");
    String web = "prod/web@" + digests.get("prod/web");
    assertThat(rows)
        .containsExactlyInAnyOrder(
            "api-7d4b9c5f6-2xkqp/migrate init " + api,
            "api-7d4b9c5f6-2xkqp/c0 container " + api,
            "web-5f8d7c9b4-q7t9w/c0 container " + web,
            "worker-0/c0 container UNRESOLVED",
            "web-debug/c0 container " + web,
            "web-debug/debugger ephemeral prod/worker@" + digests.get("prod/worker"),
            "api-pending/c0 container " + api);
    RunningImage first =
        inventory.images().stream()
            .filter(r -> r.container().equals("c0"))
            .findFirst()
            .orElseThrow();
    assertThat(first.ownerKind()).isEqualTo("ReplicaSet");
    assertThat(first.ownerName()).isEqualTo("api-7d4b9c5f6");
    assertThat(first.startedAt()).contains(Instant.parse("2025-08-25T09:00:20Z"));
    // the pod list as the API answered it, with its query
    assertThat(inventory.raw()).isNotEmpty();
    assertThat(inventory.raw().get(0).query()).startsWith("GET ").contains("api/v1/pods?limit=500");
    assertThat(new String(inventory.raw().get(0).content())).contains("worker-0", "report-job-x");
    List<RawEvidence> webhooks = Inventory.webhookConfigurations(client, "prod-east");
    assertThat(new String(webhooks.get(0).content()))
        .contains("validate.countersign.dev", "Ignore");
  }

  @Test
  void aPacketFromTheClusterNamesTheUnresolvedContainerAndTheFailOpenWebhook() throws IOException {
    Path kubeconfig = tmp.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        "apiVersion: v1\n"
            + "kind: Config\n"
            + "clusters:\n"
            + "- name: mock\n"
            + "  cluster:\n"
            + "    server: "
            + client.getMasterUrl()
            + "\n"
            + "    insecure-skip-tls-verify: true\n"
            + "contexts:\n"
            + "- name: prod-east\n"
            + "  context: {cluster: mock, user: auditor}\n"
            + "current-context: prod-east\n"
            + "users:\n"
            + "- name: auditor\n"
            + "  user: {token: audit-token}\n");
    Path out = tmp.resolve("packet");
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "packet",
              "--out",
              out.toString(),
              "--kubernetes",
              "--kubeconfig",
              kubeconfig.toString(),
              "--policies",
              estate.resolve("policies").toString(),
              "--trust-roots",
              estate.resolve("trust-roots").toString(),
              "--oci-layouts",
              estate.resolve("oci-layouts").toString(),
              "--from",
              "2025-08-25T00:00:00Z",
              "--to",
              "2025-09-01T00:00:00Z"
            },
            new PrintWriter(o, true),
            new PrintWriter(e, true));
    assertThat(code).as(o + "\n" + e).isZero();
    assertThat(o.toString())
        .contains("packet written", "DIGEST_UNRESOLVED 1", "WEBHOOK_FAILS_OPEN 1");
    ObjectMapper json = new ObjectMapper();
    List<String> sources =
        Files.readAllLines(out.resolve("evidence/inventory/sources/queries.jsonl"));
    JsonNode page = json.readTree(sources.get(0));
    assertThat(page.get("source").asText()).isEqualTo("kubernetes:prod-east");
    assertThat(page.get("query").asText()).contains("/api/v1/pods?limit=500");
    assertThat(Files.exists(out.resolve(page.get("file").asText()))).isTrue();
    String gaps = Files.readString(out.resolve("evidence/gaps/gaps.jsonl"));
    assertThat(gaps).contains("prod-east/prod/worker-0/c0", "countersign/validate.countersign.dev");
    // the running debugger runs the unsigned worker image: no passing verdict
    assertThat(gaps).contains("RUNNING_WITHOUT_PASSING_VERDICT", "prod/worker@");
  }
}
