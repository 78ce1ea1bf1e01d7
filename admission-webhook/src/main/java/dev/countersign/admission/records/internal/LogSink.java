package dev.countersign.admission.records.internal;

import java.io.IOException;

/** Where a decision log's lines go: a file, or a stream such as standard output. */
public interface LogSink extends AutoCloseable {
  /** Writes one line; the bytes include the newline. */
  void write(byte[] line) throws IOException;

  /** Makes every line written so far durable (fsync for a file, flush for a stream). */
  void sync() throws IOException;

  @Override
  void close() throws IOException;
}
