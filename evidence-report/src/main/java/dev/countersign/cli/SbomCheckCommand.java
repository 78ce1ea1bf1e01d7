package dev.countersign.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.countersign.verify.Digest;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.sbom.SbomFinding;
import dev.countersign.verify.sbom.SbomGate;
import dev.countersign.verify.sbom.SbomPolicy;
import dev.countersign.verify.sbom.SbomSubject;
import dev.countersign.verify.sbom.VexDocument;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code countersign sbom check FILE --policy FILE}: applies the SBOM gates. One line per finding
 * (or JSON); exit 0 when every finding passes, 1 on any violation or an unreadable SBOM or VEX
 * document, 2 for usage and policy errors.
 */
@Command(
    name = "check",
    description =
        "Apply SBOM policy gates (denied components and licences, age, subject, vulnerabilities with VEX).",
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class SbomCheckCommand implements Callable<Integer> {
  /** Gate name of a VEX document that could not be read. */
  static final String VEX_GATE = "sbom.vex";

  @Spec CommandSpec spec;

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description =
          "The SBOM policy (YAML or JSON): deniedPurls, deniedLicenses, maxAge, failOnSeverity, requireSubjectMatch.")
  Path policy;

  @Option(
      names = "--vex",
      paramLabel = "FILE",
      description = "An OpenVEX or CycloneDX VEX document (repeatable).")
  List<Path> vex = new ArrayList<>();

  @Option(
      names = "--subject",
      paramLabel = "sha256:<hex>|IMAGE|NAME",
      description =
          "What the SBOM must describe: a digest, an image reference (with @digest), or a name.")
  String subject;

  @Option(
      names = "--time",
      paramLabel = "INSTANT",
      description = "Evaluate as of this time (RFC 3339; default: now), for reproducible reports.")
  String time;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      description = "Output format (default: text).")
  OutputFormat output = OutputFormat.text;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The SBOM (CycloneDX JSON or XML, SPDX JSON).")
  Path file;

  @Override
  public Integer call() throws IOException {
    SbomPolicy gates = SbomPolicyFile.load(policy);
    Instant now = now();
    SbomSubject who = subject(subject);
    byte[] sbom = SbomCommand.read(file, "SBOM");
    List<SbomFinding> findings = new ArrayList<>();
    List<VexDocument> documents = new ArrayList<>();
    for (Path v : vex) {
      try {
        documents.add(VexDocument.parse(SbomCommand.read(v, "VEX document")));
      } catch (EvidenceFormatException e) {
        findings.add(
            SbomFinding.fail(
                VEX_GATE, e.reason(), v + ": " + e.describe(), Map.of("file", v.toString())));
      }
    }
    findings.addAll(SbomGate.evaluate(sbom, gates, who, documents, now));
    boolean pass = findings.stream().allMatch(SbomFinding::ok);
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.json) {
      SbomJson.write(out, g -> json(g, pass, now, who, findings));
    } else {
      findings.forEach(f -> out.println(Main.oneLine(f.describe())));
    }
    out.flush();
    return pass ? ExitCode.VERIFIED : ExitCode.FAILED;
  }

  private Instant now() {
    if (time == null) {
      return Instant.now();
    }
    try {
      return java.time.OffsetDateTime.parse(time).toInstant();
    } catch (DateTimeParseException e) {
      throw new UsageException("USAGE", "--time: not an RFC 3339 time: " + time);
    }
  }

  /** A digest, an image reference (its digest and name), or a plain name. */
  static SbomSubject subject(String text) {
    if (text == null || text.isBlank()) {
      return SbomSubject.none();
    }
    Optional<Digest> digest = Digest.tryParse(text.trim());
    if (digest.isPresent()) {
      return SbomSubject.of(digest.get());
    }
    if (text.startsWith("sha256:") || text.startsWith("sha512:")) {
      throw new UsageException("USAGE", "--subject: not a valid digest: " + text);
    }
    try {
      ImageReference ref = ImageReference.parse(text.trim());
      String name = ref.registry() + "/" + ref.repository();
      return new SbomSubject(ref.digest().map(List::of).orElse(List.of()), Optional.of(name));
    } catch (IllegalArgumentException e) {
      return SbomSubject.named(text.trim());
    }
  }

  private void json(
      JsonGenerator g, boolean pass, Instant now, SbomSubject who, List<SbomFinding> findings)
      throws IOException {
    g.writeStringField("file", file.toString());
    g.writeStringField("outcome", pass ? "PASS" : "FAIL");
    g.writeStringField("time", now.toString());
    g.writeStringField("subject", who.describe());
    g.writeArrayFieldStart("findings");
    for (SbomFinding f : findings) {
      g.writeStartObject();
      g.writeStringField("gate", f.gate());
      g.writeBooleanField("ok", f.ok());
      g.writeStringField("reason", f.reason().name());
      g.writeStringField("detail", f.detail());
      g.writeObjectFieldStart("evidence");
      for (Map.Entry<String, String> e : f.evidence().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
