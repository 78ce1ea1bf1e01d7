package dev.countersign.verify.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.sbom.Sbom;
import dev.countersign.verify.sbom.SbomFormat;
import dev.countersign.verify.sbom.SbomValidation;
import dev.countersign.verify.sbom.SbomValidation.Problem;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.List;
import java.util.Optional;

/**
 * Reads SBOM documents: detects JSON or XML, then CycloneDX or SPDX, checks the schema of the
 * declared version and maps the document to {@link Sbom}. Every failure is a problem with a reason
 * code and a path, never an unchecked exception.
 */
public final class SbomReader {
  private SbomReader() {}

  /**
   * What reading a document gave: the validation, and the SBOM when it is valid.
   *
   * @param validation the validation result
   * @param sbom the SBOM, or null when the validation has problems
   */
  record Result(SbomValidation validation, Sbom sbom) {}

  public static Sbom parse(byte[] document) throws EvidenceFormatException {
    Result r = read(document);
    if (r.sbom() != null) {
      return r.sbom();
    }
    Problem p = r.validation().problems().get(0);
    String schema = r.validation().schema();
    String message =
        p.reason() == ReasonCode.SBOM_INVALID && !schema.isEmpty()
            ? "does not match the " + schema + ": " + p.message()
            : p.message();
    throw new EvidenceFormatException(p.reason(), p.path(), message);
  }

  public static SbomValidation validate(byte[] document) {
    return read(document).validation();
  }

  static Result read(byte[] document) {
    try {
      return switch (syntax(document)) {
        case '{' -> readJson(document);
        default -> CycloneDxReader.readXml(document);
      };
    } catch (EvidenceFormatException e) {
      return failed(Optional.empty(), "", "", e.reason(), e.path(), e.getMessage());
    } catch (RuntimeException e) {
      // A last line of defence: the readers turn every expected failure into a problem already.
      return failed(
          Optional.empty(),
          "",
          "",
          ReasonCode.EVIDENCE_MALFORMED,
          "",
          "the SBOM could not be read: " + Texts.describe(e));
    }
  }

  private static Result readJson(byte[] document) throws EvidenceFormatException {
    JsonNode root = parseJson(document, "SBOM");
    if (root.has("spdxVersion")) {
      return SpdxReader.read(root);
    }
    if (root.has("bomFormat") || root.has("specVersion")) {
      return CycloneDxReader.readJson(document, root);
    }
    String what = "neither CycloneDX (bomFormat) nor SPDX (spdxVersion)";
    if (root.has("@context") || root.has("statements")) {
      what = "an OpenVEX document, not an SBOM";
    } else if (root.has("predicateType") || root.has("_type")) {
      what = "an in-toto statement; its predicate holds the SBOM";
    } else if (root.has("payloadType")) {
      what = "a DSSE envelope; its payload holds the statement with the SBOM";
    }
    throw new EvidenceFormatException(ReasonCode.EVIDENCE_MALFORMED, "", "the JSON is " + what);
  }

  /** Parses strict JSON (no duplicate keys, bounded nesting) that must be an object. */
  static JsonNode parseJson(byte[] document, String what) throws EvidenceFormatException {
    try {
      return Json.parseObject(document, what);
    } catch (JsonFormatException e) {
      throw new EvidenceFormatException(ReasonCode.EVIDENCE_MALFORMED, "", e.getMessage());
    }
  }

  /**
   * {@code '{'} for JSON or {@code '<'} for XML, from the first character after an optional UTF-8
   * byte order mark and white space.
   */
  static char syntax(byte[] document) throws EvidenceFormatException {
    if (document.length > Sbom.MAX_BYTES) {
      throw new EvidenceFormatException(
          ReasonCode.EVIDENCE_MALFORMED,
          "",
          "the document is larger than " + Sbom.MAX_BYTES + " bytes");
    }
    int i = 0;
    if (document.length >= 3
        && (document[0] & 0xff) == 0xef
        && (document[1] & 0xff) == 0xbb
        && (document[2] & 0xff) == 0xbf) {
      i = 3;
    }
    while (i < document.length && isSpace(document[i])) {
      i++;
    }
    if (i == document.length) {
      throw new EvidenceFormatException(ReasonCode.EVIDENCE_MALFORMED, "", "the document is empty");
    }
    char c = (char) (document[i] & 0xff);
    if (c == '{' || c == '<') {
      return c;
    }
    throw new EvidenceFormatException(
        ReasonCode.EVIDENCE_MALFORMED,
        "",
        c == '['
            ? "the document is a JSON array, not an SBOM"
            : "the document is neither a JSON object nor XML");
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  static Result failed(
      Optional<SbomFormat> format,
      String specVersion,
      String schema,
      ReasonCode reason,
      String path,
      String message) {
    return new Result(
        new SbomValidation(
            format, specVersion, schema, List.of(new Problem(reason, path, message))),
        null);
  }
}
