package dev.countersign.verify.sbom;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One component of an SBOM (a CycloneDX component, nested ones included, or an SPDX package).
 *
 * @param bomRef the CycloneDX {@code bom-ref} or SPDX {@code SPDXID}
 * @param type the CycloneDX component type ({@code library}, {@code container}, ...); {@code
 *     package} for SPDX
 * @param group the CycloneDX group (Maven groupId, npm scope, ...)
 * @param name the name
 * @param version the version ({@code versionInfo} in SPDX)
 * @param purl the package URL as written
 * @param licenses the declared licences
 * @param hashes digest algorithm to lower-case hex; algorithms are normalised to lower case with
 *     the dash of the SHA-1/SHA-2 names dropped: {@code sha1}, {@code sha256}, {@code sha512},
 *     {@code sha3-256}, {@code blake2b-256}, {@code md5}
 */
public record SbomComponent(
    Optional<String> bomRef,
    String type,
    Optional<String> group,
    String name,
    Optional<String> version,
    Optional<String> purl,
    List<License> licenses,
    Map<String, String> hashes) {

  public SbomComponent {
    Objects.requireNonNull(bomRef, "bomRef");
    type = type == null ? "" : type;
    Objects.requireNonNull(group, "group");
    name = name == null ? "" : name;
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(purl, "purl");
    licenses = List.copyOf(licenses);
    hashes = java.util.Collections.unmodifiableMap(new TreeMap<>(hashes));
  }

  /** For people: {@code group/name@version (purl)}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    group.filter(g -> !g.isEmpty()).ifPresent(g -> sb.append(g).append('/'));
    sb.append(name.isEmpty() ? "(unnamed)" : name);
    version.ifPresent(v -> sb.append('@').append(v));
    purl.ifPresent(p -> sb.append(" (").append(p).append(')'));
    return sb.toString();
  }

  /**
   * One licence statement of a component.
   *
   * @param kind how it was written
   * @param value the SPDX id, the SPDX expression, or the free-text name
   */
  public record License(Kind kind, String value) {
    public License {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(value, "value");
    }

    /** How a licence was written. */
    public enum Kind {
      /** An SPDX licence id ({@code Apache-2.0}) or {@code LicenseRef-...}. */
      ID,
      /** An SPDX licence expression ({@code MIT OR GPL-3.0-only}). */
      EXPRESSION,
      /** A free-text licence name ({@code Apache License 2.0}). */
      NAME
    }
  }
}
