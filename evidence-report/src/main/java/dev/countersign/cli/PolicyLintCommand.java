package dev.countersign.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.countersign.verify.policy.LintFinding;
import dev.countersign.verify.policy.PolicyLint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code countersign policy lint PATH}. */
@Command(
    name = "lint",
    description =
        "Report everything wrong with policy files: load errors, unknown fields, identities without"
            + " an issuer, over-broad or unanchored identity patterns, unreachable trust roots.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class PolicyLintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PATH", description = "A policy file or directory.")
  Path path;

  @Option(
      names = "--trust-roots",
      paramLabel = "DIR",
      description =
          "The trust roots the policies will run with (the public-good root is always known).")
  Path trustRoots;

  @Option(
      names = "--fail-on",
      paramLabel = "error|warning",
      description = "Exit 1 when a finding of this severity or worse exists (default error).")
  LintFinding.Severity failOn = LintFinding.Severity.ERROR;

  @Option(names = "--output", paramLabel = "text|json", description = "Output format.")
  OutputFormat output = OutputFormat.text;

  @Override
  public Integer call() {
    List<LintFinding> findings =
        PolicyLint.lint(path, Optional.ofNullable(trustRoots), Instant.now());
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.json) {
      printJson(out, findings);
    } else {
      findings.forEach(out::println);
      long errors = count(findings, LintFinding.Severity.ERROR);
      long warnings = count(findings, LintFinding.Severity.WARNING);
      out.println(
          path
              + ": "
              + errors
              + " error(s), "
              + warnings
              + " warning(s), "
              + count(findings, LintFinding.Severity.INFO)
              + " note(s)");
    }
    out.flush();
    boolean failing = findings.stream().anyMatch(f -> f.severity().ordinal() <= failOn.ordinal());
    return failing ? ExitCode.FAILED : ExitCode.VERIFIED;
  }

  private static long count(List<LintFinding> findings, LintFinding.Severity s) {
    return findings.stream().filter(f -> f.severity() == s).count();
  }

  private static void printJson(PrintWriter out, List<LintFinding> findings) {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeArrayFieldStart("findings");
      for (LintFinding f : findings) {
        g.writeStartObject();
        g.writeStringField("severity", f.severity().name().toLowerCase(Locale.ROOT));
        g.writeStringField("code", f.code());
        g.writeStringField("location", f.location());
        g.writeStringField("message", f.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }
}
