package dev.countersign.verify.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import dev.countersign.verify.sbom.SbomValidation;
import dev.countersign.verify.sbom.SbomValidation.Problem;
import dev.countersign.verify.verdict.ReasonCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.CycloneDxSchema;
import org.cyclonedx.Version;
import org.xml.sax.SAXException;

/**
 * The CycloneDX schemas bundled with cyclonedx-core-java, compiled once per version. The library
 * maps every schema {@code $ref} (SPDX licence ids, JSF signatures, earlier BOM versions) to its
 * bundled copy and its XML schema factory refuses external access, so validation never touches the
 * network.
 */
public final class CycloneDxSchemas {
  private static final CycloneDxSchema SOURCE = new CycloneDxSchema() {};
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<Version, Schema> JSON = new ConcurrentHashMap<>();
  private static final Map<Version, javax.xml.validation.Schema> XML = new ConcurrentHashMap<>();
  private static final Set<String> VALUE_KEYWORDS =
      Set.of("enum", "pattern", "format", "minLength", "maxLength", "type", "const");
  private static final Pattern ENUM =
      Pattern.compile("does not have a value in the enumeration \\[(.*)\\]");

  private static final Map<Version, Set<String>> SCHEMA_REVISIONS =
      Map.of(
          Version.VERSION_12,
          Set.of(
              "http://cyclonedx.org/schema/bom-1.2.schema.json",
              "http://cyclonedx.org/schema/bom-1.2a.schema.json",
              "http://cyclonedx.org/schema/bom-1.2b.schema.json"),
          Version.VERSION_13,
          Set.of(
              "http://cyclonedx.org/schema/bom-1.3.schema.json",
              "http://cyclonedx.org/schema/bom-1.3a.schema.json"));

  private CycloneDxSchemas() {}

  /** Compiles the JSON schema of a version afresh (the cache uses this once per version). */
  public static Schema compileJson(Version version) {
    try {
      return SOURCE.getJsonSchema(version, MAPPER);
    } catch (IOException e) {
      throw new UncheckedIOException("bundled CycloneDX schema unreadable", e);
    }
  }

  /** Compiles the XML schema of a version afresh. */
  public static javax.xml.validation.Schema compileXml(Version version) {
    try {
      return SOURCE.getXmlSchema(version);
    } catch (SAXException e) {
      throw new IllegalStateException("bundled CycloneDX XML schema unusable", e);
    }
  }

  static javax.xml.validation.Schema xml(Version version) {
    return XML.computeIfAbsent(version, CycloneDxSchemas::compileXml);
  }

  /** Every violation of the version's JSON schema, in the validator's order. */
  static List<Problem> validateJson(Version version, JsonNode document) {
    return problems(
        JSON.computeIfAbsent(version, CycloneDxSchemas::compileJson)
            .validate(withoutRevisionSchemaUri(version, document)));
  }

  /**
   * The 1.2 and 1.3 JSON schemas were reissued as revisions (bom-1.2a, bom-1.2b, bom-1.3a) with the
   * same content model, and CycloneDX's own libraries write those URIs in {@code $schema}; the
   * bundled strict schemas accept only one spelling each. A document naming a revision of its own
   * version is validated without that optional member; any other value is left for the schema to
   * refuse.
   */
  private static JsonNode withoutRevisionSchemaUri(Version version, JsonNode document) {
    JsonNode uri = document.get("$schema");
    Set<String> revisions = SCHEMA_REVISIONS.get(version);
    if (revisions == null
        || uri == null
        || !uri.isTextual()
        || !revisions.contains(uri.textValue())
        || !(document instanceof ObjectNode)) {
      return document;
    }
    ObjectNode copy = ((ObjectNode) document).deepCopy();
    copy.remove("$schema");
    return copy;
  }

  /** Schema errors as problems; a failed oneOf/anyOf names its closest alternative's error. */
  static List<Problem> problems(List<Error> errors) {
    List<Problem> out = new ArrayList<>();
    for (Error e : errors) {
      if (out.size() == SbomValidation.MAX_PROBLEMS) {
        break;
      }
      String message = message(e);
      String kw = e.getKeyword();
      if ("oneOf".equals(kw) || "anyOf".equals(kw)) {
        Error closest = closest(errors, e);
        if (closest != null) {
          message +=
              "; closest alternative fails at "
                  + path(closest.getInstanceLocation())
                  + ": "
                  + message(closest);
        }
      }
      out.add(new Problem(ReasonCode.SBOM_INVALID, path(e.getInstanceLocation()), message));
    }
    return out;
  }

  /** The deepest error reported inside a failed oneOf/anyOf. */
  private static Error closest(List<Error> errors, Error parent) {
    String prefix = String.valueOf(parent.getEvaluationPath()) + "/";
    Error best = null;
    for (Error e : errors) {
      if (e != parent
          && String.valueOf(e.getEvaluationPath()).startsWith(prefix)
          && (best == null || depth(e.getInstanceLocation()) > depth(best.getInstanceLocation()))) {
        best = e;
      }
    }
    return best;
  }

  private static int depth(NodePath p) {
    return p == null ? 0 : p.getNameCount();
  }

  private static String message(Error e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    Matcher enumList = ENUM.matcher(m);
    if (enumList.find()) {
      String[] values = enumList.group(1).split(", ");
      m =
          values.length <= 12
              ? "is not one of the allowed values " + enumList.group(1)
              : "is not one of the "
                  + values.length
                  + " allowed values ("
                  + String.join(", ", java.util.Arrays.copyOf(values, 6))
                  + ", ...)";
    }
    JsonNode instance = e.getInstanceNode();
    if (VALUE_KEYWORDS.contains(e.getKeyword()) && instance != null && instance.isValueNode()) {
      m = "value " + Texts.clip(instance.toString(), 80) + " " + m;
    }
    String rule = e.getSchemaLocation() == null ? "" : e.getSchemaLocation().toString();
    int hash = rule.indexOf('#');
    return Texts.clip(m, 400) + (hash < 0 ? "" : " [schema " + rule.substring(hash) + "]");
  }

  /** A JSON pointer as a dotted path with indexes: {@code components[0].hashes[1].content}. */
  static String path(NodePath p) {
    if (p == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < p.getNameCount(); i++) {
      Object el = p.getElement(i);
      if (el instanceof Integer) {
        sb.append('[').append(el).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(el);
      }
    }
    return sb.toString();
  }
}
