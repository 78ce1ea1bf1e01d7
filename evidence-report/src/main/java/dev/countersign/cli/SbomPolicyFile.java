package dev.countersign.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.sbom.SbomPolicy;
import dev.countersign.verify.sbom.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the SBOM section of a policy from a YAML or JSON file, either at the top level or under
 * {@code sbom:}:
 *
 * <pre>
 * deniedPurls:
 *   - pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1            # one version
 *   - pkg:npm/event-stream@vers:npm/&gt;=3.3.6|&lt;4.0.0                    # a vers range
 *   - { purl: pkg:maven/org.apache.logging.log4j/log4j-core, versions: "vers:maven/&lt;2.17.1" }
 * deniedLicenses: [GPL-3.0-only, AGPL-3.0-only]
 * maxAge: 30d
 * failOnSeverity: high          # critical | high | medium | low | none
 * requireSubjectMatch: true
 * </pre>
 *
 * Every error names the file and the field.
 */
final class SbomPolicyFile {
  static final long MAX_BYTES = 1024 * 1024;
  private static final Set<String> FIELDS =
      Set.of("deniedPurls", "deniedLicenses", "maxAge", "failOnSeverity", "requireSubjectMatch");

  private SbomPolicyFile() {}

  static SbomPolicy load(Path file) {
    JsonNode root = read(file);
    if (root.has("sbom") && root.size() == 1) {
      root = root.get("sbom");
      if (!root.isObject()) {
        throw invalid(file, "sbom", "must be a mapping");
      }
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw invalid(
            file,
            name,
            "unknown field; expected one of "
                + String.join(", ", List.copyOf(new java.util.TreeSet<>(FIELDS))));
      }
    }
    List<SbomPolicy.DeniedComponent> denied = new ArrayList<>();
    List<JsonNode> purls = list(file, root, "deniedPurls");
    for (int i = 0; i < purls.size(); i++) {
      String field = "deniedPurls[" + i + "]";
      JsonNode entry = purls.get(i);
      try {
        if (entry.isTextual()) {
          denied.add(SbomPolicy.DeniedComponent.parse(entry.textValue()));
        } else if (entry.isObject()) {
          denied.add(
              new SbomPolicy.DeniedComponent(
                  text(file, entry, "purl", field),
                  Optional.ofNullable(entry.get("versions"))
                      .map(v -> text(file, entry, "versions", field))));
        } else {
          throw invalid(file, field, "must be a purl or a mapping with purl and versions");
        }
      } catch (PolicyException e) {
        throw invalid(file, field, e.getMessage().replaceFirst("^deniedPurls: ", ""));
      }
    }
    List<String> licenses = new ArrayList<>();
    List<JsonNode> lic = list(file, root, "deniedLicenses");
    for (int i = 0; i < lic.size(); i++) {
      if (!lic.get(i).isTextual()) {
        throw invalid(file, "deniedLicenses[" + i + "]", "must be an SPDX licence id");
      }
      licenses.add(lic.get(i).textValue());
    }
    Optional<java.time.Duration> maxAge = Optional.empty();
    if (root.has("maxAge")) {
      try {
        maxAge = Optional.of(SbomPolicy.parseMaxAge(text(file, root, "maxAge", "")));
      } catch (PolicyException e) {
        throw invalid(file, "maxAge", e.getMessage().replaceFirst("^maxAge: ", ""));
      }
    }
    Optional<Severity> severity = Optional.empty();
    if (root.has("failOnSeverity")) {
      String s = text(file, root, "failOnSeverity", "");
      severity = Severity.parse(s).filter(x -> x != Severity.UNKNOWN && x != Severity.INFO);
      if (severity.isEmpty()) {
        throw invalid(
            file, "failOnSeverity", "'" + s + "' is not one of critical, high, medium, low, none");
      }
    }
    boolean subject = false;
    if (root.has("requireSubjectMatch")) {
      if (!root.get("requireSubjectMatch").isBoolean()) {
        throw invalid(file, "requireSubjectMatch", "must be true or false");
      }
      subject = root.get("requireSubjectMatch").booleanValue();
    }
    try {
      return new SbomPolicy(denied, licenses, maxAge, severity, subject);
    } catch (PolicyException e) {
      throw invalid(
          file,
          e.location(),
          e.getMessage()
              .replaceFirst("^" + java.util.regex.Pattern.quote(e.location()) + ": ", ""));
    }
  }

  private static JsonNode read(Path file) {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file)) {
        throw new UsageException("INPUT_UNREADABLE", "cannot read policy " + file + ": not a file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw invalid(file, "", "larger than " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UsageException(
          "INPUT_UNREADABLE", "cannot read policy " + file + ": " + e.getMessage());
    }
    try {
      JsonNode root = new YAMLMapper().readTree(bytes);
      if (root == null || !root.isObject()) {
        throw invalid(file, "", "must be a mapping of SBOM policy fields");
      }
      return root;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
      throw invalid(file, "", "not YAML or JSON: " + where + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid(file, "", "not YAML or JSON: " + e.getMessage());
    }
  }

  private static List<JsonNode> list(Path file, JsonNode root, String field) {
    JsonNode n = root.get(field);
    List<JsonNode> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw invalid(file, field, "must be a list");
    }
    n.forEach(out::add);
    return out;
  }

  private static String text(Path file, JsonNode obj, String name, String at) {
    JsonNode n = obj.get(name);
    String field = at.isEmpty() ? name : at + "." + name;
    if (n == null || n.isNull()) {
      throw invalid(file, field, "is missing");
    }
    if (!n.isTextual() && !n.isNumber()) {
      throw invalid(file, field, "must be a string");
    }
    return n.asText();
  }

  private static UsageException invalid(Path file, String field, String message) {
    return new UsageException(
        "POLICY_INVALID", file + (field.isEmpty() ? "" : ": " + field) + ": " + message);
  }
}
