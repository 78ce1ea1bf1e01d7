package dev.countersign.report.aws.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.report.aws.CollectionProblem;
import dev.countersign.report.aws.EvidenceSink;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.aws.TimeWindow;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Pages through {@code LookupEvents} filtered to ECR's event source. The client it is given is
 * rate-limited per HTTP attempt and retries throttling and server errors itself; a page that still
 * fails ends this source with a problem, since the pages after it cannot be reached without its
 * NextToken.
 */
public final class LookupEventsProducer implements EventProducer {
  /** LookupEvents' maximum page size. */
  public static final int PAGE_SIZE = 50;

  private final CloudTrailClient client;
  private final String region;
  private final Optional<EvidenceSink> rawPages;
  private final Clock clock;

  public LookupEventsProducer(
      CloudTrailClient client, String region, Optional<EvidenceSink> rawPages, Clock clock) {
    this.client = client;
    this.region = region;
    this.rawPages = rawPages;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "cloudtrail:LookupEvents " + region;
  }

  @Override
  public void produce(
      TimeWindow window,
      EventPipeline.Tally tally,
      List<CollectionProblem> problems,
      Progress progress)
      throws IOException {
    String token = null;
    int page = 0;
    do {
      String t = token;
      page++;
      CapturedExchange cap = new CapturedExchange();
      LookupEventsResponse response;
      try {
        response =
            client.lookupEvents(
                b ->
                    b.lookupAttributes(
                            LookupAttribute.builder()
                                .attributeKey(LookupAttributeKey.EVENT_SOURCE)
                                .attributeValue(EventCategories.ECR_EVENT_SOURCE)
                                .build())
                        .startTime(window.start())
                        .endTime(window.end())
                        .maxResults(PAGE_SIZE)
                        .nextToken(t)
                        .overrideConfiguration(
                            o -> o.putExecutionAttribute(ExchangeRecorder.CAPTURE, cap)));
      } catch (SdkException e) {
        problems.add(SdkErrors.problem("cloudtrail:LookupEvents", "page " + page, e));
        return;
      }
      tally.unit();
      if (rawPages.isPresent()) {
        rawPages
            .get()
            .write(
                String.format("cloudtrail/lookup-events/%s/page-%06d.json", region, page),
                cap.responseBody().orElse(new byte[0]),
                cap.query("cloudtrail", "LookupEvents", region, "", clock.instant()));
      }
      for (Event e : response.events()) {
        JsonNode record = parse(e.cloudTrailEvent());
        if (record == null) {
          tally.malformedRecord();
        } else {
          tally.offer(record);
        }
      }
      progress.update("cloudtrail lookup pages", page, -1);
      token = response.nextToken();
    } while (token != null && !token.isEmpty());
  }

  private static JsonNode parse(String cloudTrailEvent) {
    if (cloudTrailEvent == null) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(cloudTrailEvent);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
