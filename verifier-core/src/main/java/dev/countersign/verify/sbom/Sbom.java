package dev.countersign.verify.sbom;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.internal.sbom.SbomReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed software bill of materials: CycloneDX JSON (specVersion 1.2-1.6) or XML (1.0-1.6), read
 * and validated through cyclonedx-core-java against the schema of the declared version, or SPDX 2.x
 * JSON, recognised for presence, summary and subject binding.
 *
 * <pre>{@code
 * Sbom sbom = Sbom.parse(bytes);                 // EvidenceFormatException if malformed/invalid
 * sbom.summary().describe();                     // "CycloneDX 1.5 JSON, 42 components, ..."
 * SbomValidation v = Sbom.validate(bytes);       // every schema error, never throws
 * }</pre>
 *
 * <p>Validation is offline: the schemas are the ones bundled with cyclonedx-core-java, and
 * references between them resolve to those copies. XML with a document type declaration is rejected
 * (no entity expansion, no external fetches).
 *
 * @param format the format
 * @param specVersion the CycloneDX specVersion ({@code 1.5}) or SPDX version ({@code SPDX-2.3})
 * @param serialNumber the CycloneDX serialNumber ({@code urn:uuid:...}) or SPDX documentNamespace
 * @param timestamp when the SBOM was made (CycloneDX {@code metadata.timestamp}, SPDX {@code
 *     creationInfo.created})
 * @param metadataComponent what the SBOM describes: CycloneDX {@code metadata.component}, or the
 *     first package the SPDX document DESCRIBES
 * @param components every other component, nested CycloneDX components flattened in document order;
 *     every SPDX package that is not described by the document
 * @param vulnerabilities CycloneDX vulnerabilities with their ratings and embedded analysis
 * @param dependencyCount the number of CycloneDX {@code dependencies} entries, or SPDX
 *     relationships
 */
public record Sbom(
    SbomFormat format,
    String specVersion,
    Optional<String> serialNumber,
    Optional<Instant> timestamp,
    Optional<SbomComponent> metadataComponent,
    List<SbomComponent> components,
    List<SbomVulnerability> vulnerabilities,
    int dependencyCount) {

  /** Largest document read (64 MiB); larger ones are EVIDENCE_MALFORMED. */
  public static final int MAX_BYTES = 64 * 1024 * 1024;

  public Sbom {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(metadataComponent, "metadataComponent");
    components = List.copyOf(components);
    vulnerabilities = List.copyOf(vulnerabilities);
  }

  /**
   * Detects the format, checks it against its schema and reads it.
   *
   * @throws EvidenceFormatException {@code EVIDENCE_MALFORMED} when the bytes are not JSON or XML,
   *     too large, or neither CycloneDX nor SPDX; {@code SBOM_INVALID} when the document breaks the
   *     schema of its declared version or the version is not supported. The exception's path names
   *     the offending field.
   */
  public static Sbom parse(byte[] document) throws EvidenceFormatException {
    return SbomReader.parse(Objects.requireNonNull(document, "document"));
  }

  /** Checks a document against the schema of its declared version; never throws. */
  public static SbomValidation validate(byte[] document) {
    return SbomReader.validate(Objects.requireNonNull(document, "document"));
  }

  /** The metadata component (if any) followed by every other component. */
  public List<SbomComponent> allComponents() {
    List<SbomComponent> all = new ArrayList<>(components.size() + 1);
    metadataComponent.ifPresent(all::add);
    all.addAll(components);
    return all;
  }

  /** The component (metadata component included) with this {@code bom-ref} or SPDXID. */
  public Optional<SbomComponent> component(String bomRef) {
    return allComponents().stream()
        .filter(c -> c.bomRef().isPresent() && c.bomRef().get().equals(bomRef))
        .findFirst();
  }

  /** Component count, licences and metadata component, for reports. */
  public SbomSummary summary() {
    TreeMap<String, Integer> licenses = new TreeMap<>();
    for (SbomComponent c : components) {
      c.licenses().stream()
          .map(SbomComponent.License::value)
          .distinct()
          .forEach(l -> licenses.merge(l, 1, Integer::sum));
    }
    return new SbomSummary(
        format,
        specVersion,
        components.size(),
        licenses,
        metadataComponent.map(SbomComponent::describe),
        vulnerabilities.size(),
        dependencyCount);
  }
}
