package dev.countersign.report.aws;

import dev.countersign.report.aws.internal.EventProducer;
import dev.countersign.report.aws.internal.EventReading;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming source of ECR events from CloudTrail for a time window: the {@code LookupEvents} API
 * ({@link CloudTrailLookup}) or delivered trail files ({@link TrailFiles}). Records are normalised
 * to {@link CloudTrailEvent}, kept only when their source is {@code ecr.amazonaws.com} and their
 * time is in the window, and passed on once per eventID. Memory stays bounded whatever the number
 * of events: records are parsed one at a time and only a 16-byte key per kept event is remembered.
 */
public interface CloudTrailEvents {

  /**
   * Reads the window and passes each kept event to the sink.
   *
   * @throws IOException when the sink cannot write; AWS and file problems are reported instead
   */
  EventReadReport read(TimeWindow window, EventSink sink, Progress progress) throws IOException;

  /**
   * Several sources read one after the other with one duplicate filter, for example the trail files
   * of two buckets, or trail files plus LookupEvents for the last hours not yet delivered.
   */
  static CloudTrailEvents combine(List<? extends CloudTrailEvents> sources) {
    List<EventProducer> producers = new ArrayList<>();
    for (CloudTrailEvents s : sources) {
      if (!(s instanceof EventProducer.Backed)) {
        throw new AwsEvidenceException(
            AwsReason.CONFIGURATION_INVALID,
            "only CloudTrailLookup and TrailFiles sources can be combined: " + s);
      }
      producers.add(((EventProducer.Backed) s).producer());
    }
    if (producers.isEmpty()) {
      throw new AwsEvidenceException(
          AwsReason.CONFIGURATION_INVALID, "at least one CloudTrail source is required");
    }
    return (window, sink, progress) -> EventReading.read(producers, window, sink, progress);
  }
}
