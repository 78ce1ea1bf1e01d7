package dev.countersign.admission.internal.log;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.countersign.admission.AdmissionDecision;
import dev.countersign.admission.DecisionListener;
import dev.countersign.admission.ImageResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Structured logs: one JSON object per line ({@code time}, {@code level}, {@code msg} and fields),
 * written whole, so log collectors never see interleaved halves. One line per admission decision.
 */
public final class JsonLog implements DecisionListener {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] NEWLINE = System.lineSeparator().getBytes(StandardCharsets.UTF_8);

  private final PrintStream out;
  private final Clock clock;

  public JsonLog(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  public void info(String msg, Map<String, ?> fields) {
    write("info", msg, fields);
  }

  public void warn(String msg, Map<String, ?> fields) {
    write("warn", msg, fields);
  }

  public void error(String msg, Map<String, ?> fields) {
    write("error", msg, fields);
  }

  private void write(String level, String msg, Map<String, ?> fields) {
    print(
        g -> {
          g.writeStringField("level", level);
          g.writeStringField("msg", msg);
          for (Map.Entry<String, ?> e : fields.entrySet()) {
            g.writeFieldName(e.getKey());
            value(g, e.getValue());
          }
        });
  }

  private static void value(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Number n) {
      g.writeNumber(n.toString());
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        value(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Iterable<?> it) {
      g.writeStartArray();
      for (Object o : it) {
        value(g, o);
      }
      g.writeEndArray();
    } else {
      g.writeString(v.toString());
    }
  }

  @Override
  public void onDecision(AdmissionDecision d) {
    print(
        g -> {
          g.writeStringField("level", d.allowed() ? "info" : "warn");
          g.writeStringField("msg", "admission");
          g.writeStringField("uid", d.request().uid());
          g.writeStringField("endpoint", d.mutation() ? "mutate" : "validate");
          g.writeStringField("kind", d.request().qualifiedKind());
          g.writeStringField("namespace", d.request().namespace());
          g.writeStringField("name", d.request().name());
          g.writeStringField("operation", d.request().operation());
          g.writeStringField("user", d.request().user());
          g.writeBooleanField("dryRun", d.request().dryRun());
          g.writeStringField("decision", d.outcome().name());
          g.writeStringField("reason", d.reason().name());
          g.writeNumberField("durationMs", d.elapsed().toNanos() / 1_000_000.0);
          if (d.skipped().isPresent()) {
            g.writeStringField("skipped", d.skipped().get());
          }
          if (!d.policyRevision().isEmpty()) {
            g.writeStringField("policyRevision", d.policyRevision());
          }
          g.writeArrayFieldStart("images");
          for (ImageResult i : d.images()) {
            g.writeStartObject();
            g.writeStringField("path", i.fieldPath());
            g.writeStringField("image", i.image());
            if (!i.digest().isEmpty()) {
              g.writeStringField("digest", i.digest());
            }
            g.writeStringField("decision", i.outcome().name());
            g.writeArrayFieldStart("reasons");
            for (var r : i.reasons()) {
              g.writeString(r.name());
            }
            g.writeEndArray();
            g.writeStringField("source", i.source().name());
            g.writeEndObject();
          }
          g.writeEndArray();
          if (!d.messages().isEmpty()) {
            g.writeArrayFieldStart("messages");
            for (String m : d.messages()) {
              g.writeString(m);
            }
            g.writeEndArray();
          }
          if (!d.warnings().isEmpty()) {
            g.writeArrayFieldStart("warnings");
            for (String m : d.warnings()) {
              g.writeString(m);
            }
            g.writeEndArray();
          }
        });
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private void print(Fields fields) {
    // Encoded to UTF-8 once, straight from the generator, and written as one block: a line per
    // admission request at hundreds of requests a second is worth not copying through a String.
    ByteArrayOutputStream line = new ByteArrayOutputStream(2048);
    try (JsonGenerator g = JSON.createGenerator(line, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("time", clock.instant().toString());
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    line.writeBytes(NEWLINE);
    byte[] bytes = line.toByteArray();
    synchronized (out) {
      out.write(bytes, 0, bytes.length);
      out.flush();
    }
  }
}
