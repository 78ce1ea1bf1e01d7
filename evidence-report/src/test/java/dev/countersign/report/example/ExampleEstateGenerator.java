package dev.countersign.report.example;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.admission.records.DecisionLog;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.admission.records.DecisionRecord;
import dev.countersign.admission.records.ImageDecision;
import dev.countersign.admission.records.PolicyOutcome;
import dev.countersign.report.aws.EcrCollection;
import dev.countersign.report.aws.EcrCollector;
import dev.countersign.report.aws.EcrVisitor;
import dev.countersign.report.aws.EvidenceSink;
import dev.countersign.report.aws.SyntheticTrail;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.ca.GithubActionsClaims;
import dev.countersign.testkit.ca.LeafRequest;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.ManifestFormat;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.Predicates;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignAttestation;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.cosign.CosignStatements;
import dev.countersign.testkit.oci.layout.OciLayout;
import dev.countersign.verify.policy.PolicySet;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Makes the example estate shipped in {@code src/main/resources/dev/countersign/report/example/}: a
 * private Sigstore deployment (its trust root), one ImagePolicy (GitHub Actions keyless signature,
 * SLSA provenance and SBOM gates, nothing that expires), five images in per-repository OCI layouts,
 * the pods running them, signed decision records with one admission gap, an ECR snapshot collected
 * by the real {@link EcrCollector} through the AWS SDK from ECR-shaped answers, and CloudTrail
 * trail files with signed digest files.
 *
 * <p>Run once and commit the output: {@code java ... ExampleEstateGenerator
 * evidence-report/src/main/resources/dev/countersign/report/example}. The certificate authority is
 * valid for ten years from {@link #TRUSTED_FROM}, and verification only needs the signing time to
 * be inside it, so the estate keeps verifying with the real clock for years.
 */
public final class ExampleEstateGenerator {
  static final Instant TRUSTED_FROM = Instant.parse("2025-08-01T00:00:00Z");
  static final Instant WINDOW_START = Instant.parse("2025-08-25T00:00:00Z");
  static final Instant WINDOW_END = Instant.parse("2025-09-01T00:00:00Z");
  static final String ACCOUNT = "123456789012";
  static final String REGION = "us-gov-west-1";
  static final String REGISTRY = ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com";
  static final String ORG = "example-defense";
  static final String CLUSTER = "prod-east";
  static final String CI_ROLE = "github-actions-ecr-push";
  static final String LOG4J_OK = "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.2";
  static final String LOG4J_BAD = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1";
  static final String LEFT_PAD = "pkg:npm/left-pad@1.3.0";
  static final String CVE_MITIGATED = "CVE-2099-0001";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  /** One image of the estate and how it was made. */
  record App(
      String repository,
      String tag,
      String signerRepository,
      boolean signed,
      List<String> purls,
      boolean critical,
      boolean vex,
      Instant pushed,
      Image image) {
    String reference() {
      return REGISTRY + "/" + repository + "@" + image.digest();
    }

    String digest() {
      return image.digest().toString();
    }
  }

  private final Path out;
  private static String rootRevision = "";
  private final Random random = new Random(20250825L);
  private final RandomImages images = RandomImages.seeded(20250825L);
  private final List<String> files = new ArrayList<>();

  ExampleEstateGenerator(Path out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: ExampleEstateGenerator OUTPUT_DIR");
      System.exit(2);
    }
    new ExampleEstateGenerator(Path.of(args[0])).generate();
  }

  void generate() throws Exception {
    if (Files.exists(out)) {
      try (Stream<Path> s = Files.walk(out)) {
        s.sorted(Comparator.reverseOrder())
            .filter(p -> !p.equals(out))
            .forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(out);
    TestSigstore sigstore = TestSigstore.create(TRUSTED_FROM);
    write(
        "trust-roots/example-corp.json",
        sigstore.trustedRootJson().getBytes(StandardCharsets.UTF_8));
    write("policies/prod-release.yaml", policy().getBytes(StandardCharsets.UTF_8));
    PolicySet policies = PolicySet.load(out.resolve("policies"));

    List<App> apps =
        List.of(
            app(
                "prod/api",
                "v1.4.0",
                ORG + "/api",
                true,
                List.of(LOG4J_OK, LEFT_PAD),
                false,
                false,
                "02:10"),
            app("prod/web", "v2.0.1", ORG + "/web", true, List.of(LEFT_PAD), true, true, "02:40"),
            app(
                "prod/reports",
                "v0.9.3",
                ORG + "/reports",
                true,
                List.of(LOG4J_BAD),
                false,
                false,
                "03:15"),
            app(
                "prod/worker",
                "latest",
                ORG + "/worker",
                false,
                List.of(LEFT_PAD),
                false,
                false,
                "04:05"),
            app(
                "prod/billing",
                "v3.1.0",
                "jdoe/billing",
                true,
                List.of(LEFT_PAD),
                false,
                false,
                "05:30"));
    for (App a : apps) {
      layout(sigstore, a);
    }
    inventory(apps);
    decisionLog(
        apps,
        policies.revision(),
        dev.countersign.verify.trust.TrustRoots.fromFile(
                "example-corp", out.resolve("trust-roots/example-corp.json"))
            .revision());
    webhookConfiguration();
    ecrSnapshot(apps);
    trail(apps);
    estate();
    write(
        "ESTATE.txt",
        ("Example estate for `countersign packet --example`: a synthetic organisation with five\n"
                + "images in Amazon ECR (GovCloud), a private Sigstore deployment, a Kubernetes cluster\n"
                + "running three of them behind the Countersign admission webhook, and CloudTrail.\n"
                + "All data is made up; the signatures, digests and chains in it are real.\n")
            .getBytes(StandardCharsets.UTF_8));
    files.sort(null);
    Files.writeString(out.resolve(ExampleEstate.FILE_LIST), String.join("\n", files) + "\n");
  }

  private App app(
      String repository,
      String tag,
      String signer,
      boolean signed,
      List<String> purls,
      boolean critical,
      boolean vex,
      String pushedAt) {
    Image image = images.image(Platform.LINUX_AMD64, 1, ManifestFormat.OCI);
    return new App(
        repository,
        tag,
        signer,
        signed,
        purls,
        critical,
        vex,
        Instant.parse("2025-08-25T" + pushedAt + ":00Z"),
        image);
  }

  private String policy() {
    return "# Production images in Amazon ECR (GovCloud), built and signed by GitHub Actions\n"
        + "# release workflows of the example-defense organisation, with SLSA provenance and a\n"
        + "# CycloneDX SBOM. No time-based gate: the example keeps verifying.\n"
        + "apiVersion: policy.countersign.dev/v1alpha1\n"
        + "kind: ImagePolicy\n"
        + "metadata:\n"
        + "  name: prod-release\n"
        + "spec:\n"
        + "  mode: enforce\n"
        + "  images:\n"
        + "    - glob: \""
        + REGISTRY
        + "/prod/**\"\n"
        + "  trustRoot: example-corp\n"
        + "  authorities:\n"
        + "    - name: release-workflow\n"
        + "      keyless:\n"
        + "        identities:\n"
        + "          - issuer: https://token.actions.githubusercontent.com\n"
        + "            subjectRegExp: '^https://github\\.com/example-defense/(api|web|reports|worker|billing)/\\.github/workflows/release\\.yml@refs/tags/v[0-9]+\\.[0-9]+\\.[0-9]+$'\n"
        + "  attestations:\n"
        + "    - name: provenance\n"
        + "      predicateType: https://slsa.dev/provenance/v1\n"
        + "      slsa:\n"
        + "        sourceRepositoryRegExp: '^github\\.com/example-defense/(api|web|reports|worker|billing)$'\n"
        + "        minimumLevel: 2\n"
        + "    - name: sbom\n"
        + "      predicateType: https://cyclonedx.org/bom\n"
        + "      sbom:\n"
        + "        deniedPurls:\n"
        + "          - \"pkg:maven/org.apache.logging.log4j/log4j-core@vers:maven/>=2.0.0|<2.17.1\"\n"
        + "        failOnSeverity: critical\n"
        + "        requireSubjectMatch: true\n";
  }

  private void layout(TestSigstore sigstore, App a) throws IOException {
    String ref = REGISTRY + "/" + a.repository();
    String gitRef = "refs/tags/" + (a.tag().startsWith("v") ? a.tag() : "v1.0.0");
    String sha = String.format("%040x", new java.math.BigInteger(64, random));
    OciContent content = a.image().content(a.tag());
    if (a.signed()) {
      GithubActionsClaims claims =
          GithubActionsClaims.of(
              a.signerRepository(), ".github/workflows/release.yml", gitRef, sha);
      CosignSigner signer =
          CosignSigner.keyless(
              sigstore, LeafRequest.forGithubActions(claims).withSct(sigstore.ctLog()));
      Instant signed = a.pushed().plusSeconds(40);
      List<CosignAttestation> attestations = new ArrayList<>();
      attestations.add(
          signer.attest(
              CosignStatements.forImageV1(
                  ref,
                  a.image().digest(),
                  Predicates.SLSA_PROVENANCE_V1,
                  Predicates.slsaProvenanceV1(
                      "https://github.com/actions/runner/github-hosted",
                      a.signerRepository(),
                      ".github/workflows/release.yml",
                      gitRef,
                      sha)),
              signed));
      attestations.add(
          signer.attest(
              CosignStatements.forImageV1(
                  ref, a.image().digest(), Predicates.CYCLONEDX, bom(a, ref, signed)),
              signed));
      if (a.vex()) {
        attestations.add(
            signer.attest(
                CosignStatements.forImageV1(
                    ref, a.image().digest(), "https://openvex.dev/ns/v0.2.0", vex(signed)),
                signed));
      }
      content =
          content
              .plus(
                  CosignManifests.signatures(
                      a.image().digest(), List.of(signer.sign(ref, a.image().digest(), signed))))
              .plus(CosignManifests.attestations(a.image().digest(), attestations));
    }
    Path dir = out.resolve("oci-layouts").resolve(a.repository());
    OciLayout.write(dir, content);
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile)
          .forEach(p -> files.add(out.relativize(p).toString().replace('\\', '/')));
    }
  }

  private static ObjectNode bom(App a, String name, Instant when) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode bom = f.objectNode();
    bom.put("bomFormat", "CycloneDX");
    bom.put("specVersion", "1.5");
    bom.put(
        "serialNumber",
        "urn:uuid:" + UUID.nameUUIDFromBytes(a.repository().getBytes(StandardCharsets.UTF_8)));
    bom.put("version", 1);
    ObjectNode metadata = bom.putObject("metadata");
    metadata.put("timestamp", when.toString());
    ObjectNode component = metadata.putObject("component");
    component.put("type", "container");
    component.put("bom-ref", "image");
    component.put("name", name);
    component.put("version", a.digest());
    ArrayNode components = bom.putArray("components");
    for (int i = 0; i < a.purls().size(); i++) {
      String purl = a.purls().get(i);
      ObjectNode c = components.addObject();
      c.put("type", "library");
      c.put("bom-ref", "c" + i);
      String tail = purl.substring(purl.lastIndexOf('/') + 1);
      c.put("name", tail.substring(0, tail.indexOf('@')));
      c.put("version", tail.substring(tail.indexOf('@') + 1));
      c.put("purl", purl);
    }
    if (a.critical()) {
      ObjectNode v = bom.putArray("vulnerabilities").addObject();
      v.put("bom-ref", "v1");
      v.put("id", CVE_MITIGATED);
      v.putArray("ratings").addObject().put("severity", "critical");
      v.putArray("affects").addObject().put("ref", "c" + a.purls().indexOf(LEFT_PAD));
    }
    return bom;
  }

  private static ObjectNode vex(Instant when) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("@context", "https://openvex.dev/ns/v0.2.0");
    doc.put("@id", "https://example-defense.example/vex/2099-0001");
    doc.put("author", "Example Defense product security");
    doc.put("timestamp", when.toString());
    doc.put("version", 1);
    ObjectNode st = doc.putArray("statements").addObject();
    st.putObject("vulnerability").put("name", CVE_MITIGATED);
    st.putArray("products").addObject().put("@id", LEFT_PAD);
    st.put("status", "not_affected");
    st.put("justification", "vulnerable_code_not_in_execute_path");
    return doc;
  }

  private void inventory(List<App> apps) throws IOException {
    App api = apps.get(0);
    App web = apps.get(1);
    App worker = apps.get(3);
    StringBuilder y = new StringBuilder();
    y.append("schema: countersign.dev/inventory/v1\n");
    y.append("cluster: ").append(CLUSTER).append('\n');
    y.append("items:\n");
    item(
        y,
        api,
        "api-7d4b9c5f6-2xkqp",
        "migrate",
        "init",
        "ReplicaSet/api-7d4b9c5f6",
        "2025-08-25T09:00:12Z");
    item(
        y,
        api,
        "api-7d4b9c5f6-2xkqp",
        "api",
        "container",
        "ReplicaSet/api-7d4b9c5f6",
        "2025-08-25T09:00:20Z");
    item(
        y,
        api,
        "api-7d4b9c5f6-h8r2m",
        "migrate",
        "init",
        "ReplicaSet/api-7d4b9c5f6",
        "2025-08-25T09:00:13Z");
    item(
        y,
        api,
        "api-7d4b9c5f6-h8r2m",
        "api",
        "container",
        "ReplicaSet/api-7d4b9c5f6",
        "2025-08-25T09:00:21Z");
    item(
        y,
        web,
        "web-5f8d7c9b4-q7t9w",
        "web",
        "container",
        "ReplicaSet/web-5f8d7c9b4",
        "2025-08-25T09:40:05Z");
    item(
        y, worker, "worker-0", "worker", "container", "StatefulSet/worker", "2025-08-28T22:10:00Z");
    write("inventory.yaml", y.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void item(
      StringBuilder y,
      App a,
      String pod,
      String container,
      String type,
      String owner,
      String started) {
    y.append("  - image: ").append(a.reference()).append('\n');
    y.append("    namespace: prod\n");
    y.append("    pod: ").append(pod).append('\n');
    y.append("    container: ").append(container).append('\n');
    y.append("    containerType: ").append(type).append('\n');
    y.append("    owner: ").append(owner).append('\n');
    y.append("    startedAt: ").append(started).append('\n');
  }

  /** A clock the generator moves, so each line's time is the decision's. */
  private static final class SetClock extends Clock {
    Instant now = WINDOW_START;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private void decisionLog(List<App> apps, String policyRevision, String rootRevision)
      throws IOException {
    ExampleEstateGenerator.rootRevision = rootRevision;
    KeyPair key = DecisionLogKeys.generateEd25519();
    Path dir = Files.createDirectories(out.resolve("decision-logs"));
    DecisionLogKeys.writePublicKey(dir.resolve("decision-log.pub"), key.getPublic());
    files.add("decision-logs/decision-log.pub");
    App api = apps.get(0);
    App web = apps.get(1);
    App reports = apps.get(2);
    App billing = apps.get(4);
    SetClock clock = new SetClock();
    Path file = dir.resolve("decisions-2025-08-25.jsonl");
    try (DecisionLog log = DecisionLog.builder(key.getPrivate()).clock(clock).open(file)) {
      record(
          log,
          clock,
          "2025-08-25T08:59:50Z",
          "Deployment",
          "apps",
          "api",
          "CREATE",
          api,
          true,
          policyRevision,
          "OK");
      record(
          log,
          clock,
          "2025-08-25T09:00:05Z",
          "Pod",
          "",
          "api-7d4b9c5f6-2xkqp",
          "CREATE",
          api,
          true,
          policyRevision,
          "OK");
      record(
          log,
          clock,
          "2025-08-25T09:00:06Z",
          "Pod",
          "",
          "api-7d4b9c5f6-h8r2m",
          "CREATE",
          api,
          true,
          policyRevision,
          "OK");
      record(
          log,
          clock,
          "2025-08-25T09:39:58Z",
          "Deployment",
          "apps",
          "web",
          "CREATE",
          web,
          true,
          policyRevision,
          "OK");
      record(
          log,
          clock,
          "2025-08-25T09:40:01Z",
          "Pod",
          "",
          "web-5f8d7c9b4-q7t9w",
          "CREATE",
          web,
          true,
          policyRevision,
          "OK");
      record(
          log,
          clock,
          "2025-08-25T10:12:00Z",
          "Deployment",
          "apps",
          "reports",
          "CREATE",
          reports,
          false,
          policyRevision,
          "SBOM_DENIED_COMPONENT");
      record(
          log,
          clock,
          "2025-08-25T11:05:00Z",
          "Deployment",
          "apps",
          "billing",
          "CREATE",
          billing,
          false,
          policyRevision,
          "IDENTITY_MISMATCH");
      // Routine re-admissions (scale events) every few hours, then the webhook goes silent for
      // 32 hours on 2025-08-28: the worker pod that runs now was created in that time.
      Instant t = Instant.parse("2025-08-25T20:00:00Z");
      int n = 0;
      while (t.isBefore(Instant.parse("2025-08-28T06:00:01Z"))) {
        App a = n % 2 == 0 ? api : web;
        record(
            log,
            clock,
            t.toString(),
            "Pod",
            "",
            (n % 2 == 0 ? "api-7d4b9c5f6-" : "web-5f8d7c9b4-") + "r" + n,
            "UPDATE",
            a,
            true,
            policyRevision,
            "OK");
        t = t.plus(Duration.ofHours(10));
        n++;
      }
      t = Instant.parse("2025-08-29T14:00:00Z");
      while (t.isBefore(Instant.parse("2025-08-31T20:00:01Z"))) {
        App a = n % 2 == 0 ? api : web;
        record(
            log,
            clock,
            t.toString(),
            "Pod",
            "",
            (n % 2 == 0 ? "api-7d4b9c5f6-" : "web-5f8d7c9b4-") + "r" + n,
            "UPDATE",
            a,
            true,
            policyRevision,
            "OK");
        t = t.plus(Duration.ofHours(10));
        n++;
      }
      clock.now = Instant.parse("2025-08-31T23:30:00Z");
    }
    files.add("decision-logs/decisions-2025-08-25.jsonl");
  }

  private static void record(
      DecisionLog log,
      SetClock clock,
      String time,
      String kind,
      String group,
      String name,
      String operation,
      App a,
      boolean allowed,
      String policyRevision,
      String reason) {
    Instant at = Instant.parse(time);
    clock.now = at;
    String field =
        kind.equals("Pod") ? "spec.containers[0].image" : "spec.template.spec.containers[0].image";
    String image = REGISTRY + "/" + a.repository() + ":" + a.tag();
    AdmissionOutcome outcome = allowed ? AdmissionOutcome.ALLOW : AdmissionOutcome.DENY;
    String message =
        allowed ? "" : field + ": " + reason + ": policy 'prod-release' denied the image";
    ImageDecision d =
        new ImageDecision(
            field,
            image,
            a.digest(),
            outcome,
            List.of(reason),
            List.of(
                new PolicyOutcome(
                    "prod-release", "ENFORCE", allowed ? "PASS" : "FAIL", reason, "example-corp")),
            message);
    DecisionRecord.Builder b =
        DecisionRecord.builder()
            .time(at)
            .uid(UUID.nameUUIDFromBytes((time + name).getBytes(StandardCharsets.UTF_8)).toString())
            .namespace("prod")
            .kind(group, "v1", kind)
            .name(name)
            .operation(operation)
            .user(
                kind.equals("Pod")
                    ? "system:serviceaccount:kube-system:replicaset-controller"
                    : "system:serviceaccount:argocd:argocd-application-controller",
                List.of("system:serviceaccounts", "system:authenticated"))
            .decision(outcome)
            .image(d)
            .policyRevision(policyRevision)
            .trustRootRevision("example-corp", ExampleEstateGenerator.rootRevision)
            .webhook("countersign-webhook-6b9f8c7d5-k2m4x", "0.1.0");
    if (!allowed) {
      b.message(message);
    }
    log.append(b.build());
  }

  private void webhookConfiguration() throws IOException {
    String yaml =
        "apiVersion: admissionregistration.k8s.io/v1\n"
            + "kind: ValidatingWebhookConfiguration\n"
            + "metadata:\n"
            + "  name: countersign\n"
            + "webhooks:\n"
            + "  - name: validate.countersign.dev\n"
            + "    admissionReviewVersions: [v1]\n"
            + "    sideEffects: None\n"
            + "    failurePolicy: Fail\n"
            + "    timeoutSeconds: 10\n"
            + "    clientConfig:\n"
            + "      service: {name: countersign-webhook, namespace: countersign, path: /validate}\n"
            + "    namespaceSelector:\n"
            + "      matchExpressions:\n"
            + "        - {key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system, countersign]}\n"
            + "    rules:\n"
            + "      - apiGroups: [\"\", apps, batch]\n"
            + "        apiVersions: [v1]\n"
            + "        operations: [CREATE, UPDATE]\n"
            + "        resources: [pods, deployments, replicasets, statefulsets, daemonsets, jobs, cronjobs]\n";
    write("webhook-configuration.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  // --- ECR: the real collector through the AWS SDK against answers shaped as ECR documents ---

  private void ecrSnapshot(List<App> apps) throws IOException {
    WireMockServer ecr = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    ecr.start();
    try {
      ObjectNode scanning = JSON.createObjectNode();
      scanning.put("registryId", ACCOUNT);
      ObjectNode conf = scanning.putObject("scanningConfiguration");
      conf.put("scanType", "ENHANCED");
      ObjectNode rule = conf.putArray("rules").addObject();
      rule.put("scanFrequency", "CONTINUOUS_SCAN");
      rule.putArray("repositoryFilters")
          .addObject()
          .put("filter", "prod/*")
          .put("filterType", "WILDCARD");
      stub(ecr, call("GetRegistryScanningConfiguration"), 200, scanning);

      ObjectNode repos = JSON.createObjectNode();
      ArrayNode list = repos.putArray("repositories");
      for (App a : apps) {
        ObjectNode r = list.addObject();
        r.put(
            "repositoryArn",
            "arn:aws-us-gov:ecr:" + REGION + ":" + ACCOUNT + ":repository/" + a.repository());
        r.put("registryId", ACCOUNT);
        r.put("repositoryName", a.repository());
        r.put("repositoryUri", REGISTRY + "/" + a.repository());
        r.put("createdAt", Instant.parse("2024-11-04T15:00:00Z").getEpochSecond() + 0.5);
        r.put("imageTagMutability", a.repository().equals("prod/worker") ? "MUTABLE" : "IMMUTABLE");
        r.putObject("imageScanningConfiguration").put("scanOnPush", true);
        r.putObject("encryptionConfiguration")
            .put("encryptionType", "KMS")
            .put(
                "kmsKey",
                "arn:aws-us-gov:kms:"
                    + REGION
                    + ":"
                    + ACCOUNT
                    + ":key/5e1c2a7b-3d4f-4a6b-9c8d-0e1f2a3b4c5d");
      }
      stub(ecr, call("DescribeRepositories"), 200, repos);

      ObjectNode noPolicy = JSON.createObjectNode();
      noPolicy.put("__type", "RepositoryPolicyNotFoundException");
      noPolicy.put(
          "message",
          "Repository policy does not exist for the repository in the registry with id '"
              + ACCOUNT
              + "'");
      stub(ecr, call("GetRepositoryPolicy"), 400, noPolicy);
      ObjectNode policy = JSON.createObjectNode();
      policy.put("registryId", ACCOUNT);
      policy.put("repositoryName", "prod/api");
      policy.put(
          "policyText",
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowPullFromEksNodes\",\"Effect\":\"Allow\","
              + "\"Principal\":{\"AWS\":\"arn:aws-us-gov:iam::"
              + ACCOUNT
              + ":role/eks-node\"},"
              + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchCheckLayerAvailability\"]}]}");
      stub(
          ecr,
          call("GetRepositoryPolicy")
              .withRequestBody(matchingJsonPath("$.repositoryName", equalTo("prod/api"))),
          200,
          policy);

      Map<String, List<String[]>> findings = new LinkedHashMap<>();
      findings.put(
          "prod/api",
          List.<String[]>of(
              new String[] {"CVE-2025-21502", "MEDIUM", "openjdk-17-jre", "2025-08-25T03:00:00Z"}));
      findings.put(
          "prod/web",
          List.<String[]>of(
              new String[] {CVE_MITIGATED, "CRITICAL", "left-pad", "2025-08-25T03:00:00Z"}));
      findings.put(
          "prod/reports",
          List.<String[]>of(
              new String[] {"CVE-2021-44228", "CRITICAL", "log4j-core", "2025-08-25T03:30:00Z"}));
      findings.put(
          "prod/worker",
          List.<String[]>of(
              new String[] {"CVE-2025-0665", "HIGH", "curl", "2025-07-18T06:00:00Z"}));
      findings.put("prod/billing", List.of());
      for (App a : apps) {
        List<String[]> fs = findings.get(a.repository());
        ObjectNode images = JSON.createObjectNode();
        ObjectNode d = images.putArray("imageDetails").addObject();
        d.put("registryId", ACCOUNT);
        d.put("repositoryName", a.repository());
        d.put("imageDigest", a.digest());
        d.put("imageSizeInBytes", 28_311_552L + a.repository().length() * 4096L);
        d.put("imagePushedAt", a.pushed().getEpochSecond());
        d.put("imageManifestMediaType", "application/vnd.oci.image.manifest.v1+json");
        d.put("artifactMediaType", "application/vnd.oci.image.config.v1+json");
        d.putArray("imageTags").add(a.tag());
        d.putObject("imageScanStatus")
            .put("status", "ACTIVE")
            .put("description", "Continuous scan is selected for image.");
        ObjectNode summary = d.putObject("imageScanFindingsSummary");
        Instant scanned = Instant.parse("2025-08-31T06:00:00Z");
        summary.put("imageScanCompletedAt", scanned.getEpochSecond());
        summary.put("vulnerabilitySourceUpdatedAt", scanned.minusSeconds(3600).getEpochSecond());
        ObjectNode counts = summary.putObject("findingSeverityCounts");
        fs.forEach(f -> counts.put(f[1], 1));
        d.put("lastRecordedPullTime", Instant.parse("2025-08-31T18:00:00Z").getEpochSecond());
        stub(ecr, images(a.repository()), 200, images);

        ObjectNode body = JSON.createObjectNode();
        body.put("registryId", ACCOUNT);
        body.put("repositoryName", a.repository());
        body.putObject("imageId").put("imageDigest", a.digest());
        body.putObject("imageScanStatus")
            .put("status", "ACTIVE")
            .put("description", "Continuous scan is selected for image.");
        ObjectNode isf = body.putObject("imageScanFindings");
        isf.put("imageScanCompletedAt", scanned.getEpochSecond());
        isf.put("vulnerabilitySourceUpdatedAt", scanned.minusSeconds(3600).getEpochSecond());
        ObjectNode c2 = isf.putObject("findingSeverityCounts");
        fs.forEach(f -> c2.put(f[1], 1));
        ArrayNode enhanced = isf.putArray("enhancedFindings");
        for (String[] f : fs) {
          ObjectNode e = enhanced.addObject();
          e.put("awsAccountId", ACCOUNT);
          e.put("description", f[0] + " in " + f[2]);
          e.put(
              "findingArn",
              "arn:aws-us-gov:inspector2:"
                  + REGION
                  + ":"
                  + ACCOUNT
                  + ":finding/"
                  + UUID.nameUUIDFromBytes((a.repository() + f[0]).getBytes(StandardCharsets.UTF_8))
                      .toString()
                      .replace("-", ""));
          e.put("firstObservedAt", Instant.parse(f[3]).getEpochSecond());
          e.put("lastObservedAt", scanned.getEpochSecond());
          ObjectNode v = e.putObject("packageVulnerabilityDetails");
          v.put("source", "NVD");
          v.put("sourceUrl", "https://nvd.nist.gov/vuln/detail/" + f[0]);
          v.put("vulnerabilityId", f[0]);
          v.put("vendorSeverity", f[1]);
          ObjectNode p = v.putArray("vulnerablePackages").addObject();
          p.put("name", f[2]);
          p.put("version", f[2].equals("log4j-core") ? "2.14.1" : "1.0.0");
          p.put(
              "packageManager",
              f[2].equals("log4j-core") ? "JAR" : f[2].equals("left-pad") ? "NPM" : "OS");
          p.put("fixedInVersion", f[2].equals("log4j-core") ? "2.17.1" : "");
          e.put("severity", f[1]);
          e.put("status", "ACTIVE");
          e.put("title", f[0] + " - " + f[2]);
          e.put("type", "PACKAGE_VULNERABILITY");
          e.put("updatedAt", scanned.getEpochSecond());
        }
        stub(ecr, findings(a.digest()), 200, body);
      }

      Path snapshot = out.resolve("aws/ecr-snapshot");
      Clock at = Clock.fixed(Instant.parse("2025-09-01T01:00:00Z"), ZoneOffset.UTC);
      EcrCollection result;
      try (EvidenceSink sink = EvidenceSink.directory(snapshot);
          EcrCollector collector =
              EcrCollector.builder()
                  .region(REGION)
                  .registryId(ACCOUNT)
                  .endpointOverride(URI.create(ecr.baseUrl()))
                  .credentialsProvider(
                      StaticCredentialsProvider.create(
                          AwsBasicCredentials.create("AKIAEXAMPLE", "example")))
                  .clock(at)
                  .evidenceSink(sink)
                  .build()) {
        result = collector.collect(new EcrVisitor() {});
      }
      if (!result.complete()) {
        throw new IllegalStateException(
            "the example ECR collection is incomplete: " + result.problems());
      }
      // The answers came from a local stand-in; the queries name the regional endpoint they model.
      Path index = snapshot.resolve("queries.jsonl");
      String text =
          Files.readString(index)
              .replace(ecr.baseUrl(), "https://api.ecr." + REGION + ".amazonaws.com");
      Files.writeString(index, text);
      try (Stream<Path> s = Files.walk(snapshot)) {
        s.filter(Files::isRegularFile)
            .forEach(p -> files.add(out.relativize(p).toString().replace('\\', '/')));
      }
    } finally {
      ecr.stop();
    }
  }

  private static MappingBuilder call(String operation) {
    return post(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerRegistry_V20150921." + operation));
  }

  private static MappingBuilder images(String repository) {
    return call("DescribeImages")
        .withRequestBody(matchingJsonPath("$.repositoryName", equalTo(repository)));
  }

  private static MappingBuilder findings(String digest) {
    return call("DescribeImageScanFindings")
        .withRequestBody(matchingJsonPath("$.imageId.imageDigest", equalTo(digest)));
  }

  private static void stub(WireMockServer s, MappingBuilder m, int status, JsonNode body)
      throws IOException {
    s.stubFor(
        m.willReturn(
            aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader(
                    "x-amzn-RequestId",
                    UUID.nameUUIDFromBytes(JSON.writeValueAsBytes(body)).toString())
                .withBody(JSON.writeValueAsBytes(body))));
  }

  // --- CloudTrail: trail files and signed digests ---

  private void trail(List<App> apps) throws Exception {
    List<ObjectNode> records = new ArrayList<>();
    for (App a : apps) {
      boolean ci = !a.repository().equals("prod/billing");
      ObjectNode identity =
          ci ? role(CI_ROLE, "GitHubActions-" + (1000 + records.size())) : user("jdoe");
      records.add(putImage(a, identity, a.pushed()));
    }
    App api = apps.get(0);
    App worker = apps.get(3);
    records.add(pull(api, Instant.parse("2025-08-25T09:00:10Z")));
    records.add(pull(apps.get(1), Instant.parse("2025-08-25T09:40:02Z")));
    records.add(pull(worker, Instant.parse("2025-08-28T22:09:40Z")));
    ObjectNode mutability =
        base(
            "PutImageTagMutability",
            role("platform-admin", "alice"),
            Instant.parse("2025-08-27T16:20:00Z"),
            false);
    mutability
        .putObject("requestParameters")
        .put("repositoryName", "prod/worker")
        .put("imageTagMutability", "MUTABLE");
    mutability
        .putObject("responseElements")
        .put("registryId", ACCOUNT)
        .put("repositoryName", "prod/worker")
        .put("imageTagMutability", "MUTABLE");
    records.add(mutability);
    ObjectNode denied =
        base("BatchGetImage", user("contractor-42"), Instant.parse("2025-08-29T13:12:00Z"), true);
    denied.put("errorCode", "AccessDenied");
    denied.put(
        "errorMessage",
        "User: arn:aws-us-gov:iam::"
            + ACCOUNT
            + ":user/contractor-42 is not authorized to perform: ecr:BatchGetImage on resource: arn:aws-us-gov:ecr:"
            + REGION
            + ":"
            + ACCOUNT
            + ":repository/prod/api because no identity-based policy allows the ecr:BatchGetImage action");
    denied
        .putObject("requestParameters")
        .put("repositoryName", "prod/api")
        .putArray("imageIds")
        .addObject()
        .put("imageTag", "v1.4.0");
    records.add(denied);
    ObjectNode token =
        base(
            "GetAuthorizationToken",
            role("eks-node", "i-0a1b2c3d4e5f"),
            Instant.parse("2025-08-25T08:59:30Z"),
            true);
    records.add(token);
    ObjectNode other =
        base(
            "GetBucketAcl",
            role("eks-node", "i-0a1b2c3d4e5f"),
            Instant.parse("2025-08-26T12:00:00Z"),
            true);
    other.put("eventSource", "s3.amazonaws.com");
    records.add(other);
    records.sort(Comparator.comparing(r -> r.get("eventTime").asText()));

    // One log file per 5-minute delivery; the push of prod/api is delivered twice, as CloudTrail
    // may, so the packet's duplicate filter has something to remove.
    Map<Instant, List<ObjectNode>> byDelivery = new TreeMap<>();
    for (ObjectNode r : records) {
      Instant t = Instant.parse(r.get("eventTime").asText());
      byDelivery.computeIfAbsent(delivery(t), k -> new ArrayList<>()).add(r);
    }
    ObjectNode duplicate =
        records.stream()
            .filter(r -> r.get("eventName").asText().equals("PutImage"))
            .findFirst()
            .orElseThrow();
    Instant dupDelivery =
        delivery(Instant.parse(duplicate.get("eventTime").asText())).plus(Duration.ofMinutes(5));
    byDelivery.computeIfAbsent(dupDelivery, k -> new ArrayList<>()).add(duplicate);
    SyntheticTrail.Target folder = SyntheticTrail.folder(out.resolve("aws/cloudtrail"));
    List<SyntheticTrail.WrittenLog> logs = new ArrayList<>();
    for (Map.Entry<Instant, List<ObjectNode>> e : byDelivery.entrySet()) {
      ObjectNode file = JSON.createObjectNode();
      ArrayNode array = file.putArray("Records");
      e.getValue().forEach(array::add);
      byte[] json = JSON.writeValueAsBytes(file);
      String unique = Long.toString(random.nextLong() & Long.MAX_VALUE, 36).substring(0, 10);
      Instant delivered = e.getKey();
      String key =
          "AWSLogs/"
              + ACCOUNT
              + "/CloudTrail/"
              + REGION
              + "/"
              + DAY.format(delivered)
              + "/"
              + ACCOUNT
              + "_CloudTrail_"
              + REGION
              + "_"
              + LOG_TIME.format(delivered)
              + "_"
              + unique
              + ".json.gz";
      folder.put(key, SyntheticTrail.gzip(json), Map.of());
      Instant oldest =
          e.getValue().stream()
              .map(r -> Instant.parse(r.get("eventTime").asText()))
              .min(Instant::compareTo)
              .orElseThrow();
      Instant newest =
          e.getValue().stream()
              .map(r -> Instant.parse(r.get("eventTime").asText()))
              .max(Instant::compareTo)
              .orElseThrow();
      logs.add(
          new SyntheticTrail.WrittenLog(
              key, delivered, SyntheticTrail.hex(SyntheticTrail.sha256(json)), oldest, newest));
    }
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair key = g.generateKeyPair();
    new SyntheticTrail(ACCOUNT, REGION, 7)
        .writeDigests(
            folder,
            "example-defense-cloudtrail",
            "",
            "management-events",
            key,
            logs,
            WINDOW_START,
            WINDOW_END.plus(Duration.ofHours(2)));
    // A local copy of a bucket keeps only the newest digest's signature (from its S3 metadata);
    // every older one is vouched for by its successor's previousDigestSignature.
    List<Path> signatures;
    try (Stream<Path> s = Files.walk(out.resolve("aws/cloudtrail"))) {
      signatures = s.filter(p -> p.toString().endsWith(".signature")).sorted().toList();
    }
    for (Path p : signatures.subList(0, signatures.size() - 1)) {
      Files.delete(p);
    }
    ObjectNode keys = JSON.createObjectNode();
    ObjectNode k = keys.putArray("PublicKeyList").addObject();
    k.put(
        "Value",
        Base64.getEncoder().encodeToString(SyntheticTrail.pkcs1((RSAPublicKey) key.getPublic())));
    k.put("ValidityStartTime", TRUSTED_FROM.getEpochSecond());
    k.put("ValidityEndTime", TRUSTED_FROM.plus(Duration.ofDays(3650)).getEpochSecond());
    k.put("Fingerprint", SyntheticTrail.fingerprint((RSAPublicKey) key.getPublic()));
    write(
        "aws/cloudtrail-public-keys.json",
        JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(keys));
    try (Stream<Path> s = Files.walk(out.resolve("aws/cloudtrail"))) {
      s.filter(Files::isRegularFile)
          .forEach(p -> files.add(out.relativize(p).toString().replace('\\', '/')));
    }
  }

  private static Instant delivery(Instant t) {
    long minutes = t.getEpochSecond() / 60;
    return Instant.ofEpochSecond((minutes / 5 + 1) * 5 * 60);
  }

  private ObjectNode base(String eventName, ObjectNode identity, Instant time, boolean readOnly) {
    ObjectNode r = JSON.createObjectNode();
    r.put("eventVersion", "1.08");
    r.set("userIdentity", identity);
    r.put("eventTime", time.truncatedTo(ChronoUnit.SECONDS).toString());
    r.put("eventSource", "ecr.amazonaws.com");
    r.put("eventName", eventName);
    r.put("awsRegion", REGION);
    r.put("sourceIPAddress", "198.51.100." + (10 + random.nextInt(200)));
    r.put("userAgent", readOnly ? "containerd/1.7.20" : "docker/24.0.7 go/go1.20.10");
    r.put("requestID", new UUID(random.nextLong(), random.nextLong()).toString());
    r.put("eventID", new UUID(random.nextLong(), random.nextLong()).toString());
    r.put("readOnly", readOnly);
    r.put("eventType", "AwsApiCall");
    r.put("managementEvent", true);
    r.put("recipientAccountId", ACCOUNT);
    r.put("eventCategory", "Management");
    return r;
  }

  private ObjectNode putImage(App a, ObjectNode identity, Instant time) {
    ObjectNode r = base("PutImage", identity, time, false);
    ObjectNode req = r.putObject("requestParameters");
    req.put("repositoryName", a.repository());
    req.put("imageTag", a.tag());
    req.put("registryId", ACCOUNT);
    req.put(
        "imageManifest",
        new String(a.image().manifest().content().toByteArray(), StandardCharsets.UTF_8));
    ObjectNode image = r.putObject("responseElements").putObject("image");
    image.put("registryId", ACCOUNT);
    image.put("repositoryName", a.repository());
    image.putObject("imageId").put("imageDigest", a.digest()).put("imageTag", a.tag());
    r.putArray("resources")
        .addObject()
        .put("accountId", ACCOUNT)
        .put(
            "ARN",
            "arn:aws-us-gov:ecr:" + REGION + ":" + ACCOUNT + ":repository/" + a.repository());
    return r;
  }

  private ObjectNode pull(App a, Instant time) {
    ObjectNode r = base("BatchGetImage", role("eks-node", "i-0a1b2c3d4e5f"), time, true);
    ObjectNode req = r.putObject("requestParameters");
    req.put("registryId", ACCOUNT);
    req.put("repositoryName", a.repository());
    req.putArray("imageIds").addObject().put("imageDigest", a.digest());
    r.putNull("responseElements");
    return r;
  }

  private static ObjectNode role(String role, String session) {
    ObjectNode i = JSON.createObjectNode();
    i.put("type", "AssumedRole");
    i.put("principalId", "AROAEXAMPLE" + role.length() + ":" + session);
    i.put("arn", "arn:aws-us-gov:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + session);
    i.put("accountId", ACCOUNT);
    ObjectNode ctx = i.putObject("sessionContext");
    ctx.putObject("sessionIssuer")
        .put("type", "Role")
        .put("principalId", "AROAEXAMPLE" + role.length())
        .put("arn", "arn:aws-us-gov:iam::" + ACCOUNT + ":role/" + role)
        .put("accountId", ACCOUNT)
        .put("userName", role);
    return i;
  }

  private static ObjectNode user(String name) {
    ObjectNode i = JSON.createObjectNode();
    i.put("type", "IAMUser");
    i.put("principalId", "AIDAEXAMPLE" + name.length());
    i.put("arn", "arn:aws-us-gov:iam::" + ACCOUNT + ":user/" + name);
    i.put("accountId", ACCOUNT);
    i.put("userName", name);
    return i;
  }

  private void estate() throws IOException {
    ObjectNode s = JSON.createObjectNode();
    s.put("organization", "Example Defense Components, Inc.");
    s.put("windowStart", WINDOW_START.toString());
    s.put("windowEnd", WINDOW_END.toString());
    s.putArray("ciPrincipals")
        .add("arn:aws-us-gov:sts::" + ACCOUNT + ":assumed-role/" + CI_ROLE + "/*");
    s.put("findingsSla", "P30D");
    s.put("maxAdmissionSilence", "PT24H");
    s.put("trailDeliveryLag", "PT2H");
    write(ExampleEstate.SETTINGS, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
  }

  private void write(String relative, byte[] content) throws IOException {
    Path p = out.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    files.add(relative);
  }
}
