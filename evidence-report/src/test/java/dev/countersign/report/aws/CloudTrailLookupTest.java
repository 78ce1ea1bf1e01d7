package dev.countersign.report.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * CloudTrail LookupEvents through the real AWS SDK against WireMock: many pages joined by
 * NextToken, overlapping pages, a throttled and a failed attempt, and the request rate measured
 * from WireMock's own request journal.
 */
class CloudTrailLookupTest {
  private static final String TARGET =
      "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final TimeWindow WINDOW = TimeWindow.of(T0, T0.plus(Duration.ofHours(2)));
  private static final int PAGES = 12;
  private static final int OVERLAP = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private WireMockServer cloudTrail;
  private final List<SyntheticTrail.Generated> served = new ArrayList<>();

  @BeforeEach
  void start() {
    cloudTrail = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    cloudTrail.start();
  }

  @AfterEach
  void stop() {
    cloudTrail.stop();
  }

  @Test
  void readsEveryPageOnceWithinTheRateLimitAndDropsOverlaps() throws IOException {
    List<List<SyntheticTrail.Generated>> pages = pages();
    for (int p = 0; p < PAGES; p++) {
      int page = p;
      java.util.function.Supplier<MappingBuilder> m = () -> pageRequest(page);
      String body = page(pages.get(p), p + 1 < PAGES ? "token-" + (p + 1) : null);
      if (p == 3 || p == 7) {
        // page 3 is throttled once, page 7 meets a server error once: both are retried
        String scenario = "flaky-" + p;
        cloudTrail.stubFor(
            m.get()
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("recovered")
                .willReturn(
                    p == 3
                        ? error(400, "ThrottlingException", "Rate exceeded")
                        : error(500, "InternalServerException", "internal error")));
        cloudTrail.stubFor(
            m.get().inScenario(scenario).whenScenarioStateIs("recovered").willReturn(ok(body)));
      } else {
        cloudTrail.stubFor(m.get().willReturn(ok(body)));
      }
    }

    List<CloudTrailEvent> events = new ArrayList<>();
    EventReadReport report;
    try (CloudTrailLookup lookup = lookup(8)) {
      report = lookup.read(WINDOW, events::add, Progress.NONE);
    }

    Set<String> unique = new HashSet<>();
    long inWindow = 0;
    for (SyntheticTrail.Generated g : served) {
      if (unique.add(g.eventId()) && WINDOW.contains(g.time())) {
        inWindow++;
      }
    }
    long outside =
        served.stream().map(SyntheticTrail.Generated::eventId).distinct().count() - inWindow;
    assertThat(report.problems()).isEmpty();
    assertThat(report.complete()).isTrue();
    SourceCount s = report.sources().get(0);
    assertThat(s.source()).isEqualTo("cloudtrail:LookupEvents us-east-1");
    assertThat(s.units()).isEqualTo(PAGES);
    assertThat(s.read()).isEqualTo(served.size());
    assertThat(s.duplicates()).isEqualTo((long) OVERLAP * (PAGES - 1));
    assertThat(s.outsideWindow()).isEqualTo(outside).isPositive();
    assertThat(s.keptTotal()).isEqualTo(inWindow);
    assertThat(s.balanced()).isTrue();
    assertThat(events).hasSize((int) inWindow);
    assertThat(events.stream().map(CloudTrailEvent::eventId).distinct().count())
        .isEqualTo(inWindow);
    Map<EventCategory, Long> expected =
        SyntheticTrail.categories(distinct(served), g -> WINDOW.contains(g.time()));
    assertThat(report.kept()).isEqualTo(expected);

    // the window went out as epoch-second timestamps, as the JSON protocol writes them
    var first =
        JSON.readTree(
            cloudTrail.getAllServeEvents().stream()
                .filter(e -> !e.getRequest().getBodyAsString().contains("NextToken"))
                .findFirst()
                .orElseThrow()
                .getRequest()
                .getBodyAsString());
    assertThat(first.get("StartTime").asDouble())
        .isEqualTo((double) WINDOW.start().getEpochSecond());
    assertThat(first.get("EndTime").asDouble()).isEqualTo((double) WINDOW.end().getEpochSecond());

    // 12 pages + 2 retried attempts, never more than 2 in any second (WireMock's receive times)
    List<ServeEvent> journal = new ArrayList<>(cloudTrail.getAllServeEvents());
    assertThat(journal).hasSize(PAGES + 2);
    List<Long> times =
        journal.stream().map(e -> e.getRequest().getLoggedDate().getTime()).sorted().toList();
    long tolerance = 60;
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i) - times.get(i - 1))
          .as("gap before request %d", i)
          .isGreaterThanOrEqualTo(500 - tolerance);
    }
    for (int i = 2; i < times.size(); i++) {
      assertThat(times.get(i) - times.get(i - 2))
          .as("three requests within one second ending at request %d", i)
          .isGreaterThanOrEqualTo(1000 - tolerance);
    }
  }

  @Test
  void aPageThatKeepsFailingEndsTheSourceWithAProblem() throws IOException {
    List<List<SyntheticTrail.Generated>> pages = pages();
    cloudTrail.stubFor(
        lookup()
            .withRequestBody(notContaining("NextToken"))
            .willReturn(ok(page(pages.get(0), "token-1"))));
    cloudTrail.stubFor(
        lookup()
            .withRequestBody(matchingJsonPath("$.NextToken", equalTo("token-1")))
            .willReturn(error(400, "ThrottlingException", "Rate exceeded")));
    List<CloudTrailEvent> events = new ArrayList<>();
    EventReadReport report;
    try (CloudTrailLookup lookup = lookup(2)) {
      report = lookup.read(WINDOW, events::add, Progress.NONE);
    }
    assertThat(report.complete()).isFalse();
    assertThat(report.problems()).hasSize(1);
    assertThat(report.problems().get(0).reason()).isEqualTo(AwsReason.THROTTLED);
    assertThat(report.problems().get(0).operation()).isEqualTo("cloudtrail:LookupEvents");
    assertThat(report.sources().get(0).units()).isEqualTo(1);
    assertThat(events).isNotEmpty();
    assertThat(cloudTrail.getAllServeEvents()).hasSize(3);
  }

  @Test
  void theLimiterCannotBeSetAboveTheApiLimit() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                AwsEvidenceException.class,
                () -> CloudTrailLookup.builder().region("us-east-1").requestsPerSecond(5)))
        .extracting(AwsEvidenceException::reason)
        .isEqualTo(AwsReason.CONFIGURATION_INVALID);
  }

  private CloudTrailLookup lookup(int attempts) {
    return CloudTrailLookup.builder()
        .region("us-east-1")
        .endpointOverride(URI.create(cloudTrail.baseUrl()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .maxAttempts(attempts)
        .build();
  }

  /**
   * 12 pages of 50 ECR events, newest first as LookupEvents returns them; each page after the first
   * repeats the last 3 events of the page before, and the first 5 and last 5 events lie just
   * outside the window (LookupEvents' end is inclusive; ours is not).
   */
  private List<List<SyntheticTrail.Generated>> pages() {
    SyntheticTrail trail = new SyntheticTrail("123456789012", "us-east-1", 99);
    List<SyntheticTrail.Generated> all = new ArrayList<>();
    int n = 0;
    Instant t = WINDOW.end().plusSeconds(4);
    while (all.size() < PAGES * 50 - OVERLAP * (PAGES - 1)) {
      SyntheticTrail.Generated g = trail.next(n++, t);
      if (g.kind() == SyntheticTrail.Kind.OTHER_SERVICE) {
        continue;
      }
      all.add(g);
      t = t.minusSeconds(all.size() == 5 ? 5 : 12);
    }
    // push the oldest 5 before the window's start
    for (int i = all.size() - 5; i < all.size(); i++) {
      SyntheticTrail.Generated g = all.get(i);
      Instant before = WINDOW.start().minusSeconds(all.size() - i);
      all.set(
          i,
          new SyntheticTrail.Generated(
              g.eventId(), before, g.kind(), g.record().put("eventTime", before.toString())));
    }
    List<List<SyntheticTrail.Generated>> pages = new ArrayList<>();
    int from = 0;
    for (int p = 0; p < PAGES; p++) {
      int start = p == 0 ? 0 : from - OVERLAP;
      int end = Math.min(all.size(), start + 50);
      pages.add(new ArrayList<>(all.subList(start, end)));
      served.addAll(all.subList(start, end));
      from = end;
    }
    return pages;
  }

  private static List<SyntheticTrail.Generated> distinct(List<SyntheticTrail.Generated> all) {
    Set<String> seen = new HashSet<>();
    return all.stream().filter(g -> seen.add(g.eventId())).toList();
  }

  /**
   * A LookupEvents answer: EventTime as epoch seconds, the record as the CloudTrailEvent string.
   */
  private static String page(List<SyntheticTrail.Generated> events, String nextToken)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode list = body.putArray("Events");
    for (SyntheticTrail.Generated g : events) {
      ObjectNode e = list.addObject();
      e.put("EventId", g.eventId());
      e.put("EventName", g.record().get("eventName").asText());
      e.put("ReadOnly", g.record().path("readOnly").asText("false"));
      e.put("AccessKeyId", "ASIAEXAMPLEKEY");
      e.put("EventTime", g.time().getEpochSecond());
      e.put("EventSource", "ecr.amazonaws.com");
      e.put("Username", g.record().path("userIdentity").path("userName").asText("session"));
      String repo = g.record().path("requestParameters").path("repositoryName").asText("");
      if (!repo.isEmpty()) {
        e.putArray("Resources")
            .addObject()
            .put("ResourceType", "AWS::ECR::Repository")
            .put("ResourceName", repo);
      }
      e.put("CloudTrailEvent", JSON.writeValueAsString(g.record()));
    }
    if (nextToken != null) {
      body.put("NextToken", nextToken);
    }
    return JSON.writeValueAsString(body);
  }

  /** The first page's request carries the filter and window; later ones their NextToken. */
  private static MappingBuilder pageRequest(int p) {
    if (p > 0) {
      return lookup().withRequestBody(matchingJsonPath("$.NextToken", equalTo("token-" + p)));
    }
    return lookup()
        .withRequestBody(notContaining("NextToken"))
        .withRequestBody(
            matchingJsonPath("$.LookupAttributes[0].AttributeKey", equalTo("EventSource")))
        .withRequestBody(
            matchingJsonPath("$.LookupAttributes[0].AttributeValue", equalTo("ecr.amazonaws.com")))
        .withRequestBody(matchingJsonPath("$.MaxResults", equalTo("50")));
  }

  private static MappingBuilder lookup() {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(body);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
      int status, String type, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }
}
