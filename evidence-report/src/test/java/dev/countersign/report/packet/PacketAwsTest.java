package dev.countersign.report.packet;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.countersign.report.aws.CloudTrailLookup;
import dev.countersign.report.aws.DigestPublicKeys;
import dev.countersign.report.aws.EventCategory;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.aws.SyntheticTrail;
import dev.countersign.report.aws.TimeWindow;
import dev.countersign.report.aws.TrailFiles;
import dev.countersign.report.aws.TrailLocation;
import dev.countersign.report.example.ExampleEstate;
import dev.countersign.report.inventory.RawEvidence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A packet whose AWS evidence comes through the real AWS SDK v2: ECR and CloudTrail LookupEvents
 * from WireMock serving the shapes AWS documents (epoch-second timestamps, pages joined by tokens,
 * a throttled and a failing attempt), trail files and signed digests from S3Mock. Nothing may be
 * lost: the events in the packet are exactly the distinct ECR events of the window, duplicates
 * within and across sources removed; a broken digest chain and an access-denied call are gaps.
 */
class PacketAwsTest {
  private static final String ACCOUNT = "123456789012";
  private static final String BUCKET = "org-cloudtrail";
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final TimeWindow WINDOW = TimeWindow.of(T0, T0.plus(Duration.ofHours(3)));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder().silent().withInitialBuckets(BUCKET).build();

  @TempDir static Path tmp;
  static WireMockServer ecr;
  static WireMockServer cloudTrail;
  static S3Client s3;
  static Path packet;
  static PacketResult result;

  /** Every record served, in order, with repeats (the source of truth for the counts). */
  static final List<SyntheticTrail.Generated> served = new ArrayList<>();

  static int lookupRequests;
  static KeyPair trailKey;

  @BeforeAll
  static void build() throws Exception {
    ecr = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    ecr.start();
    stubEcr();
    cloudTrail = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    cloudTrail.start();
    s3 =
        S3Client.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + S3_MOCK.getHttpPort()))
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();

    // Trail files: 3 hours of records (every 6 s) in 5-minute files, every 25th delivered twice.
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair key = g.generateKeyPair();
    trailKey = key;
    SyntheticTrail trail = new SyntheticTrail(ACCOUNT, "us-east-1", 61);
    SyntheticTrail.Target bucket =
        (k, content, metadata) ->
            s3.putObject(
                b -> b.bucket(BUCKET).key(k).metadata(metadata), RequestBody.fromBytes(content));
    List<SyntheticTrail.Generated> inFiles = new ArrayList<>();
    List<SyntheticTrail.WrittenLog> logs =
        trail.writeLogFiles(
            bucket, "trail/", T0, Duration.ofSeconds(6), 1800, 80, 25, inFiles::add);
    for (SyntheticTrail.Generated gen : inFiles) {
      served.add(gen);
    }
    // the duplicates delivered a second time in the next file
    for (int i = 0; i < inFiles.size(); i += 25) {
      served.add(inFiles.get(i));
    }
    List<SyntheticTrail.WrittenDigest> digests =
        trail.writeDigests(
            bucket,
            BUCKET,
            "trail/",
            "org-trail",
            key,
            logs,
            T0,
            WINDOW.end().plus(Duration.ofHours(1)));
    // The chain is broken: one digest in the middle is gone.
    s3.deleteObject(b -> b.bucket(BUCKET).key(digests.get(1).key()));

    // LookupEvents: 4 pages of the last hour, newest first, overlapping by 3, the last page also
    // repeating 10 events of the trail files (so duplicates occur across sources too).
    SyntheticTrail recent = new SyntheticTrail(ACCOUNT, "us-east-1", 62);
    List<SyntheticTrail.Generated> lookupEvents = new ArrayList<>();
    Instant t = WINDOW.end().minusSeconds(5);
    int n = 0;
    while (lookupEvents.size() < 140) {
      SyntheticTrail.Generated gen = recent.next(n++, t);
      t = t.minusSeconds(7);
      if (gen.kind() != SyntheticTrail.Kind.OTHER_SERVICE) {
        lookupEvents.add(gen);
      }
    }
    List<SyntheticTrail.Generated> ecrInFiles =
        inFiles.stream().filter(x -> x.kind().category != null).toList();
    lookupEvents.addAll(ecrInFiles.subList(0, 10));
    List<List<SyntheticTrail.Generated>> pages = new ArrayList<>();
    int from = 0;
    while (from < lookupEvents.size()) {
      int start = pages.isEmpty() ? 0 : from - 3;
      int end = Math.min(lookupEvents.size(), start + 50);
      pages.add(new ArrayList<>(lookupEvents.subList(start, end)));
      from = end;
    }
    for (int p = 0; p < pages.size(); p++) {
      served.addAll(pages.get(p));
      String body = page(pages.get(p), p + 1 < pages.size() ? "token-" + (p + 1) : null);
      MappingBuilder request =
          p == 0
              ? lookup().withRequestBody(notContaining("NextToken"))
              : lookup().withRequestBody(matchingJsonPath("$.NextToken", equalTo("token-" + p)));
      if (p == 1) {
        cloudTrail.stubFor(
            request
                .inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("ok")
                .willReturn(error(400, "ThrottlingException", "Rate exceeded")));
        MappingBuilder again =
            lookup().withRequestBody(matchingJsonPath("$.NextToken", equalTo("token-" + p)));
        cloudTrail.stubFor(
            again.inScenario("throttle").whenScenarioStateIs("ok").willReturn(ok(body)));
      } else if (p == 2) {
        cloudTrail.stubFor(
            request
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("ok")
                .willReturn(error(500, "InternalServerException", "internal error")));
        MappingBuilder again =
            lookup().withRequestBody(matchingJsonPath("$.NextToken", equalTo("token-" + p)));
        cloudTrail.stubFor(
            again.inScenario("flaky").whenScenarioStateIs("ok").willReturn(ok(body)));
      } else {
        cloudTrail.stubFor(request.willReturn(ok(body)));
      }
    }
    lookupRequests = pages.size() + 2;

    Path keys = tmp.resolve("cloudtrail-public-keys.json");
    ObjectNode list = JSON.createObjectNode();
    ObjectNode k = list.putArray("PublicKeyList").addObject();
    k.put(
        "Value",
        Base64.getEncoder().encodeToString(SyntheticTrail.pkcs1((RSAPublicKey) key.getPublic())));
    k.put("ValidityStartTime", T0.minus(Duration.ofDays(30)).getEpochSecond());
    k.put("Fingerprint", SyntheticTrail.fingerprint((RSAPublicKey) key.getPublic()));
    Files.write(keys, JSON.writeValueAsBytes(list));

    Path estate = tmp.resolve("estate");
    ExampleEstate.extract(estate);
    packet = tmp.resolve("packet");
    TrailLocation location = TrailLocation.s3(s3, BUCKET, "trail");
    try (CloudTrailLookup lookup =
        CloudTrailLookup.builder()
            .region("us-east-1")
            .endpointOverride(URI.create(cloudTrail.baseUrl()))
            .credentialsProvider(CREDENTIALS)
            .build()) {
      PacketSettings settings =
          ExampleEstate.settings(estate, packet)
              .window(WINDOW)
              .inventoryFromEcr(false)
              .ecr(
                  EcrInput.live(
                      new EcrInput.Live(
                          "us-gov-west-1",
                          Optional.of(ACCOUNT),
                          Optional.of(URI.create(ecr.baseUrl())),
                          Optional.of(CREDENTIALS),
                          50)))
              .cloudTrail(
                  new CloudTrailInput(
                      List.of(TrailFiles.in(location).deliveryLag(Duration.ofHours(1)), lookup),
                      List.of(location),
                      Optional.of(DigestPublicKeys.fromPath(keys)),
                      List.of(
                          new RawEvidence(
                              "cloudtrail-public-keys.json",
                              Files.readAllBytes(keys),
                              "application/json",
                              "aws cloudtrail list-public-keys")),
                      Optional.empty(),
                      Duration.ofHours(1)))
              .ciPrincipals(List.of("arn:aws:sts::" + ACCOUNT + ":assumed-role/ci-push/*"))
              .build();
      result = PacketBuilder.build(settings, Progress.NONE);
    }
  }

  @AfterAll
  static void stop() {
    if (ecr != null) {
      ecr.stop();
    }
    if (cloudTrail != null) {
      cloudTrail.stop();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void everyDistinctEcrEventOfTheWindowIsInThePacketOnce() throws IOException {
    Set<String> seen = new HashSet<>();
    Map<EventCategory, Long> expected = new EnumMap<>(EventCategory.class);
    long duplicates = 0;
    for (SyntheticTrail.Generated g : served) {
      if (g.kind().category == null || !WINDOW.contains(g.time())) {
        continue;
      }
      if (!seen.add(g.eventId())) {
        duplicates++;
        continue;
      }
      expected.merge(g.kind().category, 1L, Long::sum);
    }
    Map<EventCategory, Long> inPacket = new EnumMap<>(EventCategory.class);
    Set<String> ids = new HashSet<>();
    for (EventCategory c : EventCategory.values()) {
      Path f = packet.resolve("evidence/aws/cloudtrail/events/" + c.fileStem() + ".jsonl.gz");
      try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode e = JSON.readTree(line);
          assertThat(ids.add(e.get("eventId").asText())).as("unique eventId").isTrue();
          assertThat(e.at("/record/eventID").asText()).isEqualTo(e.get("eventId").asText());
          inPacket.merge(c, 1L, Long::sum);
        }
      }
    }
    assertThat(inPacket).isEqualTo(expected);
    assertThat(ids).isEqualTo(seen);
    JsonNode report =
        JSON.readTree(packet.resolve("evidence/aws/cloudtrail/read-report.json").toFile());
    assertThat(report.get("duplicates").asLong()).isEqualTo(duplicates).isGreaterThan(10);
    assertThat(report.get("kept").asLong()).isEqualTo(seen.size());
    assertThat(report.get("complete").asBoolean()).isTrue();
    for (JsonNode s : report.get("sources")) {
      assertThat(s.get("balanced").asBoolean()).isTrue();
    }
    // pages joined, the throttled and the failing attempt retried: every page read
    assertThat(cloudTrail.getAllServeEvents()).hasSize(lookupRequests);
  }

  @Test
  void theBrokenDigestChainIsAGap() throws IOException {
    assertThat(result.gaps().get(GapKind.CLOUDTRAIL_INTEGRITY)).isPositive();
    JsonNode integrity =
        JSON.readTree(packet.resolve("evidence/aws/cloudtrail/integrity.json").toFile());
    JsonNode t = integrity.at("/trails/0");
    assertThat(t.get("intact").asBoolean()).isFalse();
    List<String> kinds = new ArrayList<>();
    t.get("problems").forEach(p -> kinds.add(p.get("kind").asText()));
    assertThat(kinds).contains("DIGEST_MISSING");
    assertThat(Files.readString(packet.resolve("report.html"))).contains("NOT intact");
  }

  @Test
  void ecrEvidenceIsKeptRawWithItsQueriesAndAnAccessDeniedCallIsAGap() throws IOException {
    List<String> index = Files.readAllLines(packet.resolve("evidence/aws/ecr/raw/queries.jsonl"));
    // 3 repository pages, the scanning configuration, 4 policy answers, 4 image pages, 4 finding
    // pages; the refused image list has no answer to keep
    assertThat(index).hasSize(16);
    for (String line : index) {
      JsonNode e = JSON.readTree(line);
      byte[] raw =
          Files.readAllBytes(packet.resolve("evidence/aws/ecr/raw/" + e.get("file").asText()));
      assertThat(ExamplePacketTest.sha256(raw)).isEqualTo(e.get("sha256").asText());
      assertThat(e.at("/query/service").asText()).isEqualTo("ecr");
    }
    assertThat(Files.readAllLines(packet.resolve("evidence/aws/ecr/findings.jsonl"))).hasSize(5);
    assertThat(Files.readAllLines(packet.resolve("evidence/aws/ecr/repositories.jsonl")))
        .hasSize(4);
    assertThat(result.gaps().get(GapKind.COLLECTION_INCOMPLETE)).isEqualTo(1);
    assertThat(result.gaps().get(GapKind.MUTABLE_TAGS)).isEqualTo(2);
    assertThat(result.gaps()).containsKey(GapKind.FINDING_PAST_SLA);
    assertThat(result.complete()).isFalse();
    String gaps = Files.readString(packet.resolve("evidence/gaps/gaps.jsonl"));
    assertThat(gaps).contains("ecr:DescribeImages restricted/vault", "ACCESS_DENIED");
    // pushes were all by the CI role: none is a gap
    assertThat(result.gaps()).doesNotContainKey(GapKind.PUSH_BY_NON_CI_PRINCIPAL);
    assertThat(PacketVerifier.verify(packet, Optional.empty()).valid()).isTrue();
  }

  @Test
  void aSnapshotTakenOnAConnectedHostBuildsThePacketOffline() throws Exception {
    cloudTrail.stubFor(
        post(urlEqualTo("/"))
            .withHeader(
                "X-Amz-Target",
                equalTo("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.ListPublicKeys"))
            .willReturn(
                ok(
                    "{\"PublicKeyList\":[{\"Value\":\""
                        + Base64.getEncoder()
                            .encodeToString(
                                SyntheticTrail.pkcs1((RSAPublicKey) trailKey.getPublic()))
                        + "\",\"ValidityStartTime\":"
                        + T0.minus(Duration.ofDays(30)).getEpochSecond()
                        + ",\"Fingerprint\":\""
                        + SyntheticTrail.fingerprint((RSAPublicKey) trailKey.getPublic())
                        + "\"}]}")));
    Path snapshot = tmp.resolve("snapshot");
    // the SDK's default credential chain reads these first
    System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
    System.setProperty("aws.secretAccessKey", "secret");
    try {
      java.io.StringWriter out = new java.io.StringWriter();
      int code =
          dev.countersign.cli.Main.run(
              new String[] {
                "packet",
                "snapshot",
                "--out",
                snapshot.toString(),
                "--aws-region",
                "us-gov-west-1",
                "--ecr-registry-id",
                ACCOUNT,
                "--ecr-endpoint",
                ecr.baseUrl(),
                "--cloudtrail-endpoint",
                cloudTrail.baseUrl(),
                "--trail-s3",
                "s3://" + BUCKET + "/trail",
                "--s3-endpoint",
                "http://127.0.0.1:" + S3_MOCK.getHttpPort(),
                "--from",
                WINDOW.start().toString(),
                "--to",
                WINDOW.end().toString(),
                "--trail-delivery-lag",
                "1h"
              },
              new java.io.PrintWriter(out, true),
              new java.io.PrintWriter(new java.io.StringWriter(), true));
      // the refused image list makes the snapshot incomplete, and it says so
      assertThat(code).as(out.toString()).isEqualTo(3);
      assertThat(out.toString()).contains("ACCESS_DENIED", "(INCOMPLETE)");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
    assertThat(Files.readAllLines(snapshot.resolve("queries.jsonl")))
        .anyMatch(l -> l.contains("\"ListPublicKeys\""))
        .anyMatch(l -> l.contains("\"DescribeImageScanFindings\""));
    assertThat(snapshot.resolve("cloudtrail/list-public-keys/us-gov-west-1.json")).exists();
    assertThat(snapshot.resolve("cloudtrail/trail/AWSLogs/" + ACCOUNT)).isDirectory();

    Path estate = tmp.resolve("estate");
    Path offline = tmp.resolve("packet-from-snapshot");
    PacketResult r =
        PacketBuilder.build(
            ExampleEstate.settings(estate, offline)
                .window(WINDOW)
                .inventoryFromEcr(false)
                .ecr(EcrInput.snapshot(snapshot))
                .cloudTrail(
                    new CloudTrailInput(
                        List.of(
                            TrailFiles.in(
                                    TrailLocation.localFolder(snapshot.resolve("cloudtrail/trail")))
                                .deliveryLag(Duration.ofHours(1))),
                        List.of(TrailLocation.localFolder(snapshot.resolve("cloudtrail/trail"))),
                        Optional.of(
                            DigestPublicKeys.fromPath(
                                snapshot.resolve("cloudtrail/list-public-keys"))),
                        List.of(),
                        Optional.empty(),
                        Duration.ofHours(1)))
                .ciPrincipals(List.of("arn:aws:sts::" + ACCOUNT + ":assumed-role/ci-push/*"))
                .build(),
            Progress.NONE);
    // the same ECR facts as the live packet, read from the same answers (findings are fetched by
    // several workers, so their lines come in collection order)
    for (String f : List.of("findings.jsonl", "repositories.jsonl", "images.jsonl")) {
      assertThat(Files.readAllLines(offline.resolve("evidence/aws/ecr/" + f)))
          .as(f)
          .containsExactlyInAnyOrderElementsOf(
              Files.readAllLines(packet.resolve("evidence/aws/ecr/" + f)));
    }
    assertThat(r.gaps().get(GapKind.MUTABLE_TAGS)).isEqualTo(2);
    // the trail copy kept the broken chain broken
    assertThat(r.gaps().get(GapKind.CLOUDTRAIL_INTEGRITY)).isPositive();
    JsonNode read =
        JSON.readTree(offline.resolve("evidence/aws/cloudtrail/read-report.json").toFile());
    assertThat(read.get("complete").asBoolean()).isTrue();
  }

  // --- AWS-shaped answers ---

  private static void stubEcr() {
    String api1 = "sha256:f2ee6df4d97ecc9e4e4d40e69a098d1683911cad6afe98c655dc4703476c3bff";
    String api2 = "sha256:a19e67f44ecc2b5adf0dc6419dbbf5a7199801025ac5f1869aef6f947bea76ea";
    String web = "sha256:aeba53d864be848e75cd8547875d4cae8ad5d151be6ba279a91e80c019a73497";
    Map<MappingBuilder, String[]> stubs = new LinkedHashMap<>();
    stubs.put(
        call("GetRegistryScanningConfiguration"),
        new String[] {"200", "registry-scanning-configuration.json"});
    ecr.stubFor(
        call("DescribeRepositories")
            .withRequestBody(notContaining("nextToken"))
            .inScenario("throttle")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("answered")
            .willReturn(fixture(400, "error-throttling.json")));
    ecr.stubFor(
        call("DescribeRepositories")
            .withRequestBody(notContaining("nextToken"))
            .inScenario("throttle")
            .whenScenarioStateIs("answered")
            .willReturn(fixture(200, "describe-repositories-1.json")));
    stubs.put(
        call("DescribeRepositories")
            .withRequestBody(matchingJsonPath("$.nextToken", equalTo("repos-page-2"))),
        new String[] {"200", "describe-repositories-2.json"});
    stubs.put(
        call("DescribeRepositories")
            .withRequestBody(matchingJsonPath("$.nextToken", equalTo("repos-page-3"))),
        new String[] {"200", "describe-repositories-3.json"});
    stubs.put(
        call("GetRepositoryPolicy"),
        new String[] {"400", "error-repository-policy-not-found.json"});
    stubs.put(
        call("GetRepositoryPolicy")
            .withRequestBody(matchingJsonPath("$.repositoryName", equalTo("prod/api"))),
        new String[] {"200", "get-repository-policy-prod-api.json"});
    stubs.put(
        images("prod/api").withRequestBody(notContaining("nextToken")),
        new String[] {"200", "describe-images-prod-api-1.json"});
    stubs.put(
        images("prod/api")
            .withRequestBody(matchingJsonPath("$.nextToken", equalTo("images-api-2"))),
        new String[] {"200", "describe-images-prod-api-2.json"});
    stubs.put(images("prod/web"), new String[] {"200", "describe-images-prod-web.json"});
    stubs.put(images("legacy/batch"), new String[] {"200", "describe-images-legacy-batch.json"});
    stubs.put(images("restricted/vault"), new String[] {"400", "error-access-denied.json"});
    stubs.put(
        findings(api1).withRequestBody(notContaining("nextToken")),
        new String[] {"200", "findings-prod-api-1-page-1.json"});
    stubs.put(
        findings(api1).withRequestBody(matchingJsonPath("$.nextToken", equalTo("findings-api1-2"))),
        new String[] {"200", "findings-prod-api-1-page-2.json"});
    stubs.put(findings(api2), new String[] {"200", "findings-prod-api-2.json"});
    stubs.put(findings(web), new String[] {"200", "findings-prod-web.json"});
    stubs.forEach((m, f) -> ecr.stubFor(m.willReturn(fixture(Integer.parseInt(f[0]), f[1]))));
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

  private static ResponseDefinitionBuilder fixture(int status, String file) {
    try (InputStream in = PacketAwsTest.class.getResourceAsStream("/aws/ecr/" + file)) {
      return aResponse()
          .withStatus(status)
          .withHeader("Content-Type", "application/x-amz-json-1.1")
          .withBody(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MappingBuilder lookup() {
    return post(urlEqualTo("/"))
        .withHeader(
            "X-Amz-Target",
            equalTo("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"));
  }

  /** A LookupEvents answer as CloudTrail sends it: EventTime in epoch seconds. */
  private static String page(List<SyntheticTrail.Generated> events, String nextToken)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode list = body.putArray("Events");
    for (SyntheticTrail.Generated g : events) {
      ObjectNode e = list.addObject();
      e.put("EventId", g.eventId());
      e.put("EventName", g.record().get("eventName").asText());
      e.put("ReadOnly", g.record().path("readOnly").asText("false"));
      e.put("EventTime", g.time().getEpochSecond());
      e.put("EventSource", g.record().get("eventSource").asText());
      e.put("Username", g.record().path("userIdentity").path("userName").asText("session"));
      e.put("CloudTrailEvent", JSON.writeValueAsString(g.record()));
    }
    if (nextToken != null) {
      body.put("NextToken", nextToken);
    }
    return JSON.writeValueAsString(body);
  }

  private static ResponseDefinitionBuilder ok(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(body);
  }

  private static ResponseDefinitionBuilder error(int status, String type, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-ErrorType", type)
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }
}
