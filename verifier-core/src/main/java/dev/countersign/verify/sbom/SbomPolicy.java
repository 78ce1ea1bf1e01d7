package dev.countersign.verify.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.countersign.verify.policy.DurationText;
import dev.countersign.verify.policy.PolicyException;
import io.github.nscuro.versatile.Vers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The SBOM gates an attestation requirement asks for. Built in code (the policy file loader maps
 * its {@code sbom} section here); invalid values throw {@link PolicyException} when built.
 *
 * <pre>{@code
 * SbomPolicy policy = SbomPolicy.builder()
 *     .denyPurl("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")
 *     .denyPurl("pkg:maven/org.apache.logging.log4j/log4j-core", "vers:maven/>=2.0.0|<2.17.1")
 *     .denyLicenses("GPL-3.0-only", "AGPL-3.0-only")
 *     .maxAge(SbomPolicy.parseMaxAge("30d"))
 *     .failOnSeverity(Severity.HIGH)
 *     .requireSubjectMatch(true)
 *     .build();
 * }</pre>
 *
 * @param deniedComponents components that must not be present
 * @param deniedLicenses SPDX licence ids that must not be declared. A component is denied when one
 *     of its licence ids is denied, when a licence name equals a denied id (ignoring case), or when
 *     its licence expression is denied: {@code A OR B} only if every alternative is denied, {@code
 *     A AND B} if any part is, {@code A WITH exception} if {@code A} is. Ids compare ignoring case;
 *     {@code GPL-2.0+} is denied by {@code GPL-2.0+} or {@code GPL-2.0}. A component listing
 *     several licences is denied if any one of them is.
 * @param maxAge the oldest SBOM accepted, measured from its timestamp to the verifier's clock; an
 *     SBOM without a timestamp fails this gate
 * @param failOnSeverity vulnerabilities at or above this severity (by their highest rating) fail
 *     unless a VEX statement mitigates them; unrated ones count as at or above any threshold
 * @param requireSubjectMatch the metadata component must be the verified subject (by digest in a
 *     purl, version or hash; by name only when the component carries no digest)
 */
public record SbomPolicy(
    List<DeniedComponent> deniedComponents,
    List<String> deniedLicenses,
    Optional<Duration> maxAge,
    Optional<Severity> failOnSeverity,
    boolean requireSubjectMatch) {

  public SbomPolicy {
    deniedComponents = List.copyOf(deniedComponents);
    List<String> licenses = new ArrayList<>();
    for (String l : deniedLicenses) {
      if (l == null || l.isBlank() || l.trim().contains(" ")) {
        throw new PolicyException("deniedLicenses", "not an SPDX licence id: '" + l + "'");
      }
      licenses.add(l.trim());
    }
    deniedLicenses = List.copyOf(licenses);
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
      throw new PolicyException("maxAge", "must be positive");
    }
    Objects.requireNonNull(failOnSeverity, "failOnSeverity");
    if (failOnSeverity.isPresent() && failOnSeverity.get() == Severity.UNKNOWN) {
      throw new PolicyException("failOnSeverity", "must be critical, high, medium, low or none");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses a maximum age: a number and unit, possibly repeated ({@code 30d}, {@code 12h}, {@code
   * 1d12h}, {@code 2w}; units w, d, h, m, s), or ISO-8601 ({@code P30D}, {@code PT12H}).
   *
   * @throws PolicyException if it is neither
   */
  public static Duration parseMaxAge(String text) {
    String t = text == null ? "" : text.trim();
    return DurationText.parse(t)
        .orElseThrow(
            () ->
                new PolicyException(
                    "maxAge",
                    t.toLowerCase(Locale.ROOT).startsWith("p")
                        ? "not an ISO-8601 duration: '" + text + "'"
                        : "not a duration like 30d, 12h, 1d12h or P30D: '" + text + "'"));
  }

  /**
   * A denied component: a package URL, with an exact version, a version range, or neither (every
   * version). Qualifiers and subpath are ignored on both sides; type, namespace and name must be
   * equal (after the purl specification's normalisation, such as lower-casing npm names). Versions
   * compare with the range's versioning scheme; an exact version compares as a string. Components
   * without a purl cannot be matched; a matching component whose version is unknown or cannot be
   * compared with the range is denied (fail closed).
   *
   * @param purl the package URL, e.g. {@code pkg:maven/org.apache.logging.log4j/log4j-core}, with
   *     {@code @version} for one version
   * @param versionRange a vers range ({@code vers:maven/>=2.0.0|<2.17.1}); only for a purl without
   *     version
   */
  public record DeniedComponent(String purl, Optional<String> versionRange) {
    public DeniedComponent {
      Objects.requireNonNull(purl, "purl");
      Objects.requireNonNull(versionRange, "versionRange");
      purl = purl.trim();
      PackageURL parsed;
      try {
        parsed = new PackageURL(purl);
      } catch (MalformedPackageURLException | RuntimeException e) {
        throw new PolicyException(
            "deniedPurls", "not a package URL: '" + purl + "' (" + e.getMessage() + ")");
      }
      if (versionRange.isPresent()) {
        if (parsed.getVersion() != null) {
          throw new PolicyException(
              "deniedPurls", "'" + purl + "' has a version and a range; give one or the other");
        }
        String range = versionRange.get().trim();
        try {
          Vers.parse(range).validate();
        } catch (RuntimeException e) {
          throw new PolicyException(
              "deniedPurls", "not a vers range: '" + range + "' (" + e.getMessage() + ")");
        }
        versionRange = Optional.of(range);
      }
    }

    /**
     * Parses one policy entry: {@code PURL} (every version), {@code PURL@VERSION} (that version),
     * or {@code PURL@vers:SCHEME/CONSTRAINTS} (a range).
     */
    public static DeniedComponent parse(String spec) {
      String s = spec == null ? "" : spec.trim();
      int range = s.indexOf("@vers:");
      return range < 0
          ? new DeniedComponent(s, Optional.empty())
          : new DeniedComponent(s.substring(0, range), Optional.of(s.substring(range + 1)));
    }

    /** The entry as written in a policy: {@code purl} or {@code purl@vers:...}. */
    public String describe() {
      return versionRange.map(r -> purl + "@" + r).orElse(purl);
    }
  }

  /** Builds a policy; every gate is off until set. */
  public static final class Builder {
    private final List<DeniedComponent> components = new ArrayList<>();
    private final List<String> licenses = new ArrayList<>();
    private Duration maxAge;
    private Severity failOnSeverity;
    private boolean requireSubjectMatch;

    private Builder() {}

    /** Denies one entry as {@link DeniedComponent#parse(String)} reads it. */
    public Builder denyPurl(String spec) {
      components.add(DeniedComponent.parse(spec));
      return this;
    }

    /** Denies the versions of a package (purl without version) in a vers range. */
    public Builder denyPurl(String purl, String versRange) {
      components.add(new DeniedComponent(purl, Optional.of(versRange)));
      return this;
    }

    public Builder denyLicenses(String... ids) {
      licenses.addAll(List.of(ids));
      return this;
    }

    public Builder maxAge(Duration age) {
      this.maxAge = age;
      return this;
    }

    public Builder failOnSeverity(Severity severity) {
      this.failOnSeverity = severity;
      return this;
    }

    public Builder requireSubjectMatch(boolean require) {
      this.requireSubjectMatch = require;
      return this;
    }

    public SbomPolicy build() {
      return new SbomPolicy(
          components,
          licenses,
          Optional.ofNullable(maxAge),
          Optional.ofNullable(failOnSeverity),
          requireSubjectMatch);
    }
  }
}
