package dev.countersign.report.aws;

import java.io.IOException;

/** Receives the kept events one at a time, in the order they were read. */
public interface EventSink extends AutoCloseable {
  void accept(CloudTrailEvent event) throws IOException;

  @Override
  default void close() throws IOException {}
}
