package dev.countersign.report.aws.internal;

import dev.countersign.report.aws.CollectionProblem;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.aws.TimeWindow;
import java.io.IOException;
import java.util.List;

/** Reads raw CloudTrail records of one source into the shared pipeline. */
public interface EventProducer {

  /** Short name for counts and problems, such as {@code cloudtrail:LookupEvents us-east-1}. */
  String name();

  /**
   * Offers every record of the window to {@code tally}; adds what could not be read to {@code
   * problems}.
   *
   * @throws IOException only when the event sink fails
   */
  void produce(
      TimeWindow window,
      EventPipeline.Tally tally,
      List<CollectionProblem> problems,
      Progress progress)
      throws IOException;

  /** A public source type that is read by a producer. */
  interface Backed {
    EventProducer producer();
  }
}
