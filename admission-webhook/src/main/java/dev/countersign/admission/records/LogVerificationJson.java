package dev.countersign.admission.records;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The JSON form of a {@link LogVerification} ({@value #MEDIA_TYPE}); field order is fixed. */
public final class LogVerificationJson {
  /** The versioned media type of the JSON form. */
  public static final String MEDIA_TYPE =
      "application/vnd.countersign.decision-log-verification.v1+json";

  private static final JsonFactory FACTORY = new JsonFactory();

  private LogVerificationJson() {}

  /** Indented JSON for people and tools. */
  public static String toPrettyJson(LogVerification v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      write(g, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Writes the report as one JSON object (for embedding in larger documents). */
  public static void write(JsonGenerator g, LogVerification v) throws IOException {
    g.writeStartObject();
    g.writeStringField("mediaType", MEDIA_TYPE);
    g.writeBooleanField("valid", v.valid());
    g.writeNumberField("lines", v.lines());
    g.writeNumberField("records", v.records());
    g.writeArrayFieldStart("files");
    for (LogFileSummary f : v.files()) {
      g.writeStartObject();
      g.writeStringField("file", f.file().toString());
      g.writeNumberField("lines", f.lines());
      g.writeNumberField("records", f.records());
      g.writeNumberField("firstSeq", f.firstSeq());
      g.writeNumberField("lastSeq", f.lastSeq());
      g.writeStringField("headHash", f.headHash());
      g.writeStringField("keyId", f.keyId());
      g.writeStringField("previousFile", f.previousFile());
      g.writeStringField("end", f.end().name());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("problemCount", v.problemCount());
    g.writeArrayFieldStart("problems");
    for (LogProblem p : v.problems()) {
      g.writeStartObject();
      g.writeStringField("file", p.file().toString());
      g.writeNumberField("line", p.line());
      g.writeStringField("kind", p.kind().name());
      g.writeStringField("message", p.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("notes");
    for (String n : v.notes()) {
      g.writeString(n);
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
