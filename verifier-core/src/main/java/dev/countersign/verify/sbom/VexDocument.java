package dev.countersign.verify.sbom;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.internal.sbom.VexReader;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A VEX document: statements that a vulnerability does or does not affect a product.
 *
 * <p>OpenVEX ({@code @context} {@code https://openvex.dev/ns...}, v0.0.1 to v0.2.x): each
 * statement's {@code vulnerability} ({@code name}, {@code @id}, {@code aliases}, or a plain string
 * in early drafts), {@code products} ({@code @id}, {@code identifiers.purl}, {@code hashes}, {@code
 * subcomponents}), {@code status} and {@code justification}.
 *
 * <p>CycloneDX VEX: a BOM (JSON or XML, 1.4 and later) whose {@code vulnerabilities} carry an
 * {@code analysis.state}; each {@code affects[].ref} is resolved within that BOM to the component
 * (or metadata component) it names. A ref that names nothing there is kept as a package URL when it
 * is one, or as a BOM-link ({@code urn:cdx:serial/version#bom-ref}) into the SBOM it names.
 *
 * <p>How statements apply and which state mitigates: see {@link VexStatus} and {@link SbomGate}.
 *
 * @param format the format
 * @param id the OpenVEX {@code @id} or the CycloneDX serialNumber; empty string if none
 * @param timestamp the document's timestamp, if any
 * @param statements the statements, in document order
 */
public record VexDocument(
    Format format, String id, Optional<Instant> timestamp, List<VexStatement> statements) {

  /** The VEX formats read. */
  public enum Format {
    OPENVEX,
    CYCLONEDX
  }

  public VexDocument {
    Objects.requireNonNull(format, "format");
    id = id == null ? "" : id;
    Objects.requireNonNull(timestamp, "timestamp");
    statements = List.copyOf(statements);
  }

  /**
   * Reads an OpenVEX or CycloneDX VEX document.
   *
   * @throws EvidenceFormatException {@code EVIDENCE_MALFORMED} with the path of the offending
   *     field, or {@code SBOM_INVALID} for a CycloneDX VEX that breaks its schema
   */
  public static VexDocument parse(byte[] document) throws EvidenceFormatException {
    return VexReader.parse(Objects.requireNonNull(document, "document"));
  }

  /** For people: {@code OpenVEX https://... (12 statements)}. */
  public String describe() {
    return (format == Format.OPENVEX ? "OpenVEX" : "CycloneDX VEX")
        + (id.isEmpty() ? "" : " " + id)
        + " ("
        + statements.size()
        + (statements.size() == 1 ? " statement)" : " statements)");
  }
}
