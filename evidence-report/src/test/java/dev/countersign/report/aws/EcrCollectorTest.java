package dev.countersign.report.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** EcrCollector through the real AWS SDK against WireMock serving ECR's JSON 1.1 shapes. */
class EcrCollectorTest {
  private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";
  private static final String API1 =
      "sha256:f2ee6df4d97ecc9e4e4d40e69a098d1683911cad6afe98c655dc4703476c3bff";
  private static final String API2 =
      "sha256:a19e67f44ecc2b5adf0dc6419dbbf5a7199801025ac5f1869aef6f947bea76ea";
  private static final String WEB =
      "sha256:aeba53d864be848e75cd8547875d4cae8ad5d151be6ba279a91e80c019a73497";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private WireMockServer ecr;

  @BeforeEach
  void start() {
    ecr = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    ecr.start();
    stub(call("GetRegistryScanningConfiguration"), 200, "registry-scanning-configuration.json");
    // the first DescribeRepositories is throttled; the SDK retries it
    ecr.stubFor(
        call("DescribeRepositories")
            .withRequestBody(notContaining("nextToken"))
            .inScenario("throttle")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("answered")
            .willReturn(body(400, "error-throttling.json")));
    ecr.stubFor(
        call("DescribeRepositories")
            .withRequestBody(notContaining("nextToken"))
            .withRequestBody(matchingJsonPath("$.registryId", equalTo("123456789012")))
            .inScenario("throttle")
            .whenScenarioStateIs("answered")
            .willReturn(body(200, "describe-repositories-1.json")));
    stub(
        call("DescribeRepositories")
            .withRequestBody(matchingJsonPath("$.nextToken", equalTo("repos-page-2"))),
        200,
        "describe-repositories-2.json");
    stub(
        call("DescribeRepositories")
            .withRequestBody(matchingJsonPath("$.nextToken", equalTo("repos-page-3"))),
        200,
        "describe-repositories-3.json");
    stub(call("GetRepositoryPolicy"), 400, "error-repository-policy-not-found.json");
    stub(
        call("GetRepositoryPolicy")
            .withRequestBody(matchingJsonPath("$.repositoryName", equalTo("prod/api"))),
        200,
        "get-repository-policy-prod-api.json");
    stub(
        images("prod/api").withRequestBody(notContaining("nextToken")),
        200,
        "describe-images-prod-api-1.json");
    stub(
        images("prod/api")
            .withRequestBody(matchingJsonPath("$.nextToken", equalTo("images-api-2"))),
        200,
        "describe-images-prod-api-2.json");
    stub(images("prod/web"), 200, "describe-images-prod-web.json");
    stub(images("legacy/batch"), 200, "describe-images-legacy-batch.json");
    stub(images("restricted/vault"), 400, "error-access-denied.json");
    stub(
        findings(API1).withRequestBody(notContaining("nextToken")),
        200,
        "findings-prod-api-1-page-1.json");
    stub(
        findings(API1).withRequestBody(matchingJsonPath("$.nextToken", equalTo("findings-api1-2"))),
        200,
        "findings-prod-api-1-page-2.json");
    stub(findings(API2), 200, "findings-prod-api-2.json");
    stub(findings(WEB), 200, "findings-prod-web.json");
  }

  @AfterEach
  void stop() {
    ecr.stop();
  }

  @Test
  void collectsSettingsPoliciesImagesAndFindingsWithTheRawAnswers() throws IOException {
    Recorder seen = new Recorder();
    EcrCollection result;
    Path raw = dir.resolve("raw");
    List<String> progress = new ArrayList<>();
    try (EvidenceSink sink = EvidenceSink.directory(raw);
        EcrCollector collector =
            EcrCollector.builder()
                .region("us-gov-west-1")
                .registryId("123456789012")
                .endpointOverride(URI.create(ecr.baseUrl()))
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .evidenceSink(sink)
                .progress((task, done, total) -> progress.add(task))
                .findingsConcurrency(2)
                .build()) {
      result = collector.collect(seen);
    }

    assertThat(result.repositories()).isEqualTo(4);
    assertThat(result.images()).isEqualTo(5);
    assertThat(result.imagesWithFindings()).isEqualTo(3);
    assertThat(result.findings())
        .isEqualTo(Map.of("CRITICAL", 1L, "HIGH", 1L, "MEDIUM", 2L, "LOW", 1L));
    assertThat(result.policies()).isEqualTo(1);
    assertThat(result.registryId()).isEqualTo("123456789012");
    // the one image list ECR refused is a reported gap, not an empty repository
    assertThat(result.complete()).isFalse();
    assertThat(result.problems()).hasSize(1);
    CollectionProblem denied = result.problems().get(0);
    assertThat(denied.reason()).isEqualTo(AwsReason.ACCESS_DENIED);
    assertThat(denied.operation()).isEqualTo("ecr:DescribeImages");
    assertThat(denied.target()).isEqualTo("restricted/vault");
    assertThat(denied.message()).contains("AccessDeniedException", "not authorized");

    // throttled once, then three pages
    ecr.verify(
        4,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(TARGET + "DescribeRepositories")));
    ecr.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
            .withHeader(
                "Authorization",
                com.github.tomakehurst.wiremock.client.WireMock.containing("AWS4-HMAC-SHA256")));

    assertThat(seen.scanning.scanType()).isEqualTo("ENHANCED");
    assertThat(seen.scanning.rules())
        .extracting(RegistryScanning.Rule::scanFrequency)
        .containsExactly("CONTINUOUS_SCAN", "SCAN_ON_PUSH");
    EcrRepository api = seen.repositories.get("prod/api");
    assertThat(api.tagsImmutable()).isTrue();
    assertThat(api.scanOnPush()).isTrue();
    assertThat(api.encryptionType()).isEqualTo("KMS");
    assertThat(api.kmsKey())
        .hasValueSatisfying(k -> assertThat(k).startsWith("arn:aws-us-gov:kms:"));
    assertThat(api.createdAt()).contains(Instant.ofEpochMilli(1704067200512L));
    assertThat(seen.repositories.get("prod/web").tagsImmutable()).isFalse();
    assertThat(seen.repositories.get("restricted/vault").tagsImmutable()).isTrue();
    assertThat(seen.repositories.get("restricted/vault").encryptionType()).isEqualTo("KMS_DSSE");

    assertThat(seen.policies.get("prod/api").policyText())
        .hasValueSatisfying(p -> assertThat(p).contains("AllowPullFromEks"));
    assertThat(seen.policies.get("prod/web").present()).isFalse();
    assertThat(seen.policies).containsKeys("legacy/batch", "restricted/vault");

    EcrImage apiImage = seen.images.get(API1);
    assertThat(apiImage.tags()).containsExactly("1.4.0");
    assertThat(apiImage.scanStatus()).contains("ACTIVE");
    assertThat(apiImage.findingSeverityCounts()).isEqualTo(Map.of("HIGH", 1, "MEDIUM", 1));
    assertThat(apiImage.pushedAt()).contains(Instant.ofEpochSecond(1709280000L));
    assertThat(apiImage.lastRecordedPullTime()).contains(Instant.ofEpochMilli(1709366400250L));
    assertThat(apiImage.sizeBytes()).hasValue(31457280L);
    assertThat(seen.images).hasSize(5);

    assertThat(seen.findings.get(API1))
        .extracting(ScanFinding::vulnerabilityId)
        .containsExactlyInAnyOrder("CVE-2024-2961", "CVE-2023-50495");
    ScanFinding glibc =
        seen.findings.get(API1).stream()
            .filter(f -> f.packageName().equals("glibc"))
            .findFirst()
            .orElseThrow();
    assertThat(glibc.kind()).isEqualTo(ScanFinding.Kind.ENHANCED);
    assertThat(glibc.fixedInVersion()).isEqualTo("2.34-100.el9");
    assertThat(glibc.score()).contains(8.8);
    assertThat(glibc.status()).isEqualTo("ACTIVE");
    ScanFinding e2fs = seen.findings.get(WEB).get(0);
    assertThat(e2fs.kind()).isEqualTo(ScanFinding.Kind.BASIC);
    assertThat(e2fs.vulnerabilityId()).isEqualTo("CVE-2019-5188");
    assertThat(e2fs.packageName()).isEqualTo("e2fsprogs");
    assertThat(e2fs.packageVersion()).isEqualTo("1.44.1-1ubuntu1.1");
    assertThat(e2fs.score()).contains(4.6);

    // every answer stored byte for byte, each with its query
    Path region = raw.resolve("ecr/us-gov-west-1");
    assertThat(Files.readAllBytes(region.resolve("describe-repositories/page-0002.json")))
        .isEqualTo(fixture("describe-repositories-2.json"));
    assertThat(
            Files.readAllBytes(
                region.resolve(
                    "repositories/prod%2Fapi/scan-findings/"
                        + API1.replace(':', '-')
                        + "/page-0002.json")))
        .isEqualTo(fixture("findings-prod-api-1-page-2.json"));
    assertThat(Files.readAllBytes(region.resolve("repositories/prod%2Fweb/repository-policy.json")))
        .isEqualTo(fixture("error-repository-policy-not-found.json"));
    assertThat(region.resolve("repositories/restricted%2Fvault/describe-images")).doesNotExist();

    List<JsonNode> index = new ArrayList<>();
    for (String line : Files.readAllLines(raw.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
      index.add(JSON.readTree(line));
    }
    // 3 repository pages + scanning + 4 policies (1 found, 3 "none") + 4 image pages + 4 finding
    // pages
    assertThat(index).hasSize(16);
    JsonNode page2 =
        index.stream()
            .filter(n -> n.get("file").asText().endsWith("describe-repositories/page-0002.json"))
            .findFirst()
            .orElseThrow();
    assertThat(page2.get("query").get("operation").asText()).isEqualTo("DescribeRepositories");
    assertThat(page2.get("query").get("service").asText()).isEqualTo("ecr");
    assertThat(page2.get("query").get("region").asText()).isEqualTo("us-gov-west-1");
    assertThat(page2.get("query").get("account").asText()).isEqualTo("123456789012");
    assertThat(page2.get("query").get("endpoint").asText()).startsWith(ecr.baseUrl());
    assertThat(
            JSON.readTree(page2.get("query").get("parameters").asText()).get("nextToken").asText())
        .isEqualTo("repos-page-2");
    assertThat(page2.get("sha256").asText())
        .isEqualTo(
            SyntheticTrail.hex(SyntheticTrail.sha256(fixture("describe-repositories-2.json"))));
    assertThat(progress).contains("ecr repositories", "ecr images", "ecr scan findings");
  }

  @Test
  void aServerThatNeverAnswersWellIsAProblemNotAnEmptyRegistry() throws IOException {
    ecr.resetAll();
    ecr.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withBody(
                        "{\"__type\":\"ServiceUnavailableException\",\"message\":\"down\"}")));
    EcrCollection result;
    try (EcrCollector collector =
        EcrCollector.builder()
            .region("us-east-1")
            .endpointOverride(URI.create(ecr.baseUrl()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
            .maxAttempts(2)
            .build()) {
      result = collector.collect(new EcrVisitor() {});
    }
    assertThat(result.complete()).isFalse();
    assertThat(result.apiCalls()).isZero();
    assertThat(result.problems())
        .extracting(CollectionProblem::reason)
        .containsOnly(AwsReason.SERVICE_ERROR);
    assertThat(result.problems())
        .extracting(CollectionProblem::operation)
        .containsExactly("ecr:GetRegistryScanningConfiguration", "ecr:DescribeRepositories");
  }

  private static final class Recorder implements EcrVisitor {
    RegistryScanning scanning;
    final Map<String, EcrRepository> repositories = new LinkedHashMap<>();
    final Map<String, RepositoryPolicy> policies = new LinkedHashMap<>();
    final Map<String, EcrImage> images = new LinkedHashMap<>();
    final Map<String, List<ScanFinding>> findings = new LinkedHashMap<>();

    @Override
    public void registryScanning(RegistryScanning s) {
      scanning = s;
    }

    @Override
    public void repository(EcrRepository r) {
      repositories.put(r.name(), r);
    }

    @Override
    public void repositoryPolicy(RepositoryPolicy p) {
      policies.put(p.repositoryName(), p);
    }

    @Override
    public void image(EcrImage i) {
      images.put(i.digest(), i);
    }

    @Override
    public void findings(EcrImage image, List<ScanFinding> page) {
      findings.computeIfAbsent(image.digest(), k -> new ArrayList<>()).addAll(page);
    }
  }

  private static MappingBuilder call(String operation) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation));
  }

  private static MappingBuilder images(String repository) {
    return call("DescribeImages")
        .withRequestBody(matchingJsonPath("$.repositoryName", equalTo(repository)));
  }

  private static MappingBuilder findings(String digest) {
    return call("DescribeImageScanFindings")
        .withRequestBody(matchingJsonPath("$.imageId.imageDigest", equalTo(digest)));
  }

  private void stub(MappingBuilder m, int status, String file) {
    ecr.stubFor(m.willReturn(body(status, file)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder body(
      int status, String file) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-RequestId", "req-" + file.hashCode())
        .withBody(fixture(file));
  }

  static byte[] fixture(String name) {
    try (InputStream in = EcrCollectorTest.class.getResourceAsStream("/aws/ecr/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
