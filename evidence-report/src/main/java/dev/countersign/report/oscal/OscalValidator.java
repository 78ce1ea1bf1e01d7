package dev.countersign.report.oscal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.nist.secauto.metaschema.core.model.constraint.IConstraint;
import gov.nist.secauto.metaschema.core.model.validation.IValidationFinding;
import gov.nist.secauto.metaschema.core.model.validation.JsonSchemaContentValidator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates assessment-results JSON offline: the official OSCAL 1.1.3 schema that liboscal-java
 * ships, and the rule that a packet makes no determination.
 *
 * <p>liboscal-java's Metaschema constraint validation is not run: its reference checks load the
 * document named by {@code import-ap} and, through it, the SSP, profile and catalog, which a packet
 * does not hold and which may be remote. Validation here must work offline on the packet alone.
 */
final class OscalValidator {
  /** Where liboscal-java ships the official assessment-results JSON schema. */
  static final String SCHEMA_RESOURCE = "schema/json/oscal-ar_schema.json";

  /** The {@code $id} of the OSCAL 1.1.3 assessment-results JSON schema. */
  static final String SCHEMA_ID = "http://csrc.nist.gov/ns/oscal/1.0/oscal-ar-1.1.3-schema.json";

  private static final long MAX_BYTES = 64L * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final class Holder {
    static final OscalValidator INSTANCE = new OscalValidator();
  }

  private final JsonSchemaContentValidator schema;

  private OscalValidator() {
    try (InputStream in =
        OscalValidator.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            SCHEMA_RESOURCE + " is not on the classpath; liboscal-java is missing");
      }
      byte[] bytes = in.readAllBytes();
      String id = JSON.readTree(bytes).path("$id").asText();
      // Why: validating against a different OSCAL version than the one written would pass or
      // fail documents for the wrong reasons; a library upgrade that changes it must be noticed.
      if (!SCHEMA_ID.equals(id)) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is " + id + ", expected " + SCHEMA_ID);
      }
      schema = new JsonSchemaContentValidator(new java.io.ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + SCHEMA_RESOURCE, e);
    }
  }

  static OscalValidator instance() {
    return Holder.INSTANCE;
  }

  List<OscalProblem> validate(Path file) {
    List<OscalProblem> problems = new ArrayList<>();
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        problems.add(new OscalProblem(OscalCheck.JSON_SYNTAX, true, "", "larger than 64 MiB"));
        return problems;
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(new OscalProblem(OscalCheck.JSON_SYNTAX, true, "", "cannot read: " + e));
      return problems;
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      problems.add(
          new OscalProblem(
              OscalCheck.JSON_SYNTAX, true, "", "not JSON: " + e.getOriginalMessage()));
      return problems;
    }
    if (!tree.isObject()) {
      problems.add(new OscalProblem(OscalCheck.JSON_SYNTAX, true, "", "not a JSON object"));
      return problems;
    }

    URI uri = file.toUri();
    try (InputStream in = new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
      for (IValidationFinding f : schema.validate(in, uri).getFindings()) {
        problems.add(problem(OscalCheck.SCHEMA, f));
      }
    } catch (IOException | RuntimeException e) {
      problems.add(
          new OscalProblem(OscalCheck.SCHEMA, true, "", "the schema check could not run: " + e));
    }
    noDetermination(tree, "", problems);

    return problems;
  }

  private static OscalProblem problem(OscalCheck check, IValidationFinding f) {
    boolean error = f.getSeverity().ordinal() >= IConstraint.Level.ERROR.ordinal();
    String location = f.getPath() == null ? "" : f.getPath();
    return new OscalProblem(check, error, location, String.valueOf(f.getMessage()));
  }

  /** Findings and objective states are determinations; a packet carries neither. */
  private static void noDetermination(JsonNode node, String path, List<OscalProblem> problems) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path + "/" + e.getKey();
        if (e.getKey().equals("findings")) {
          problems.add(
              new OscalProblem(
                  OscalCheck.NO_DETERMINATION,
                  true,
                  p,
                  "findings declare objectives satisfied or not satisfied; that is the"
                      + " assessor's determination, not the packet's"));
        }
        if (e.getKey().equals("state")
            && e.getValue().isTextual()
            && (e.getValue().textValue().equals("satisfied")
                || e.getValue().textValue().equals("not-satisfied"))) {
          problems.add(
              new OscalProblem(
                  OscalCheck.NO_DETERMINATION,
                  true,
                  p,
                  "objective status " + e.getValue().textValue() + " is a determination"));
        }
        noDetermination(e.getValue(), p, problems);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        noDetermination(node.get(i), path + "/" + i, problems);
      }
    }
  }
}
