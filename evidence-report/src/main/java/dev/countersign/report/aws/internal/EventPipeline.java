package dev.countersign.report.aws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.report.aws.EventCategory;
import dev.countersign.report.aws.EventSink;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.aws.SourceCount;
import dev.countersign.report.aws.TimeWindow;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Optional;

/**
 * Filter, duplicate check and counting for every source: a record is read, then kept only when it
 * is an ECR record, in the window, well-formed and not seen before, and every record lands in
 * exactly one count.
 */
public final class EventPipeline {
  private static final long PROGRESS_EVERY = 10_000;

  private final TimeWindow window;
  private final EventSink sink;
  private final Progress progress;
  private final EventIdSet seen = new EventIdSet();
  private long totalRead;
  private long totalKept;

  EventPipeline(TimeWindow window, EventSink sink, Progress progress) {
    this.window = window;
    this.sink = sink;
    this.progress = progress;
  }

  Tally tally(String source) {
    return new Tally(source);
  }

  /** The counts of one source. */
  public final class Tally {
    private final String source;
    private long units;
    private long read;
    private long otherService;
    private long outsideWindow;
    private long malformed;
    private long duplicates;
    private final EnumMap<EventCategory, Long> kept = new EnumMap<>(EventCategory.class);

    private Tally(String source) {
      this.source = source;
    }

    /** One more API page answered, or one more log file read. */
    public void unit() {
      units++;
    }

    /** A record that could not even be parsed as JSON. */
    public void malformedRecord() {
      read++;
      malformed++;
      tick();
    }

    public void offer(JsonNode record) throws IOException {
      read++;
      tick();
      Optional<EventNormalizer.Head> head = EventNormalizer.head(record);
      if (head.isEmpty()) {
        malformed++;
        return;
      }
      if (!EventCategories.ECR_EVENT_SOURCE.equals(head.get().eventSource())) {
        otherService++;
        return;
      }
      if (!window.contains(head.get().eventTime())) {
        outsideWindow++;
        return;
      }
      if (!seen.add(head.get().eventId())) {
        duplicates++;
        return;
      }
      var event = EventNormalizer.normalize(head.get(), record);
      kept.merge(event.category(), 1L, Long::sum);
      totalKept++;
      sink.accept(event);
    }

    public SourceCount count() {
      return new SourceCount(
          source, units, read, otherService, outsideWindow, malformed, duplicates, kept);
    }

    private void tick() {
      if (++totalRead % PROGRESS_EVERY == 0) {
        progress.update("cloudtrail events", totalKept, -1);
      }
    }
  }
}
