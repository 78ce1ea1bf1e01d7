package dev.countersign.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.admission.config.VerifierLoader;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.layout.OciLayout;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.policy.NoMatchAction;
import dev.countersign.verify.verdict.ReasonCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admission core over a real verifier: real cosign signatures from a private Sigstore
 * deployment, stored in an OCI layout and read through the verifier's own layout client. A {@link
 * GatedSource} around it counts resolutions (one per verification) and stands in for a slow or
 * broken registry.
 */
class AdmissionControllerTest {
  static final String APP = "registry.test/acme/app";
  static final String WARN = "registry.test/warn/app";

  @TempDir static Path tmp;
  static Path policies;
  static Path roots;
  static EvidenceSource layout;
  static Image signed;
  static Image unsigned;
  static Image otherSigner;

  private final List<AdmissionController> controllers = new ArrayList<>();
  private GatedSource source;

  @BeforeAll
  static void evidence() {
    signed = Signed.image();
    unsigned = Signed.image();
    otherSigner = Signed.image();
    OciContent c =
        Signed.content(signed, "signed", APP, List.of(Signed.release()))
            .plus(Signed.content(unsigned, "unsigned", APP, List.of()))
            .plus(Signed.content(otherSigner, "other", APP, List.of(Signed.other())));
    for (int i = 1; i <= 8; i++) {
      c = c.plus(signed.content("t" + i));
    }
    Path dir = tmp.resolve("layout");
    OciLayout.write(dir, c);
    layout = EvidenceSource.of(OciRegistry.ociLayout(dir));
    policies =
        Signed.policies(
            tmp.resolve("policies"),
            Signed.policy("acme", "enforce", "registry.test/acme/**"),
            Signed.policy("warned", "warn", "registry.test/warn/**"));
    roots = Signed.trustRoots(tmp.resolve("roots"));
  }

  @AfterEach
  void close() {
    if (source != null) {
      source.open();
    }
    controllers.forEach(AdmissionController::close);
  }

  private AdmissionController controller(AdmissionSettings settings) {
    return controller(settings, d -> {});
  }

  private AdmissionController controller(
      AdmissionSettings settings, Consumer<AdmissionDecision> listener) {
    source = new GatedSource(layout);
    ActiveVerifier v =
        new VerifierLoader(
                policies, Optional.of(roots), source, NoMatchAction.DENY, Clock.systemUTC())
            .load();
    AdmissionController c =
        AdmissionController.builder(() -> v)
            .settings(settings)
            .meters(new SimpleMeterRegistry())
            .listener(listener::accept)
            .build();
    controllers.add(c);
    return c;
  }

  private AdmissionController controller() {
    return controller(AdmissionSettings.builder().deadline(Duration.ofSeconds(10)).build());
  }

  static AdmissionReply call(AdmissionController c, ObjectNode review) {
    return c.validate(Reviews.bytes(review)).join();
  }

  static JsonNode response(AdmissionReply r) throws Exception {
    assertThat(r.status()).isEqualTo(200);
    return Reviews.JSON.readTree(r.body()).path("response");
  }

  static AdmissionDecision decision(AdmissionReply r) {
    return r.decision().orElseThrow();
  }

  @Test
  void aSignedImageIsAllowedWithItsDigestAndTheUidEchoed() throws Exception {
    AdmissionController c = controller();
    ObjectNode review = Reviews.podReview(APP + ":signed");
    AdmissionReply r = call(c, review);
    JsonNode response = response(r);
    assertThat(response.path("uid").asText()).isEqualTo(review.at("/request/uid").asText());
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("status")).isFalse();
    assertThat(response.at("/auditAnnotations/decision").asText()).isEqualTo("ALLOW");
    ImageResult image = decision(r).images().get(0);
    assertThat(image.fieldPath()).isEqualTo("spec.containers[0].image");
    assertThat(image.digest()).isEqualTo(signed.digest().toString());
    assertThat(image.outcome()).isEqualTo(AdmissionOutcome.ALLOW);
    assertThat(image.policies()).containsExactly("acme");
    assertThat(image.source()).isEqualTo(ImageSource.VERIFIED);
  }

  @Test
  void anUnsignedImageIsDeniedNamingTheFieldPathAndReason() throws Exception {
    AdmissionController c = controller();
    JsonNode response = response(call(c, Reviews.podReview(APP + ":signed", APP + ":unsigned")));
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/code").asInt()).isEqualTo(403);
    assertThat(response.at("/status/message").asText())
        .startsWith("spec.containers[1].image: NO_SIGNATURE_FOUND: ")
        .contains(APP)
        .doesNotContain("spec.containers[0]");
    assertThat(response.at("/auditAnnotations/reason").asText()).isEqualTo("NO_SIGNATURE_FOUND");
  }

  @Test
  void anotherSignerIsAnIdentityMismatchAtTheTemplatePath() throws Exception {
    AdmissionController c = controller();
    JsonNode response =
        response(call(c, Reviews.review("apps", "Deployment", Reviews.deployment(APP + ":other"))));
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/message").asText())
        .startsWith("spec.template.spec.containers[0].image: IDENTITY_MISMATCH: ")
        .contains("policy 'acme'");
  }

  @Test
  void warnModeAdmitsWithWarnings() throws Exception {
    AdmissionController c = controller();
    AdmissionReply r = call(c, Reviews.podReview(WARN + ":unsigned"));
    JsonNode response = response(r);
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings")).hasSize(1);
    assertThat(response.path("warnings").get(0).asText())
        .startsWith("spec.containers[0].image: NO_SIGNATURE_FOUND: ");
    assertThat(decision(r).outcome()).isEqualTo(AdmissionOutcome.WARN);
  }

  @Test
  void anImageNoPolicyCoversIsDenied() throws Exception {
    AdmissionController c = controller();
    JsonNode response = response(call(c, Reviews.podReview("elsewhere.test/app:signed")));
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/message").asText())
        .startsWith("spec.containers[0].image: NO_MATCHING_POLICY: ");
  }

  @Test
  void imagesAreVerifiedOncePerRequestHoweverOftenTheyAppear() throws Exception {
    AdmissionController c = controller();
    ObjectNode pod = Reviews.pod(APP + ":signed", APP + ":signed", "registry.test/acme/app:signed");
    ((ObjectNode) pod.get("spec"))
        .putArray("initContainers")
        .addObject()
        .put("name", "init")
        .put("image", APP + ":signed");
    AdmissionReply r = call(c, Reviews.review("", "Pod", pod));
    assertThat(response(r).path("allowed").asBoolean()).isTrue();
    assertThat(decision(r).images())
        .extracting(ImageResult::fieldPath)
        .containsExactly(
            "spec.initContainers[0].image",
            "spec.containers[0].image",
            "spec.containers[1].image",
            "spec.containers[2].image");
    assertThat(decision(r).images()).allMatch(i -> i.digest().equals(signed.digest().toString()));
    assertThat(source.resolutions()).isEqualTo(1);
    assertThat(c.verificationsStarted()).isEqualTo(1);
  }

  @Test
  void aSecondRequestIsServedFromTheCache() throws Exception {
    AdmissionController c = controller();
    call(c, Reviews.podReview(APP + ":signed"));
    AdmissionReply again = call(c, Reviews.podReview(APP + ":signed"));
    assertThat(response(again).path("allowed").asBoolean()).isTrue();
    assertThat(decision(again).images().get(0).source()).isEqualTo(ImageSource.CACHED);
    assertThat(source.resolutions()).isEqualTo(1);
  }

  @Test
  void concurrentRequestsShareOneVerification() throws Exception {
    AdmissionController c = controller();
    source.close();
    List<CompletableFuture<AdmissionReply>> replies = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      replies.add(c.validate(Reviews.bytes(Reviews.podReview(APP + ":signed"))));
    }
    awaitWaiting(1);
    source.open();
    List<ImageSource> sources = new ArrayList<>();
    for (CompletableFuture<AdmissionReply> f : replies) {
      AdmissionReply r = f.get(10, TimeUnit.SECONDS);
      assertThat(response(r).path("allowed").asBoolean()).isTrue();
      sources.add(decision(r).images().get(0).source());
    }
    assertThat(source.resolutions()).isEqualTo(1);
    assertThat(sources).containsOnlyOnce(ImageSource.VERIFIED);
    assertThat(sources).filteredOn(s -> s == ImageSource.SHARED).hasSize(5);
  }

  @Test
  void theDeadlineDeniesAndTheVerificationFillsTheCacheInTheBackground() throws Exception {
    AdmissionController c =
        controller(AdmissionSettings.builder().deadline(Duration.ofMillis(400)).build());
    source.close();
    long t0 = System.nanoTime();
    AdmissionReply r = call(c, Reviews.podReview(APP + ":signed"));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    JsonNode response = response(r);
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/message").asText())
        .startsWith("spec.containers[0].image: DEADLINE_EXCEEDED: ");
    assertThat(ms).isBetween(350L, 3000L);
    source.open();
    awaitCached(c, APP + ":signed");
    AdmissionReply retry = call(c, Reviews.podReview(APP + ":signed"));
    assertThat(response(retry).path("allowed").asBoolean()).isTrue();
    assertThat(decision(retry).images().get(0).source()).isEqualTo(ImageSource.CACHED);
    assertThat(source.resolutions()).isEqualTo(1);
  }

  @Test
  void aFullPoolShedsNewImagesAtOnce() throws Exception {
    AdmissionController c =
        controller(
            AdmissionSettings.builder()
                .workers(1)
                .queueCapacity(0)
                .deadline(Duration.ofSeconds(5))
                .build());
    source.close();
    CompletableFuture<AdmissionReply> first =
        c.validate(Reviews.bytes(Reviews.podReview(APP + ":t1")));
    awaitWaiting(1);
    long t0 = System.nanoTime();
    AdmissionReply shed = call(c, Reviews.podReview(APP + ":t2"));
    // Shed, not queued: answered while the only worker is still blocked, and well before the
    // deadline that a queued image would have run into.
    assertThat(first).isNotDone();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5000);
    assertThat(response(shed).at("/status/message").asText())
        .startsWith("spec.containers[0].image: ADMISSION_OVERLOADED: ");
    source.open();
    assertThat(response(first.get(10, TimeUnit.SECONDS)).path("allowed").asBoolean()).isTrue();
    // The shed image was never started, so a retry (once the worker is free) verifies it.
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!c.hasSpareCapacity() && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(response(call(c, Reviews.podReview(APP + ":t2"))).path("allowed").asBoolean())
        .isTrue();
  }

  @Test
  void aQueueLongerThanTheDeadlineShedsAtOnceInsteadOfTimingOut() throws Exception {
    AdmissionController c =
        controller(
            AdmissionSettings.builder()
                .workers(1)
                .queueCapacity(10)
                .deadline(Duration.ofMillis(1700))
                .build());
    source.delay(600);
    // One timed verification teaches the scheduler how long verifications take here.
    assertThat(response(call(c, Reviews.podReview(APP + ":t1"))).path("allowed").asBoolean())
        .isTrue();
    CompletableFuture<AdmissionReply> busy =
        c.validate(Reviews.bytes(Reviews.podReview(APP + ":t2")));
    awaitWaiting(1);
    // Behind it, t3 would start after ~600 ms and end after ~1200 ms: in time. t4 would not.
    CompletableFuture<AdmissionReply> queued =
        c.validate(Reviews.bytes(Reviews.podReview(APP + ":t3")));
    long t0 = System.nanoTime();
    AdmissionReply shed = call(c, Reviews.podReview(APP + ":t4"));
    // Answered before the 1,700 ms deadline it would otherwise have waited for.
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1700);
    assertThat(response(shed).at("/status/message").asText())
        .startsWith("spec.containers[0].image: ADMISSION_OVERLOADED: ")
        .contains("longer than the time left before the deadline");
    assertThat(response(busy.get(10, TimeUnit.SECONDS)).path("allowed").asBoolean()).isTrue();
    assertThat(response(queued.get(10, TimeUnit.SECONDS)).path("allowed").asBoolean()).isTrue();
  }

  @Test
  void tooManyPendingRequestsAreShed() throws Exception {
    AdmissionController c =
        controller(
            AdmissionSettings.builder()
                .maxPendingRequests(1)
                .deadline(Duration.ofSeconds(5))
                .build());
    source.close();
    CompletableFuture<AdmissionReply> first =
        c.validate(Reviews.bytes(Reviews.podReview(APP + ":t3")));
    awaitWaiting(1);
    AdmissionReply shed = call(c, Reviews.podReview(APP + ":t4"));
    assertThat(response(shed).at("/status/message").asText())
        .startsWith("object: ADMISSION_OVERLOADED: ");
    source.open();
    assertThat(response(first.get(10, TimeUnit.SECONDS)).path("allowed").asBoolean()).isTrue();
    assertThat(c.pendingRequests()).isZero();
  }

  @Test
  void aBrokenEvidenceSourceDeniesWithHttp200() throws Exception {
    AdmissionController c = controller();
    source.failWith(() -> new IllegalStateException("evidence source bug"));
    AdmissionReply r = call(c, Reviews.podReview(APP + ":t5"));
    JsonNode response = response(r);
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/message").asText())
        .startsWith("spec.containers[0].image: INTERNAL_ERROR: ")
        .contains("evidence source bug");

    source.failWith(() -> new AssertionError("not even an exception"));
    AdmissionReply error = call(c, Reviews.podReview(APP + ":t6"));
    assertThat(response(error).path("allowed").asBoolean()).isFalse();
    assertThat(response(error).at("/status/message").asText())
        .startsWith("spec.containers[0].image: INTERNAL_ERROR: ")
        .contains("not even an exception");
  }

  @Test
  void anUnreachableRegistryDeniesAndIsCachedOnlyBriefly() throws Exception {
    AdmissionController c =
        controller(AdmissionSettings.builder().errorCacheTtl(Duration.ofMillis(300)).build());
    source.failWith(
        () ->
            new RegistryException(
                RegistryException.Kind.UNAVAILABLE, APP, "connection refused (test)"));
    AdmissionReply r = call(c, Reviews.podReview(APP + ":t7"));
    assertThat(response(r).at("/status/message").asText())
        .startsWith("spec.containers[0].image: REGISTRY_UNAVAILABLE: ");
    assertThat(decision(r).images().get(0).reason().category())
        .isEqualTo(ReasonCode.REGISTRY_UNAVAILABLE);
    source.failWith(null);
    AdmissionReply cached = call(c, Reviews.podReview(APP + ":t7"));
    assertThat(decision(cached).images().get(0).source()).isEqualTo(ImageSource.CACHED);
    assertThat(response(cached).path("allowed").asBoolean()).isFalse();
    Thread.sleep(600);
    AdmissionReply recovered = call(c, Reviews.podReview(APP + ":t7"));
    assertThat(response(recovered).path("allowed").asBoolean()).isTrue();
    assertThat(source.resolutions(APP + ":t7")).isEqualTo(2);
  }

  @Test
  void deletesStatusUpdatesAndExcludedNamespacesAreNotVerified() throws Exception {
    AdmissionController c =
        controller(
            AdmissionSettings.builder()
                .excludeNamespace("kube-system")
                .excludeImage("registry.test/trusted/**")
                .build());
    ObjectNode delete = Reviews.podReview(APP + ":unsigned");
    ((ObjectNode) delete.get("request")).put("operation", "DELETE");
    ObjectNode status = Reviews.podReview(APP + ":unsigned");
    ((ObjectNode) status.get("request")).put("operation", "UPDATE").put("subResource", "status");
    ObjectNode excluded = Reviews.podReview(APP + ":unsigned");
    ((ObjectNode) excluded.get("request")).put("namespace", "kube-system");
    for (ObjectNode review : List.of(delete, status, excluded)) {
      AdmissionReply r = call(c, review);
      assertThat(response(r).path("allowed").asBoolean()).isTrue();
      assertThat(decision(r).skipped()).isPresent();
      assertThat(response(r).at("/auditAnnotations/skipped").asText()).isNotEmpty();
    }
    AdmissionReply trusted = call(c, Reviews.podReview("registry.test/trusted/tool:latest"));
    assertThat(response(trusted).path("allowed").asBoolean()).isTrue();
    assertThat(decision(trusted).images().get(0).source()).isEqualTo(ImageSource.EXCLUDED);
    assertThat(source.resolutions()).isZero();

    // Ephemeral containers arrive as a subresource and are verified.
    ObjectNode debug = Reviews.pod(APP + ":signed");
    ((ObjectNode) debug.get("spec"))
        .putArray("ephemeralContainers")
        .addObject()
        .put("name", "debugger")
        .put("image", APP + ":unsigned");
    ObjectNode ephemeral = Reviews.review("", "Pod", debug);
    ((ObjectNode) ephemeral.get("request"))
        .put("operation", "UPDATE")
        .put("subResource", "ephemeralcontainers");
    JsonNode denied = response(call(c, ephemeral));
    assertThat(denied.path("allowed").asBoolean()).isFalse();
    assertThat(denied.at("/status/message").asText())
        .startsWith("spec.ephemeralContainers[0].image: NO_SIGNATURE_FOUND: ");
  }

  @Test
  void dryRunRequestsAreDecidedTheSameAndMarked() throws Exception {
    List<AdmissionDecision> seen = new ArrayList<>();
    AdmissionController c = controller(AdmissionSettings.builder().build(), d -> seen.add(d));
    ObjectNode review = Reviews.podReview(APP + ":unsigned");
    ((ObjectNode) review.get("request")).put("dryRun", true);
    AdmissionReply r = call(c, review);
    assertThat(response(r).path("allowed").asBoolean()).isFalse();
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).request().dryRun()).isTrue();
  }

  @Test
  void malformedBodiesAre400AndMalformedObjectsAreDenials() throws Exception {
    AdmissionController c = controller();
    assertThat(c.validate("not json".getBytes(StandardCharsets.UTF_8)).join().status())
        .isEqualTo(400);
    assertThat(c.validate(new byte[0]).join().status()).isEqualTo(400);
    ObjectNode noUid = Reviews.podReview(APP + ":signed");
    ((ObjectNode) noUid.get("request")).remove("uid");
    AdmissionReply r = call(c, noUid);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains("ADMISSION_REQUEST_MALFORMED").contains("uid");
    ObjectNode wrongKind = Reviews.podReview(APP + ":signed");
    wrongKind.put("kind", "ConfigMap");
    assertThat(call(c, wrongKind).status()).isEqualTo(400);

    ObjectNode noObject = Reviews.podReview(APP + ":signed");
    ((ObjectNode) noObject.get("request")).remove("object");
    assertThat(response(call(c, noObject)).at("/status/message").asText())
        .startsWith("object: ADMISSION_REQUEST_MALFORMED: ");

    ObjectNode badImage = Reviews.podReview("Not An::Image");
    assertThat(response(call(c, badImage)).at("/status/message").asText())
        .startsWith("spec.containers[0].image: ADMISSION_REQUEST_MALFORMED: ");

    ObjectNode noImage = Reviews.podReview(APP + ":signed");
    ((ObjectNode) noImage.at("/request/object/spec/containers/0")).remove("image");
    assertThat(response(call(c, noImage)).at("/status/message").asText())
        .startsWith(
            "spec.containers[0].image: ADMISSION_REQUEST_MALFORMED: the container has no image");

    ObjectNode noTemplate =
        Reviews.review("apps", "Deployment", Reviews.deployment(APP + ":signed"));
    ((ObjectNode) noTemplate.at("/request/object/spec")).remove("template");
    assertThat(response(call(c, noTemplate)).at("/status/message").asText())
        .startsWith("object: ADMISSION_REQUEST_MALFORMED: no pod spec at /spec/template/spec");
  }

  @Test
  void v1beta1IsAnsweredInV1beta1() throws Exception {
    AdmissionController c = controller();
    ObjectNode review = Reviews.podReview(APP + ":signed");
    review.put("apiVersion", "admission.k8s.io/v1beta1");
    AdmissionReply r = call(c, review);
    JsonNode root = Reviews.JSON.readTree(r.body());
    assertThat(root.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1beta1");
    assertThat(root.path("kind").asText()).isEqualTo("AdmissionReview");
    assertThat(root.at("/response/allowed").asBoolean()).isTrue();
  }

  @Test
  void mutationPinsAllowedTagsToTheirDigests() throws Exception {
    AdmissionController c = controller();
    String pinned = APP + "@" + signed.digest();
    AdmissionReply r =
        c.mutate(
                Reviews.bytes(
                    Reviews.review(
                        "apps", "Deployment", Reviews.deployment(APP + ":signed", pinned))))
            .join();
    JsonNode response = response(r);
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
    JsonNode patch =
        Reviews.JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
    assertThat(patch).hasSize(1);
    assertThat(patch.get(0).path("op").asText()).isEqualTo("replace");
    assertThat(patch.get(0).path("path").asText())
        .isEqualTo("/spec/template/spec/containers/0/image");
    assertThat(patch.get(0).path("value").asText()).isEqualTo(APP + ":signed@" + signed.digest());

    AdmissionReply denied = c.mutate(Reviews.bytes(Reviews.podReview(APP + ":unsigned"))).join();
    assertThat(response(denied).path("allowed").asBoolean()).isFalse();
    assertThat(response(denied).has("patch")).isFalse();

    AdmissionReply validated = call(c, Reviews.podReview(APP + ":signed"));
    assertThat(response(validated).has("patch")).isFalse();
  }

  @Test
  void annotateModeRecordsDigestsWithoutTouchingImages() throws Exception {
    AdmissionController c =
        controller(AdmissionSettings.builder().mutateMode(MutateMode.ANNOTATE).build());
    AdmissionReply r = c.mutate(Reviews.bytes(Reviews.podReview(APP + ":signed"))).join();
    JsonNode patch =
        Reviews.JSON.readTree(Base64.getDecoder().decode(response(r).path("patch").asText()));
    assertThat(patch).hasSize(1);
    assertThat(patch.get(0).path("op").asText()).isEqualTo("add");
    assertThat(patch.get(0).path("path").asText()).isEqualTo("/metadata/annotations");
    String value = patch.get(0).path("value").path(AdmissionController.DIGESTS_ANNOTATION).asText();
    assertThat(Reviews.JSON.readTree(value).path(APP + ":signed").asText())
        .isEqualTo(signed.digest().toString());
    assertThat(patch.toString()).doesNotContain("/containers/");
  }

  @Test
  void aFailingListenerDoesNotChangeTheAnswer() throws Exception {
    AdmissionController c =
        controller(
            AdmissionSettings.builder().build(),
            d -> {
              throw new IllegalStateException("listener bug");
            });
    assertThat(response(call(c, Reviews.podReview(APP + ":signed"))).path("allowed").asBoolean())
        .isTrue();
    AdmissionReply failed =
        c.failClosed(
            Reviews.bytes(Reviews.podReview(APP + ":signed")),
            false,
            new IllegalStateException("adapter"));
    assertThat(response(failed).path("allowed").asBoolean()).isFalse();
    assertThat(response(failed).at("/status/message").asText())
        .startsWith("object: INTERNAL_ERROR: ");
    assertThat(
            c.failClosed(
                    "{".getBytes(StandardCharsets.UTF_8), false, new IllegalStateException("x"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void prewarmingFillsTheCacheForTheFirstAdmission() throws Exception {
    AdmissionController c = controller();
    c.prewarm(APP + ":t8").orElseThrow().get(10, TimeUnit.SECONDS);
    AdmissionReply r = call(c, Reviews.podReview(APP + ":t8"));
    assertThat(decision(r).images().get(0).source()).isEqualTo(ImageSource.CACHED);
    assertThat(c.prewarm("Not An::Image")).isEmpty();
  }

  private void awaitWaiting(int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (source.waiting.get() < n && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(source.waiting.get()).isGreaterThanOrEqualTo(n);
  }

  private static void awaitCached(AdmissionController c, String image) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      var f = c.prewarm(image);
      if (f.isPresent() && f.get().isDone()) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(image + " was never cached");
  }
}
