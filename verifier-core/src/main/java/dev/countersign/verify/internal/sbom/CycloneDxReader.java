package dev.countersign.verify.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.internal.sbom.SbomReader.Result;
import dev.countersign.verify.sbom.Sbom;
import dev.countersign.verify.sbom.SbomFormat;
import dev.countersign.verify.sbom.SbomValidation;
import dev.countersign.verify.sbom.SbomValidation.Problem;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.List;
import java.util.Optional;
import org.cyclonedx.Format;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;

/**
 * CycloneDX through cyclonedx-core-java: the declared version picks the bundled schema, the
 * document is checked against it, and only a valid document is handed to the library's parser.
 */
final class CycloneDxReader {
  // Both parsers hold only a configured (thread-safe) Jackson mapper.
  private static final JsonParser JSON = new JsonParser();
  private static final XmlParser XML = new XmlParser();

  private CycloneDxReader() {}

  static Result readJson(byte[] document, JsonNode root) {
    Optional<SbomFormat> format = Optional.of(SbomFormat.CYCLONEDX_JSON);
    JsonNode sv = root.get("specVersion");
    if (sv == null || sv.isNull()) {
      return SbomReader.failed(
          format, "", "", ReasonCode.SBOM_INVALID, "specVersion", "required field is missing");
    }
    if (!sv.isTextual()) {
      return SbomReader.failed(
          format, "", "", ReasonCode.SBOM_INVALID, "specVersion", "must be a string");
    }
    String declared = sv.textValue();
    Version version = Version.fromVersionString(declared);
    if (version == null || !version.getFormats().contains(Format.JSON)) {
      return SbomReader.failed(
          format,
          declared,
          "",
          ReasonCode.SBOM_INVALID,
          "specVersion",
          "CycloneDX "
              + Texts.quote(declared)
              + " is not supported in JSON (supported: 1.2 to 1.6)");
    }
    String schema = SbomFormat.CYCLONEDX_JSON.label(declared) + " schema";
    List<Problem> problems = CycloneDxSchemas.validateJson(version, root);
    if (!problems.isEmpty()) {
      return new Result(new SbomValidation(format, declared, schema, problems), null);
    }
    try {
      Bom bom = JSON.parse(document);
      return valid(schema, CycloneDxMapper.map(bom, SbomFormat.CYCLONEDX_JSON, declared));
    } catch (ParseException | RuntimeException e) {
      return SbomReader.failed(
          format,
          declared,
          schema,
          ReasonCode.EVIDENCE_MALFORMED,
          "",
          "cyclonedx-core-java could not read the BOM: " + Texts.describe(e));
    }
  }

  static Result readXml(byte[] document) throws EvidenceFormatException {
    Optional<SbomFormat> format = Optional.of(SbomFormat.CYCLONEDX_XML);
    String namespace = CycloneDxXml.rootNamespace(document);
    Version version = null;
    for (Version v : Version.values()) {
      if (v.getNamespace().equals(namespace)) {
        version = v;
      }
    }
    if (version == null) {
      String prefix = "http://cyclonedx.org/schema/bom/";
      if (namespace.startsWith(prefix)) {
        String declared = namespace.substring(prefix.length());
        return SbomReader.failed(
            format,
            declared,
            "",
            ReasonCode.SBOM_INVALID,
            "bom",
            "CycloneDX "
                + Texts.quote(declared)
                + " is not supported in XML (supported: 1.0 to 1.6)");
      }
      throw new EvidenceFormatException(
          ReasonCode.EVIDENCE_MALFORMED,
          "",
          "the XML root element is not a CycloneDX bom (namespace " + Texts.quote(namespace) + ")");
    }
    String declared = version.getVersionString();
    String schema = SbomFormat.CYCLONEDX_XML.label(declared) + " schema";
    List<Problem> problems = CycloneDxXml.validate(document, CycloneDxSchemas.xml(version));
    if (!problems.isEmpty()) {
      return new Result(new SbomValidation(format, declared, schema, problems), null);
    }
    try {
      Bom bom = XML.parse(document);
      return valid(schema, CycloneDxMapper.map(bom, SbomFormat.CYCLONEDX_XML, declared));
    } catch (ParseException | RuntimeException e) {
      return SbomReader.failed(
          format,
          declared,
          schema,
          ReasonCode.EVIDENCE_MALFORMED,
          "",
          "cyclonedx-core-java could not read the BOM: " + Texts.describe(e));
    }
  }

  private static Result valid(String schema, Sbom sbom) {
    return new Result(
        new SbomValidation(Optional.of(sbom.format()), sbom.specVersion(), schema, List.of()),
        sbom);
  }
}
