package dev.countersign.admission.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.admission.ActiveVerifier;
import dev.countersign.admission.AdmissionController;
import dev.countersign.admission.AdmissionDecision;
import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.admission.AdmissionRequest;
import dev.countersign.admission.AdmissionSettings;
import dev.countersign.admission.ImageSource;
import dev.countersign.admission.Signed;
import dev.countersign.admission.config.ConfigException;
import dev.countersign.admission.config.VerifierLoader;
import dev.countersign.admission.internal.schedule.Prewarmer;
import dev.countersign.testkit.oci.layout.OciLayout;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.policy.NoMatchAction;
import dev.countersign.verify.verdict.ReasonCode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Informers and Events against fabric8's mock API server (CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class KubernetesIntegrationTest {
  static final String APP = "registry.test/acme/app";

  KubernetesClient client;

  @TempDir Path tmp;

  static Pod pod(String namespace, String name, String phase, String... images) {
    PodBuilder b =
        new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata();
    var spec = b.withNewSpec();
    for (int i = 0; i < images.length; i++) {
      spec = spec.addNewContainer().withName("c" + i).withImage(images[i]).endContainer();
    }
    return spec.endSpec().withNewStatus().withPhase(phase).endStatus().build();
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("condition within 15s").isTrue();
  }

  @Test
  void runningPodsAndNewPodsDeliverTheirImages() throws Exception {
    client
        .pods()
        .inNamespace("apps")
        .resource(pod("apps", "a", "Running", "registry.test/a:1"))
        .create();
    client
        .pods()
        .inNamespace("apps")
        .resource(pod("apps", "done", "Succeeded", "registry.test/old:1"))
        .create();
    client
        .pods()
        .inNamespace("kube-system")
        .resource(pod("kube-system", "dns", "Running", "registry.test/dns:1"))
        .create();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (RunningPodImages watch =
        RunningPodImages.start(client, Set.of("kube-system"), seen::add, 0)) {
      await(watch::hasSynced);
      // An informer closed while its watch is still being opened leaves that WebSocket to the
      // mock API server, whose shutdown then waits for it and fails the test after 10 s.
      await(watch::isWatching);
      await(() -> seen.contains("registry.test/a:1"));
      client
          .pods()
          .inNamespace("web")
          .resource(pod("web", "b", "Pending", "registry.test/b:1", "registry.test/sidecar:2"))
          .create();
      await(() -> seen.contains("registry.test/sidecar:2"));
      assertThat(seen)
          .contains("registry.test/b:1")
          .doesNotContain("registry.test/dns:1", "registry.test/old:1");
    }
  }

  @Test
  void imagesOfRunningPodsArePrewarmedBeforeTheirAdmission() throws Exception {
    Path layout = tmp.resolve("layout");
    OciLayout.write(
        layout, Signed.content(Signed.image(), "signed", APP, List.of(Signed.release())));
    ActiveVerifier v =
        new VerifierLoader(
                Signed.policies(
                    tmp.resolve("p"), Signed.policy("acme", "enforce", "registry.test/**")),
                Optional.of(Signed.trustRoots(tmp.resolve("r"))),
                EvidenceSource.of(OciRegistry.ociLayout(layout)),
                NoMatchAction.DENY,
                Clock.systemUTC())
            .load();
    client
        .pods()
        .inNamespace("apps")
        .resource(pod("apps", "a", "Running", APP + ":signed"))
        .create();
    try (AdmissionController controller =
            AdmissionController.builder(() -> v).settings(AdmissionSettings.defaults()).build();
        Prewarmer prewarmer = new Prewarmer(controller);
        RunningPodImages watch = RunningPodImages.start(client, Set.of(), prewarmer::submit, 0)) {
      await(watch::hasSynced);
      // An informer closed while its watch is still being opened leaves that WebSocket to the
      // mock API server, whose shutdown then waits for it and fails the test after 10 s.
      await(watch::isWatching);
      await(() -> prewarmer.started() == 1);
      assertThat(prewarmer.awaitIdle(15, TimeUnit.SECONDS)).isTrue();
      String review =
          "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
              + "\"uid\":\"u\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},"
              + "\"operation\":\"CREATE\",\"object\":{\"spec\":{\"containers\":[{\"image\":\""
              + APP
              + ":signed\"}]}}}}";
      AdmissionDecision d =
          controller
              .validate(review.getBytes(StandardCharsets.UTF_8))
              .join()
              .decision()
              .orElseThrow();
      assertThat(d.outcome()).isEqualTo(AdmissionOutcome.ALLOW);
      assertThat(d.images().get(0).source()).isEqualTo(ImageSource.CACHED);
      assertThat(controller.verificationsStarted()).isEqualTo(1);
    }
  }

  static AdmissionDecision decision(AdmissionOutcome outcome, boolean dryRun) {
    AdmissionRequest r =
        new AdmissionRequest(
            "admission.k8s.io/v1",
            "uid-1",
            "apps",
            "v1",
            "Deployment",
            "deployments",
            "",
            "apps",
            "web",
            "CREATE",
            "alice",
            List.of(),
            dryRun,
            Optional.of(new ObjectMapper().createObjectNode()));
    String line = "spec.template.spec.containers[0].image: NO_SIGNATURE_FOUND: image x: unsigned";
    return new AdmissionDecision(
        r,
        false,
        outcome,
        outcome == AdmissionOutcome.ALLOW ? ReasonCode.OK : ReasonCode.NO_SIGNATURE_FOUND,
        List.of(),
        outcome == AdmissionOutcome.DENY ? List.of(line) : List.of(),
        outcome == AdmissionOutcome.WARN ? List.of(line) : List.of(),
        Optional.empty(),
        Optional.empty(),
        "sha256:p",
        Map.of(),
        Instant.now(),
        Duration.ofMillis(3));
  }

  @Test
  void denialsAndWarningsBecomeEventsOnTheWorkloadButDryRunsDoNot() throws Exception {
    List<String> problems = new CopyOnWriteArrayList<>();
    try (KubernetesEvents events =
        new KubernetesEvents(
            client,
            Optional.of(
                new ObjectReferenceBuilder()
                    .withApiVersion("v1")
                    .withKind("Pod")
                    .withName("countersign-0")
                    .withNamespace("countersign")
                    .build()),
            Clock.systemUTC(),
            problems::add)) {
      events.onDecision(decision(AdmissionOutcome.DENY, false));
      events.onDecision(decision(AdmissionOutcome.DENY, true));
      events.onDecision(decision(AdmissionOutcome.ALLOW, false));
      events.onDecision(decision(AdmissionOutcome.WARN, false));
      events.refused(new ConfigException("POLICY_INVALID", "p.yaml:3: bad", null));
      assertThat(events.flush(10, TimeUnit.SECONDS)).isTrue();
      assertThat(problems).isEmpty();
      List<Event> inApps = client.v1().events().inNamespace("apps").list().getItems();
      assertThat(inApps)
          .extracting(Event::getReason)
          .containsExactlyInAnyOrder("ImageVerificationDenied", "ImageVerificationWarning");
      Event denied =
          inApps.stream()
              .filter(e -> e.getReason().equals("ImageVerificationDenied"))
              .findFirst()
              .orElseThrow();
      assertThat(denied.getType()).isEqualTo("Warning");
      assertThat(denied.getInvolvedObject().getKind()).isEqualTo("Deployment");
      assertThat(denied.getInvolvedObject().getApiVersion()).isEqualTo("apps/v1");
      assertThat(denied.getInvolvedObject().getName()).isEqualTo("web");
      assertThat(denied.getMessage())
          .startsWith("spec.template.spec.containers[0].image: NO_SIGNATURE_FOUND");
      assertThat(events.posted()).isEqualTo(3);
      List<Event> own = client.v1().events().inNamespace("countersign").list().getItems();
      assertThat(own)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getReason()).isEqualTo("ConfigReloadRefused");
                assertThat(e.getMessage()).startsWith("POLICY_INVALID: p.yaml:3: bad");
                assertThat(e.getInvolvedObject().getName()).isEqualTo("countersign-0");
              });
    }
  }
}
