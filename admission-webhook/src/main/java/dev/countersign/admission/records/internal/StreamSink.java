package dev.countersign.admission.records.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Lines to a stream (standard output, collected by the container runtime). Each line is flushed
 * whole, so lines of other writers to the same stream cannot split it.
 */
public final class StreamSink implements LogSink {
  private final OutputStream out;
  private final boolean closeStream;

  public StreamSink(OutputStream out, boolean closeStream) {
    this.out = out;
    this.closeStream = closeStream;
  }

  @Override
  public void write(byte[] line) throws IOException {
    out.write(line);
    sync();
  }

  @Override
  public void sync() throws IOException {
    out.flush();
    // A PrintStream (System.out) swallows write errors; a lost decision line must not pass unseen.
    if (out instanceof PrintStream && ((PrintStream) out).checkError()) {
      throw new IOException("the output stream failed (closed or broken pipe)");
    }
  }

  @Override
  public void close() throws IOException {
    out.flush();
    if (closeStream) {
      out.close();
    }
  }
}
