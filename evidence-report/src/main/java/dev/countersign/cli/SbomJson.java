package dev.countersign.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Writes the JSON output of the sbom commands: one pretty-printed object. */
final class SbomJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Writes the fields of one object. */
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private SbomJson() {}

  static void write(PrintWriter out, Body body) throws IOException {
    StringWriter s = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(s)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    }
    out.println(s);
  }
}
