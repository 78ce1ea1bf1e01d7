package dev.countersign.verify.sbom;

import dev.countersign.verify.verdict.ReasonCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of checking a document against the schema of its declared version.
 *
 * @param format the detected format; empty when the bytes are not a recognisable SBOM
 * @param specVersion the declared version; empty string when unknown
 * @param schema the schema checked against, e.g. {@code CycloneDX 1.5 JSON schema}; empty when no
 *     schema could be chosen
 * @param problems every problem found (at most {@link #MAX_PROBLEMS}), in document order; empty for
 *     a valid document
 */
public record SbomValidation(
    Optional<SbomFormat> format, String specVersion, String schema, List<Problem> problems) {

  /** Problems kept; a document with more reports the first ones. */
  public static final int MAX_PROBLEMS = 100;

  public SbomValidation {
    Objects.requireNonNull(format, "format");
    specVersion = specVersion == null ? "" : specVersion;
    schema = schema == null ? "" : schema;
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  /** The first problem, if any. */
  public Optional<Problem> firstProblem() {
    return problems.stream().findFirst();
  }

  /**
   * One line: {@code valid CycloneDX 1.5 JSON}, or the first problem with its schema and path:
   * {@code CycloneDX 1.4 JSON schema: components[0].type: value "foo" is not one of ...}.
   */
  public String describe() {
    if (valid()) {
      return "valid " + format.map(f -> f.label(specVersion)).orElse("SBOM");
    }
    Problem p = problems.get(0);
    return (schema.isEmpty() || p.reason() != ReasonCode.SBOM_INVALID ? "" : schema + ": ")
        + p.describe();
  }

  /**
   * One problem.
   *
   * @param reason {@code SBOM_INVALID} for schema violations and unsupported versions, {@code
   *     EVIDENCE_MALFORMED} for bytes that are not a well-formed JSON/XML SBOM
   * @param path where: a JSON path ({@code components[0].hashes[1].content}) or, for XML, the
   *     element path ({@code bom.components.component[2]}); empty for the whole document
   * @param message what is wrong (for XML it starts with the line and column)
   */
  public record Problem(ReasonCode reason, String path, String message) {
    public Problem {
      Objects.requireNonNull(reason, "reason");
      path = path == null ? "" : path;
      message = message == null ? "" : message;
    }

    /** {@code path: message}, or the message alone for the whole document. */
    public String describe() {
      return path.isEmpty() ? message : path + ": " + message;
    }
  }
}
