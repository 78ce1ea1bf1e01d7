package dev.countersign.verify.sbom;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One VEX statement: what {@link #status()} a vulnerability has in some products.
 *
 * @param vulnerabilityIds the vulnerability's ids (CVE, GHSA, aliases); any one matching an SBOM
 *     vulnerability's id or alias, ignoring case, makes the statement about it
 * @param products the products (or, in CycloneDX, affected components) it speaks of
 * @param status the status
 * @param justification the justification, if given
 * @param severity the highest rating of a CycloneDX VEX vulnerability; empty for OpenVEX
 * @param timestamp when the statement was made: its own timestamp (OpenVEX {@code last_updated} or
 *     {@code timestamp}, CycloneDX {@code lastUpdated} or {@code firstIssued}), else the document's
 */
public record VexStatement(
    List<String> vulnerabilityIds,
    List<Product> products,
    VexStatus status,
    Optional<String> justification,
    Optional<Severity> severity,
    Optional<Instant> timestamp) {

  public VexStatement {
    vulnerabilityIds = List.copyOf(vulnerabilityIds);
    products = List.copyOf(products);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(justification, "justification");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /**
   * A product (or component) a statement names.
   *
   * @param id the OpenVEX {@code @id} or the CycloneDX {@code affects.ref} as written
   * @param purl its package URL, if known ({@code @id} or {@code identifiers.purl}, or the resolved
   *     component's purl)
   * @param name the resolved CycloneDX component's name, if any
   * @param version the resolved CycloneDX component's version, if any
   * @param hashes algorithm (as {@link SbomComponent#hashes()} spells it) to lower-case hex
   * @param subcomponents OpenVEX subcomponents: the statement is about these inside the product
   * @param documentSubject whether this is the CycloneDX VEX document's own metadata component
   */
  public record Product(
      Optional<String> id,
      Optional<String> purl,
      Optional<String> name,
      Optional<String> version,
      Map<String, String> hashes,
      List<Product> subcomponents,
      boolean documentSubject) {
    public Product {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(purl, "purl");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      hashes = java.util.Collections.unmodifiableMap(new TreeMap<>(hashes));
      subcomponents = List.copyOf(subcomponents);
    }

    /** For people: the id, else the purl, else the name. */
    public String describe() {
      return id.or(() -> purl).or(() -> name).orElse("(unnamed product)");
    }
  }
}
