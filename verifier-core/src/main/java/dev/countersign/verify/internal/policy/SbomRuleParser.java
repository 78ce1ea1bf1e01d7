package dev.countersign.verify.internal.policy;

import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.PredicateRule;
import dev.countersign.verify.sbom.SbomPolicy;
import dev.countersign.verify.sbom.Severity;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an attestation requirement's {@code sbom} section:
 *
 * <pre>
 * sbom:
 *   deniedPurls: ["pkg:maven/g/a@1.0", "pkg:npm/x@vers:npm/&gt;=1.0.0|&lt;1.2.0", "pkg:pypi/y"]
 *   deniedLicenses: [GPL-3.0-only]
 *   maxAge: 30d
 *   failOnSeverity: critical        # critical | high | medium | low | none
 *   requireSubjectMatch: true
 *   vexPredicateTypes: [...]        # default: OpenVEX and CycloneDX VEX
 * </pre>
 */
final class SbomRuleParser {
  static final Set<String> FIELDS =
      Set.of(
          "deniedPurls",
          "deniedLicenses",
          "maxAge",
          "failOnSeverity",
          "requireSubjectMatch",
          "vexPredicateTypes");

  /** Predicate types of VEX attestations read by default (cosign's openvex type and versions). */
  static final Set<String> DEFAULT_VEX_TYPES =
      Set.of(
          "https://openvex.dev/ns",
          "https://openvex.dev/ns/v0.2.0",
          "https://openvex.dev/ns/v0.1.0",
          "https://cyclonedx.org/vex");

  private SbomRuleParser() {}

  static PredicateRule parse(YamlNode section, String requirement, String predicateType) {
    if (!isSbomType(predicateType)) {
      throw section.error(
          "SBOM gates need an SBOM predicate type (https://cyclonedx.org/bom or"
              + " https://spdx.dev/Document), not "
              + predicateType);
    }
    section.onlyFields(FIELDS);
    SbomPolicy.Builder b = SbomPolicy.builder();
    section
        .field("deniedPurls")
        .ifPresent(
            list -> {
              for (YamlNode item : list.list()) {
                String spec = item.text();
                apply(item, () -> b.denyPurl(spec));
              }
            });
    section
        .field("deniedLicenses")
        .ifPresent(
            list -> {
              for (YamlNode item : list.list()) {
                String id = item.text();
                apply(item, () -> b.denyLicenses(id));
              }
            });
    section
        .field("maxAge")
        .ifPresent(
            n -> {
              String text = n.scalarValue();
              apply(n, () -> b.maxAge(SbomPolicy.parseMaxAge(text)));
            });
    section
        .field("failOnSeverity")
        .ifPresent(
            n -> {
              String text = n.text().toLowerCase(Locale.ROOT);
              Severity s =
                  Severity.parse(text)
                      .filter(x -> x != Severity.UNKNOWN && x != Severity.INFO)
                      .orElseThrow(
                          () ->
                              n.error(
                                  "failOnSeverity must be critical, high, medium, low or none, not '"
                                      + n.text()
                                      + "'"));
              if (s != Severity.NONE) {
                apply(n, () -> b.failOnSeverity(s));
              }
            });
    section.field("requireSubjectMatch").ifPresent(n -> b.requireSubjectMatch(n.bool()));
    Set<String> vex = new LinkedHashSet<>(DEFAULT_VEX_TYPES);
    section
        .field("vexPredicateTypes")
        .ifPresent(
            n -> {
              vex.clear();
              vex.addAll(n.texts());
            });
    try {
      return new SbomRule(b.build(), vex);
    } catch (PolicyException e) {
      throw section.relocate(e);
    }
  }

  static boolean isSbomType(String predicateType) {
    return predicateType.startsWith("https://cyclonedx.org/bom")
        || predicateType.startsWith("https://spdx.dev/Document");
  }

  private static void apply(YamlNode node, Runnable setter) {
    try {
      setter.run();
    } catch (PolicyException e) {
      throw new PolicyException(node.location(), e.detail(), e);
    }
  }
}
