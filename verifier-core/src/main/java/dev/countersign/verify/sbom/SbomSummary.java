package dev.countersign.verify.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What an SBOM contains, for reports.
 *
 * @param format the format
 * @param specVersion the specification version
 * @param componentCount components besides the metadata component
 * @param licenses each licence (id, expression or name as written) to the number of components that
 *     declare it, sorted by licence
 * @param metadataComponent the described component, as {@code name@version (purl)}
 * @param vulnerabilityCount vulnerabilities listed
 * @param dependencyCount dependency entries (CycloneDX) or relationships (SPDX)
 */
public record SbomSummary(
    SbomFormat format,
    String specVersion,
    int componentCount,
    Map<String, Integer> licenses,
    Optional<String> metadataComponent,
    int vulnerabilityCount,
    int dependencyCount) {

  public SbomSummary {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(specVersion, "specVersion");
    licenses = java.util.Collections.unmodifiableMap(new TreeMap<>(licenses));
    Objects.requireNonNull(metadataComponent, "metadataComponent");
  }

  /** Licences named in {@link #describe()}; the rest are counted. */
  public static final int LICENSES_SHOWN = 10;

  /**
   * One line: {@code CycloneDX 1.5 JSON; 42 components; licences: Apache-2.0 (30), MIT (12);
   * metadata component: app@1.0 (pkg:oci/app@sha256:...); 0 vulnerabilities}. Licences are listed
   * most common first, at most {@link #LICENSES_SHOWN} of them.
   */
  public String describe() {
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(licenses.entrySet());
    sorted.sort(
        Map.Entry.<String, Integer>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    String lic =
        sorted.isEmpty()
            ? "none declared"
            : sorted.stream()
                    .limit(LICENSES_SHOWN)
                    .map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining(", "))
                + (sorted.size() > LICENSES_SHOWN
                    ? " and " + (sorted.size() - LICENSES_SHOWN) + " more"
                    : "");
    return format.label(specVersion)
        + "; "
        + componentCount
        + (componentCount == 1 ? " component" : " components")
        + "; licences: "
        + lic
        + "; metadata component: "
        + metadataComponent.orElse("none")
        + "; "
        + vulnerabilityCount
        + (vulnerabilityCount == 1 ? " vulnerability" : " vulnerabilities");
  }
}
