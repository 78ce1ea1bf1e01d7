package dev.countersign.report.aws.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.report.aws.CloudTrailEvent;
import dev.countersign.report.aws.EventCategory;
import java.time.Instant;
import java.util.Optional;

/**
 * A CloudTrail record (as in trail files, and as the {@code CloudTrailEvent} string of
 * LookupEvents) to a {@link CloudTrailEvent}. Fields are read where the CloudTrail record contents
 * reference puts them; ECR's own parameters where ECR's events put them.
 */
public final class EventNormalizer {
  private EventNormalizer() {}

  /** The identifying fields; empty when the record lacks one of them (counted as malformed). */
  public record Head(String eventId, Instant eventTime, String eventSource) {}

  public static Optional<Head> head(JsonNode record) {
    if (record == null || !record.isObject()) {
      return Optional.empty();
    }
    Optional<String> id = Json.text(record, "eventID");
    Optional<Instant> time = Json.instant(record, "eventTime");
    Optional<String> source = Json.text(record, "eventSource");
    if (id.isEmpty() || time.isEmpty() || source.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Head(id.get(), time.get(), source.get()));
  }

  public static CloudTrailEvent normalize(Head head, JsonNode r) throws JsonProcessingException {
    String eventName = Json.text(r, "eventName").orElse("");
    String errorCode = Json.text(r, "errorCode").orElse("");
    EventCategory category = EventCategories.classify(eventName, errorCode);
    JsonNode identity = r.get("userIdentity");
    String type = Json.text(identity, "type").orElse("");
    String arn =
        Json.text(identity, "arn")
            .or(() -> Json.text(identity, "invokedBy"))
            .or(() -> Json.text(identity, "principalId"))
            .orElse("");
    String issuer = Json.text(identity, "sessionContext", "sessionIssuer", "arn").orElse("");
    JsonNode request = r.get("requestParameters");
    JsonNode response = r.get("responseElements");
    JsonNode firstImageId = first(request, "imageIds");
    JsonNode firstImage = first(response, "images");
    String repository =
        Json.text(request, "repositoryName")
            .or(() -> Json.text(response, "repository", "repositoryName"))
            .or(() -> Json.text(response, "image", "repositoryName"))
            .or(() -> repositoryFromResources(r))
            .orElse("");
    String tag =
        Json.text(request, "imageTag")
            .or(() -> Json.text(response, "image", "imageId", "imageTag"))
            .or(() -> Json.text(firstImageId, "imageTag"))
            .or(() -> Json.text(firstImage, "imageId", "imageTag"))
            .orElse("");
    String digest =
        Json.text(response, "image", "imageId", "imageDigest")
            .or(() -> Json.text(request, "imageDigest"))
            .or(() -> Json.text(firstImageId, "imageDigest"))
            .or(() -> Json.text(firstImage, "imageId", "imageDigest"))
            .orElse("");
    JsonNode readOnlyNode = r.get("readOnly");
    boolean readOnly =
        readOnlyNode != null && !readOnlyNode.isNull()
            ? readOnlyNode.asBoolean()
            : EventCategories.readOnlyByName(eventName);
    return new CloudTrailEvent(
        head.eventId(),
        head.eventTime(),
        eventName,
        head.eventSource(),
        Json.text(r, "awsRegion").orElse(""),
        arn,
        type,
        issuer,
        Json.text(r, "sourceIPAddress").orElse(""),
        Json.text(r, "userAgent").orElse(""),
        repository,
        tag,
        digest,
        errorCode,
        Json.text(r, "errorMessage").orElse(""),
        readOnly,
        category,
        Json.MAPPER.writeValueAsString(r));
  }

  private static JsonNode first(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode array = node.get(field);
    return array != null && array.isArray() && array.size() > 0 ? array.get(0) : null;
  }

  /** {@code arn:aws:ecr:region:account:repository/name} in the record's resources. */
  private static Optional<String> repositoryFromResources(JsonNode r) {
    JsonNode resources = r.get("resources");
    if (resources == null || !resources.isArray()) {
      return Optional.empty();
    }
    for (JsonNode res : resources) {
      Optional<String> arn = Json.text(res, "ARN");
      if (arn.isPresent()) {
        int at = arn.get().indexOf(":repository/");
        if (at > 0) {
          return Optional.of(arn.get().substring(at + ":repository/".length()));
        }
      }
    }
    return Optional.empty();
  }
}
