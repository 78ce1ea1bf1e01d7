package dev.countersign.report.aws;

import dev.countersign.report.aws.internal.EventProducer;
import dev.countersign.report.aws.internal.EventReading;
import dev.countersign.report.aws.internal.TrailFilesProducer;
import dev.countersign.report.aws.internal.TrailStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * ECR events from the log files a trail delivered ({@code {"Records":[...]}}, gzip), in S3 or a
 * local copy: every account and region under {@code AWSLogs/}, filtered to {@code
 * ecr.amazonaws.com} and the window. Files are streamed record by record.
 *
 * <p>Files are chosen by the delivery time in their names: from the window's start to its end plus
 * the delivery lag (default 2 hours; CloudTrail delivers within about 5 minutes on average, later
 * under load), so that late deliveries of events inside the window are not missed.
 */
public final class TrailFiles implements CloudTrailEvents, EventProducer.Backed {
  private final TrailStore store;
  private final Duration deliveryLag;

  private TrailFiles(TrailStore store, Duration deliveryLag) {
    this.store = store;
    this.deliveryLag = deliveryLag;
  }

  public static TrailFiles in(TrailLocation location) {
    Objects.requireNonNull(location, "location");
    if (!(location instanceof TrailStore)) {
      throw new AwsEvidenceException(
          AwsReason.CONFIGURATION_INVALID,
          "trail locations come from TrailLocation.localFolder or TrailLocation.s3: " + location);
    }
    return new TrailFiles((TrailStore) location, Duration.ofHours(2));
  }

  /** How long after the window's end files are still read for events inside it. */
  public TrailFiles deliveryLag(Duration lag) {
    if (lag.isNegative()) {
      throw new AwsEvidenceException(
          AwsReason.CONFIGURATION_INVALID, "the delivery lag must not be negative: " + lag);
    }
    return new TrailFiles(store, lag);
  }

  @Override
  public EventReadReport read(TimeWindow window, EventSink sink, Progress progress)
      throws IOException {
    return EventReading.read(List.of(producer()), window, sink, progress);
  }

  @Override
  public EventProducer producer() {
    return new TrailFilesProducer(store, deliveryLag);
  }

  @Override
  public String toString() {
    return store.describe();
  }
}
