package dev.countersign.report.aws.internal;

import dev.countersign.report.aws.CollectionProblem;
import dev.countersign.report.aws.EventReadReport;
import dev.countersign.report.aws.EventSink;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.aws.SourceCount;
import dev.countersign.report.aws.TimeWindow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Runs producers in order through one pipeline (one duplicate filter across all of them). */
public final class EventReading {
  private EventReading() {}

  public static EventReadReport read(
      List<EventProducer> producers, TimeWindow window, EventSink sink, Progress progress)
      throws IOException {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(progress, "progress");
    EventPipeline pipeline = new EventPipeline(window, sink, progress);
    List<CollectionProblem> problems = new ArrayList<>();
    List<SourceCount> counts = new ArrayList<>();
    for (EventProducer producer : producers) {
      EventPipeline.Tally tally = pipeline.tally(producer.name());
      producer.produce(window, tally, problems, progress);
      counts.add(tally.count());
    }
    return new EventReadReport(window, counts, problems);
  }
}
