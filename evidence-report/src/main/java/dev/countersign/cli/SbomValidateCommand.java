package dev.countersign.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.sbom.Sbom;
import dev.countersign.verify.sbom.SbomSummary;
import dev.countersign.verify.sbom.SbomValidation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code countersign sbom validate FILE}: checks an SBOM against the schema of its declared
 * version. Exit 0 and a summary for a valid SBOM; exit 1 and the first problem (schema, path,
 * message) for an invalid one.
 */
@Command(
    name = "validate",
    description = "Check an SBOM against the schema of its declared version (offline).",
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class SbomValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      description = "Output format (default: text).")
  OutputFormat output = OutputFormat.text;

  @Option(
      names = {"-v", "--verbose"},
      description = "With text output, list every problem, not only the first.")
  boolean verbose;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The SBOM (CycloneDX JSON or XML, SPDX JSON).")
  Path file;

  @Override
  public Integer call() throws IOException {
    byte[] bytes = SbomCommand.read(file, "SBOM");
    SbomValidation v = Sbom.validate(bytes);
    SbomSummary summary = v.valid() ? summary(bytes) : null;
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.json) {
      SbomJson.write(out, g -> json(g, v, summary));
    } else if (v.valid()) {
      out.println("VALID " + file + ": " + summary.describe());
    } else {
      SbomValidation.Problem first = v.firstProblem().get();
      out.println("INVALID " + file + ": " + first.reason() + ": " + Main.oneLine(v.describe()));
      if (verbose) {
        v.problems().forEach(p -> out.println("  " + Main.oneLine(p.describe())));
      }
    }
    out.flush();
    return v.valid() ? ExitCode.VERIFIED : ExitCode.FAILED;
  }

  private static SbomSummary summary(byte[] validated) {
    try {
      return Sbom.parse(validated).summary();
    } catch (EvidenceFormatException e) {
      // validate and parse read the same way, so this is a defect, not bad input
      throw new IllegalStateException("a valid SBOM did not parse: " + e.describe(), e);
    }
  }

  private void json(JsonGenerator g, SbomValidation v, SbomSummary summary) throws IOException {
    g.writeStringField("file", file.toString());
    g.writeBooleanField("valid", v.valid());
    if (v.format().isPresent()) {
      g.writeStringField("format", v.format().get().name());
    }
    g.writeStringField("specVersion", v.specVersion());
    g.writeStringField("schema", v.schema());
    if (summary != null) {
      g.writeObjectFieldStart("summary");
      g.writeNumberField("components", summary.componentCount());
      g.writeObjectFieldStart("licenses");
      for (Map.Entry<String, Integer> e : summary.licenses().entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeStringField("metadataComponent", summary.metadataComponent().orElse(null));
      g.writeNumberField("vulnerabilities", summary.vulnerabilityCount());
      g.writeNumberField("dependencies", summary.dependencyCount());
      g.writeEndObject();
    }
    g.writeArrayFieldStart("problems");
    for (SbomValidation.Problem p : v.problems()) {
      g.writeStartObject();
      g.writeStringField("reason", p.reason().name());
      g.writeStringField("path", p.path());
      g.writeStringField("message", p.message());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
