package dev.countersign.report.aws;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.countersign.report.aws.internal.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes events as JSON lines, one file per category ({@code push.jsonl}, {@code pull.jsonl},
 * {@code configuration-change.jsonl}, {@code access-denied.jsonl}, {@code other.jsonl}), streamed:
 * each event is written when it arrives. Every file is created, so an empty file says "none" rather
 * than "not collected".
 *
 * <p>Each line holds the normalised fields and, unless turned off, the CloudTrail record exactly as
 * delivered under {@code record}. Not thread-safe.
 */
public final class JsonLinesWriter implements EventSink {
  private final Map<EventCategory, JsonGenerator> files = new EnumMap<>(EventCategory.class);
  private final Map<EventCategory, Long> written = new EnumMap<>(EventCategory.class);
  private final boolean includeRecords;

  private JsonLinesWriter(Path folder, boolean includeRecords) throws IOException {
    this.includeRecords = includeRecords;
    Files.createDirectories(folder);
    try {
      for (EventCategory c : EventCategory.values()) {
        OutputStream out =
            new BufferedOutputStream(Files.newOutputStream(folder.resolve(fileName(c))), 1 << 16);
        JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        g.setRootValueSeparator(null);
        files.put(c, g);
        written.put(c, 0L);
      }
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** Files in {@code folder} (created if needed), with the raw records. */
  public static JsonLinesWriter create(Path folder) throws IOException {
    return new JsonLinesWriter(folder, true);
  }

  /** Files in {@code folder} with the normalised fields only. */
  public static JsonLinesWriter withoutRecords(Path folder) throws IOException {
    return new JsonLinesWriter(folder, false);
  }

  public static String fileName(EventCategory category) {
    return category.fileStem() + ".jsonl";
  }

  @Override
  public void accept(CloudTrailEvent e) throws IOException {
    JsonGenerator g = files.get(e.category());
    if (g == null) {
      throw new IOException("the event files are closed");
    }
    writeLine(g, e, includeRecords);
    written.merge(e.category(), 1L, Long::sum);
  }

  /**
   * One event as one JSON line: the normalised fields, then (if asked and present) the CloudTrail
   * record exactly as delivered under {@code record}. The format of every events file Countersign
   * writes.
   */
  public static void writeLine(JsonGenerator g, CloudTrailEvent e, boolean includeRecord)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("eventId", e.eventId());
    g.writeStringField("eventTime", e.eventTime().toString());
    g.writeStringField("eventName", e.eventName());
    g.writeStringField("eventSource", e.eventSource());
    g.writeStringField("awsRegion", e.awsRegion());
    g.writeStringField("category", e.category().fileStem());
    g.writeStringField("principalArn", e.principalArn());
    g.writeStringField("principalType", e.principalType());
    g.writeStringField("sessionIssuerArn", e.sessionIssuerArn());
    g.writeStringField("sourceIPAddress", e.sourceIpAddress());
    g.writeStringField("userAgent", e.userAgent());
    g.writeStringField("repositoryName", e.repositoryName());
    g.writeStringField("imageTag", e.imageTag());
    g.writeStringField("imageDigest", e.imageDigest());
    g.writeStringField("errorCode", e.errorCode());
    g.writeStringField("errorMessage", e.errorMessage());
    g.writeBooleanField("readOnly", e.readOnly());
    if (includeRecord && !e.record().isEmpty()) {
      g.writeFieldName("record");
      g.writeRawValue(e.record());
    }
    g.writeEndObject();
    g.writeRaw('\n');
  }

  /** Lines written so far, per category. */
  public Map<EventCategory, Long> written() {
    return Map.copyOf(written);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (JsonGenerator g : files.values()) {
      try {
        g.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    files.clear();
    if (first != null) {
      throw first;
    }
  }
}
