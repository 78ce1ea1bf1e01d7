package dev.countersign.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.admission.WebhookProcess.Answer;
import dev.countersign.admission.http.TestTlsAccess;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.registry.Fault;
import dev.countersign.testkit.oci.registry.FaultProxy;
import dev.countersign.testkit.oci.registry.RegistryClient;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.verdict.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook as a real process over HTTPS, verifying against a real registry (Debian's
 * docker-registry on 127.0.0.1) and through a fault-injecting proxy in front of it.
 *
 * <p>The corpus requests name images on ghcr.io and Docker Hub, which are not reachable here. The
 * test rewrites every image of every request to the same repository, tag and digest on the local
 * registry ({@code ghcr.io/kubewarden/x:signed} becomes {@code 127.0.0.1:PORT/kubewarden/x:signed},
 * {@code nginx} becomes {@code 127.0.0.1:PORT/library/nginx:latest}), rather than faking DNS, and
 * pushes evidence made with testkit keys that mirrors the upstream settings files:
 *
 * <ul>
 *   <li>{@code settings-mutation-enabled.yaml}: {@code kubewarden/*} images signed with one public
 *       key; {@code :signed} carries a signature by that key (logged in the private Rekor), {@code
 *       :unsigned} none.
 *   <li>{@code settings-keyless-signing.yaml} and {@code settings-pod_signed_with_cert_and_rekor}:
 *       {@code kubewarden/tests/pod-privileged:v0.2.1} signed keyless as {@code flavio@castelli.me}
 *       (issuer {@code https://github.com/login/oauth}) by the private CA.
 * </ul>
 *
 * The "wrong subject" and "wrong certificate chain" settings are then applied by hot reload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookProcessIT {
  static final String OAUTH = "https://github.com/login/oauth";
  static final String FLAVIO = "flavio@castelli.me";
  static final Duration DEADLINE = Duration.ofSeconds(3);
  static final Duration TIMEOUT_SECONDS = Duration.ofSeconds(10);
  static final int WORKERS = 2;

  @TempDir static Path tmp;

  private RegistryProcess registry;
  private FaultProxy proxy;
  private WebhookProcess webhook;
  private Path policies;
  private Path roots;
  private Path corpus;
  private final TestKeyPair key = TestKeyPair.generate(KeyAlgorithm.ECDSA_P256);
  private Image signedImage;
  private Image privilegedImage;
  private String host;
  private int requests;

  @BeforeAll
  void start() throws Exception {
    if (!RegistryProcess.isAvailable() || WebhookProcess.classpath() == null) {
      return;
    }
    registry = RegistryProcess.start();
    proxy = FaultProxy.start(registry.baseUri());
    host = registry.hostPort();
    RegistryClient client = registry.client();

    CosignSigner keyed = CosignSigner.withKey(key).withRekor(Signed.SIGSTORE.rekorV1());
    signedImage = Signed.image();
    Image unsignedImage = Signed.image();
    privilegedImage = Signed.image();
    publish(client, "kubewarden/test-verify-image-signatures", signedImage, "signed", keyed);
    client.push("kubewarden/test-verify-image-signatures", unsignedImage.content("unsigned"));
    publish(
        client,
        "kubewarden/tests/pod-privileged",
        privilegedImage,
        "v0.2.1",
        CosignSigner.keyless(Signed.SIGSTORE, Signed.SIGSTORE.emailIdentity(FLAVIO, OAUTH)));
    client.push("library/nginx", Signed.image().content("latest"));
    client.push("library/init", Signed.image().content("latest"));
    for (String tag : List.of("down", "slow", "limited")) {
      client.push("faults/app", signedImage.content(tag));
    }
    client.push("faults/app", signatures("faults/app", signedImage, keyed));

    policies =
        Signed.policies(tmp.resolve("policies"), keyPolicy(), keylessPolicy(FLAVIO, "private"));
    roots = Signed.trustRoots(tmp.resolve("roots"));
    TestTlsAccess tls = TestTlsAccess.ec();
    Path cert = tls.writeCertificate(tmp.resolve("tls.crt"));
    Path tlsKey = tls.writeKey(tmp.resolve("tls.key"));
    webhook =
        WebhookProcess.start(
            tmp,
            cert,
            "256m",
            List.of(
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--tls-cert",
                cert.toString(),
                "--tls-key",
                tlsKey.toString(),
                "--policies",
                policies.toString(),
                "--trust-roots",
                roots.toString(),
                "--insecure-registry",
                host,
                "--insecure-registry",
                proxy.hostPort(),
                "--deadline",
                DEADLINE.toSeconds() + "s",
                "--workers",
                Integer.toString(WORKERS),
                "--queue",
                "4",
                "--reload-interval",
                "300ms",
                "--error-cache-ttl",
                "1s",
                "--negative-cache-ttl",
                "1s"));
    String dir = System.getProperty("countersign.corpus");
    corpus = dir == null ? null : Path.of(dir, "admission");
  }

  @AfterAll
  void stop() {
    if (webhook != null) {
      webhook.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void needsTheProcess() {
    assumeTrue(RegistryProcess.isAvailable(), RegistryProcess.unavailableReason());
    assumeTrue(
        WebhookProcess.classpath() != null,
        "no webhook runtime classpath (run through Maven's integration-test phase)");
  }

  private static void publish(
      RegistryClient client, String repo, Image image, String tag, CosignSigner signer) {
    client.push(repo, image.content(tag));
    client.push(repo, signatures(repo, image, signer));
  }

  private static dev.countersign.testkit.oci.OciContent signatures(
      String repo, Image image, CosignSigner signer) {
    return CosignManifests.signatures(
        image.digest(), List.of(signer.sign(repo, image.digest(), Signed.SIGNED_AT)));
  }

  private String keyPolicy() {
    String pem = key.publicKeyPem().strip().replace("\n", "\n          ");
    return "apiVersion: policy.countersign.dev/v1alpha1\n"
        + "kind: ImagePolicy\n"
        + "metadata: {name: kubewarden-key}\n"
        + "spec:\n"
        + "  images:\n"
        + "    - glob: \"127.0.0.1:*/kubewarden/test-verify-image-signatures\"\n"
        + "    - glob: \"127.0.0.1:*/faults/**\"\n"
        + "    - glob: \"127.0.0.1:*/load/**\"\n"
        + "  trustRoot: private\n"
        + "  authorities:\n"
        + "    - name: kubewarden-key\n"
        + "      key:\n"
        + "        pem: |\n"
        + "          "
        + pem
        + "\n";
  }

  private static String keylessPolicy(String subject, String trustRoot) {
    return "apiVersion: policy.countersign.dev/v1alpha1\n"
        + "kind: ImagePolicy\n"
        + "metadata: {name: pod-privileged}\n"
        + "spec:\n"
        + "  images: [{glob: \"127.0.0.1:*/kubewarden/tests/**\"}]\n"
        + "  trustRoot: "
        + trustRoot
        + "\n"
        + "  authorities:\n"
        + "    - name: keyless\n"
        + "      keyless:\n"
        + "        identities:\n"
        + "          - issuer: "
        + OAUTH
        + "\n"
        + "            subject: "
        + subject
        + "\n";
  }

  /** Every image field of the object, moved to {@code registryHost} with its repository kept. */
  static String relocate(JsonNode review, String registryHost) {
    ObjectNode copy = review.deepCopy();
    relocateImages(copy.at("/request/object"), registryHost);
    return copy.toString();
  }

  private static void relocateImages(JsonNode node, String registryHost) {
    if (node.isObject()) {
      for (var e : node.properties()) {
        if (e.getKey().endsWith("ontainers") && e.getValue().isArray()) {
          for (JsonNode c : e.getValue()) {
            if (c.path("image").isTextual()) {
              ((ObjectNode) c).put("image", relocated(c.path("image").asText(), registryHost));
            }
          }
        } else {
          relocateImages(e.getValue(), registryHost);
        }
      }
    }
  }

  static String relocated(String image, String registryHost) {
    ImageReference r = ImageReference.parse(image);
    return r.inRepository(registryHost, r.repository()).toString();
  }

  /** The images of a request as index.tsv lists them: {@code list:image} words. */
  record Row(String file, String kind, List<String> images, String expected) {}

  private List<Row> rows() throws Exception {
    assumeTrue(
        corpus != null && Files.isRegularFile(corpus.resolve("index.tsv")),
        "corpus not present: ../shared/corpus/admission/index.tsv does not exist");
    List<String> lines = Files.readAllLines(corpus.resolve("index.tsv"));
    List<String> header = List.of(lines.get(0).split("\t"));
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      rows.add(
          new Row(
              f[header.indexOf("v1_envelope_copy")],
              f[header.indexOf("kind")],
              List.of(f[header.indexOf("images")].split(" ")),
              f[header.indexOf("expected_upstream")]));
    }
    return rows;
  }

  /**
   * What the upstream expectation says for the settings this webhook starts with ({@code
   * settings-mutation-enabled}, {@code settings-keyless-signing}, {@code
   * settings-pod_signed_with_cert_and_rekor}): true allowed, false denied, null no expectation.
   * Rows not in upstream's e2e suite are judged by their name (signed or unsigned), as upstream
   * judges its other kinds.
   */
  static Boolean expectation(Row row) {
    for (String clause : row.expected().split(";")) {
      String c = clause.strip();
      boolean ours =
          c.contains("settings-mutation-enabled.yaml")
              || c.contains("settings-keyless-signing.yaml")
              || c.contains("settings-pod_signed_with_cert_and_rekor.yaml");
      if (ours && c.startsWith("allowed with")) {
        return true;
      }
      if (ours && c.startsWith("denied with")) {
        return false;
      }
    }
    if (row.expected().startsWith("(not in e2e.bats)")) {
      if (row.file().endsWith("_unsigned.json")) {
        return false;
      }
      if (row.file().endsWith("_signed.json")) {
        return true;
      }
    }
    return null;
  }

  static String podSpecPath(String kind) {
    return switch (kind) {
      case "Pod" -> "spec";
      case "CronJob" -> "spec.jobTemplate.spec.template.spec";
      default -> "spec.template.spec";
    };
  }

  private Answer send(String path, String body) throws Exception {
    requests++;
    return webhook.post(path, body);
  }

  private Answer sendCorpus(String file, String path) throws Exception {
    JsonNode review = WebhookProcess.JSON.readTree(Files.readAllBytes(corpus.resolve(file)));
    return send(path, relocate(review, host));
  }

  @Test
  @Order(1)
  void everyCorpusRequestIsAnsweredWithItsImagesAndDecidedAsUpstreamExpects() throws Exception {
    List<Row> rows = rows();
    assertThat(rows).hasSizeGreaterThanOrEqualTo(20);
    int judged = 0;
    for (Row row : rows) {
      JsonNode review =
          WebhookProcess.JSON.readTree(Files.readAllBytes(corpus.resolve(row.file())));
      Answer a = send("/validate", relocate(review, host));
      String what = row.file() + " -> " + a.body();
      assertThat(a.status()).as(what).isEqualTo(200);
      assertThat(a.response().path("uid").asText())
          .as(what)
          .isEqualTo(review.at("/request/uid").asText());
      assertThat(a.elapsed()).as(what).isLessThan(TIMEOUT_SECONDS);

      // Every image of the request, at its field path, is in the answer's audit annotation.
      String images = a.response().at("/auditAnnotations/images").asText();
      int[] counters = new int[3];
      List<String> lists = List.of("initContainers", "containers", "ephemeralContainers");
      for (String entry : row.images()) {
        int colon = entry.indexOf(':');
        String list = entry.substring(0, colon);
        String path =
            podSpecPath(row.kind())
                + "."
                + list
                + "["
                + counters[lists.indexOf(list)]++
                + "].image";
        assertThat(images)
            .as(what)
            .contains(path + "=" + relocated(entry.substring(colon + 1), host));
      }
      assertThat(images.split("; ")).as(what).hasSize(row.images().size());

      Boolean expected = expectation(row);
      if (expected != null) {
        judged++;
        assertThat(a.allowed()).as(what).isEqualTo(expected);
        if (!expected) {
          assertThat(a.message())
              .as(what)
              .startsWith(podSpecPath(row.kind()) + ".containers[0].image: NO_SIGNATURE_FOUND: ");
        }
      } else {
        // No upstream verdict (a digest this registry does not hold, images no policy covers):
        // whatever it is, it is not an unexplained admission.
        assertThat(a.allowed()).as(what).isFalse();
        assertThat(a.reason()).as(what).isIn("IMAGE_NOT_FOUND", "NO_MATCHING_POLICY");
      }
    }
    assertThat(judged).isGreaterThanOrEqualTo(18);
  }

  @Test
  @Order(2)
  void mutationPinsTheVerifiedDigest() throws Exception {
    rows();
    Answer a = sendCorpus("derived-v1-reviews/kubewarden__pod_creation_signed.json", "/mutate");
    assertThat(a.allowed()).as(a.body().toString()).isTrue();
    assertThat(a.response().path("patchType").asText()).isEqualTo("JSONPatch");
    JsonNode patch =
        WebhookProcess.JSON.readTree(
            Base64.getDecoder().decode(a.response().path("patch").asText()));
    assertThat(patch.get(0).path("path").asText()).isEqualTo("/spec/containers/0/image");
    assertThat(patch.get(0).path("value").asText())
        .isEqualTo(
            host + "/kubewarden/test-verify-image-signatures:signed@" + signedImage.digest());
    Answer denied =
        sendCorpus("derived-v1-reviews/kubewarden__pod_creation_unsigned.json", "/mutate");
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.response().has("patch")).isFalse();
  }

  private String faultReview(String tag) {
    return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
        + "\"uid\":\"fault-"
        + tag
        + "-"
        + System.nanoTime()
        + "\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},"
        + "\"namespace\":\"apps\",\"operation\":\"CREATE\",\"object\":{\"spec\":{\"containers\":"
        + "[{\"name\":\"a\",\"image\":\""
        + proxy.hostPort()
        + "/faults/app:"
        + tag
        + "\"}]}}}}";
  }

  private void assertRegistryFault(Answer a, String expectedReason) {
    String what = a.body().toString();
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.allowed()).as(what).isFalse();
    assertThat(a.reason()).as(what).isEqualTo(expectedReason);
    assertThat(ReasonCode.valueOf(a.reason()).category())
        .isEqualTo(ReasonCode.REGISTRY_UNAVAILABLE);
    assertThat(a.message())
        .as(what)
        .startsWith("spec.containers[0].image: " + expectedReason + ": ");
    // Decided by the registry client's own limits, before the admission deadline.
    assertThat(a.elapsed()).as(what).isLessThan(DEADLINE.plusMillis(500));
  }

  @Test
  @Order(3)
  void registryFaultsDenyWithRegistryUnavailableWithinTheDeadline() throws Exception {
    proxy.stopListening();
    try {
      assertRegistryFault(send("/validate", faultReview("down")), "REGISTRY_UNAVAILABLE");
    } finally {
      proxy.resumeListening();
    }
    proxy.inject("/v2/faults/app/manifests/slow", Fault.delay(Duration.ofSeconds(20)));
    assertRegistryFault(send("/validate", faultReview("slow")), "REGISTRY_TIMEOUT");
    proxy.inject("/v2/faults/app/manifests/limited", Fault.tooManyRequests(Duration.ofSeconds(30)));
    assertRegistryFault(send("/validate", faultReview("limited")), "REGISTRY_RATE_LIMITED");

    // Recovery: once the registry answers and the short error cache has expired, the same images
    // are verified and admitted.
    proxy.clearFaults();
    Thread.sleep(1500);
    for (String tag : List.of("down", "slow", "limited")) {
      Answer a = send("/validate", faultReview(tag));
      assertThat(a.allowed()).as(a.body().toString()).isTrue();
    }
  }

  private String loadReview(String tag) {
    return faultReview(tag).replace("/faults/app:", "/load/app:");
  }

  @Test
  @Order(4)
  void aBurstAtTenTimesTheSustainableLoadIsAnsweredWithinTimeoutSeconds() throws Exception {
    // Every registry round trip of the load repository takes 150 ms, so a verification costs
    // a handful of them; distinct tags are distinct cache keys, so each request verifies anew.
    int burst = 200;
    RegistryClient client = registry.client();
    for (int i = 0; i <= burst + 1; i++) {
      client.push("load/app", signedImage.content("b" + i));
    }
    client.push(
        "load/app",
        signatures(
            "load/app",
            signedImage,
            CosignSigner.withKey(key).withRekor(Signed.SIGSTORE.rekorV1())));
    proxy.inject("/v2/load/.*", Fault.delay(Duration.ofMillis(150)));

    // Sustainable load: what the workers get through, one verification each.
    Answer probe = send("/validate", loadReview("b0"));
    assertThat(probe.allowed()).as(probe.body().toString()).isTrue();
    double perVerification = probe.elapsed().toMillis() / 1000.0;
    double sustainable = WORKERS / perVerification;
    double rate = 10 * sustainable;
    int count = (int) Math.min(burst, Math.ceil(rate * 4));
    long intervalNanos = (long) (1e9 / rate);

    List<CompletableFuture<Answer>> answers = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 1; i <= count; i++) {
      long due = t0 + (i - 1) * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      requests++;
      answers.add(webhook.postAsync("/validate", loadReview("b" + i)));
    }
    Map<String, Integer> outcomes = new TreeMap<>();
    Duration slowest = Duration.ZERO;
    for (CompletableFuture<Answer> f : answers) {
      Answer a = f.get(60, TimeUnit.SECONDS);
      assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
      assertThat(a.response().path("uid").asText()).startsWith("fault-");
      slowest = a.elapsed().compareTo(slowest) > 0 ? a.elapsed() : slowest;
      String outcome = a.allowed() ? "ALLOWED" : a.reason();
      outcomes.merge(outcome, 1, Integer::sum);
      assertThat(outcome)
          .as(a.body().toString())
          .isIn("ALLOWED", "ADMISSION_OVERLOADED", "DEADLINE_EXCEEDED");
    }
    System.out.printf(
        "burst: %d requests at %.1f/s (10 x sustainable %.2f/s, one verification %.2fs):"
            + " %s, slowest answer %d ms%n",
        count, rate, sustainable, perVerification, outcomes, slowest.toMillis());
    // Every request answered, explicitly, well inside the API server's timeoutSeconds.
    assertThat(slowest).as(outcomes.toString()).isLessThan(TIMEOUT_SECONDS);
    assertThat(outcomes.getOrDefault("ALLOWED", 0)).as(outcomes.toString()).isPositive();
    assertThat(
            outcomes.getOrDefault("ADMISSION_OVERLOADED", 0)
                + outcomes.getOrDefault("DEADLINE_EXCEEDED", 0))
        .as(outcomes.toString())
        .isPositive();
    assertThat(webhook.isAlive()).isTrue();

    // Recovery: when the burst has drained, a new image is verified and admitted promptly.
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (webhook.get("/readyz").at("/detail/pendingRequests").asInt() > 0
        && System.nanoTime() < end) {
      Thread.sleep(100);
    }
    Thread.sleep(2 * DEADLINE.toMillis());
    proxy.clearFaults();
    Answer after = send("/validate", loadReview("b" + (burst + 1)));
    assertThat(after.allowed()).as(after.body().toString()).isTrue();
    assertThat(after.elapsed()).isLessThan(DEADLINE);
    String metrics = webhook.get("/metrics").asText();
    assertThat(metrics)
        .contains(
            "countersign_admission_decisions_total{endpoint=\"validate\",reason=\"ADMISSION_OVERLOADED\",result=\"deny\"}")
        .contains("countersign_admission_shed_total{level=\"image\"}")
        .contains(
            "countersign_registry_requests_total{operation=\"manifest\",registry=\""
                + proxy.hostPort()
                + "\",status=\"2xx\"}")
        .contains("countersign_admission_duration_seconds_bucket{stage=\"verify\"")
        .contains("countersign_verification_duration_seconds_count{outcome=\"allow\"}")
        .contains("jvm_memory_used_bytes");
    assertThat(webhook.stderr()).doesNotContain("OutOfMemoryError");
  }

  private String readyRevision() throws Exception {
    return webhook.get("/readyz").at("/detail/policyRevision").asText();
  }

  private void awaitReload(String before) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (readyRevision().equals(before) && System.nanoTime() < end) {
      Thread.sleep(100);
    }
    assertThat(readyRevision()).as("policy revision after reload").isNotEqualTo(before);
  }

  @Test
  @Order(5)
  void hotReloadAppliesTheOtherUpstreamSettingsAndRefusesBrokenOnes() throws Exception {
    rows();
    String keyless = "derived-v1-reviews/kubewarden__pod_creation_signed_with_keyless_mode.json";
    String withCertificate =
        "derived-v1-reviews/kubewarden__pod_creation_signed_with_certificate.json";
    Thread.sleep(1100);
    assertThat(sendCorpus(keyless, "/validate").allowed()).isTrue();

    // settings-keyless-signing-wrong-subject.yaml: denied.
    String before = readyRevision();
    Files.writeString(
        policies.resolve("policy-1.yaml"), keylessPolicy("kubewarden@cncf.io", "private"));
    awaitReload(before);
    Answer wrongSubject = sendCorpus(keyless, "/validate");
    assertThat(wrongSubject.allowed()).isFalse();
    assertThat(wrongSubject.message()).startsWith("spec.containers[0].image: IDENTITY_MISMATCH: ");

    // settings-cert-verification-wrong-cert-chain.yaml: another CA's chain. Upstream refuses the
    // settings; here the policy loads and every signature fails the chain check.
    before = readyRevision();
    TestSigstore otherCa = TestSigstore.create(Instant.now().minus(Duration.ofDays(2)));
    Files.writeString(roots.resolve("other.json"), otherCa.trustedRootJson());
    Files.writeString(policies.resolve("policy-1.yaml"), keylessPolicy(FLAVIO, "other"));
    awaitReload(before);
    Answer wrongChain = sendCorpus(withCertificate, "/validate");
    assertThat(wrongChain.allowed()).as(wrongChain.body().toString()).isFalse();
    assertThat(wrongChain.reason())
        .isIn("CERT_CHAIN_INVALID", "TLOG_UNTRUSTED", "TRUST_ROOT_UNKNOWN");

    // A broken file is refused: the previous policies keep deciding, and the refusal shows.
    before = readyRevision();
    Files.writeString(policies.resolve("policy-1.yaml"), "apiVersion: [broken\n");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    JsonNode ready = webhook.get("/readyz");
    while (!ready.at("/detail/lastReloadFailure").isTextual() && System.nanoTime() < end) {
      Thread.sleep(100);
      ready = webhook.get("/readyz");
    }
    assertThat(ready.at("/detail/lastReloadFailure").asText()).startsWith("POLICY_INVALID: ");
    assertThat(ready.at("/detail/policyRevision").asText()).isEqualTo(before);
    assertThat(webhook.get("/metrics").asText())
        .contains("countersign_config_reload_failures_total 1.0");
    assertThat(sendCorpus(withCertificate, "/validate").allowed()).isFalse();

    // Fixed: the original settings again.
    Files.writeString(policies.resolve("policy-1.yaml"), keylessPolicy(FLAVIO, "private"));
    awaitReload(before);
    Thread.sleep(1100);
    assertThat(sendCorpus(withCertificate, "/validate").allowed()).isTrue();

    // One JSON log line per decision, naming its uid.
    long decisions =
        webhook.log().stream().filter(l -> l.path("msg").asText().equals("admission")).count();
    assertThat(decisions).isEqualTo(requests);
    Set<String> levels = Set.of("info", "warn", "error");
    assertThat(webhook.log()).allMatch(l -> levels.contains(l.path("level").asText()));
    assertThat(Files.readString(tmp.resolve("webhook.stdout"), StandardCharsets.UTF_8))
        .contains(
            "\"msg\":\"configuration reload refused; the previous configuration stays in force\"");
  }
}
