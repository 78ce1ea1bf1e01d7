package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** A JSON lines file written as records arrive; thread-safe. Optionally gzip-compressed. */
public final class JsonLinesFile implements AutoCloseable {
  private final OutputStream out;
  private long lines;

  private JsonLinesFile(OutputStream out) {
    this.out = out;
  }

  public static JsonLinesFile create(PacketFiles files, String relative) throws IOException {
    return new JsonLinesFile(new BufferedOutputStream(files.open(relative), 1 << 16));
  }

  /** gzip at a fast level: event files are large and written once. */
  public static JsonLinesFile gzip(PacketFiles files, String relative) throws IOException {
    OutputStream raw = files.open(relative);
    GZIPOutputStream gz =
        new GZIPOutputStream(raw, 1 << 16) {
          {
            def.setLevel(1);
          }
        };
    return new JsonLinesFile(new BufferedOutputStream(gz, 1 << 16));
  }

  public synchronized long write(JsonNode node) throws IOException {
    return writeLine(PacketJson.line(node));
  }

  /** Writes one line; returns its 1-based line number. */
  public synchronized long writeLine(String compactJson) throws IOException {
    out.write(compactJson.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
    return ++lines;
  }

  public synchronized long lines() {
    return lines;
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
