package dev.countersign.verify.internal.policy;

import dev.countersign.verify.policy.PredicateRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The predicate sections an attestation requirement may carry ({@code slsa}, {@code sbom}, ...),
 * each read by its own parser into a {@link PredicateRule}.
 */
final class PredicateRuleParsers {
  /** Reads one section. */
  @FunctionalInterface
  interface Parser {
    PredicateRule parse(YamlNode section, String requirementName, String predicateType);
  }

  private static final Map<String, Parser> PARSERS = new LinkedHashMap<>();
  private static final Map<String, Set<String>> FIELDS = new LinkedHashMap<>();

  static {
    PARSERS.put("slsa", SlsaRuleParser::parse);
    FIELDS.put("slsa", SlsaRuleParser.FIELDS);
    PARSERS.put("sbom", SbomRuleParser::parse);
    FIELDS.put("sbom", SbomRuleParser.FIELDS);
  }

  private PredicateRuleParsers() {}

  static Set<String> sections() {
    return PARSERS.keySet();
  }

  /** The fields a section may have (for linting every unknown one). */
  static Set<String> fields(String section) {
    return FIELDS.get(section);
  }

  static Parser parser(String section) {
    return PARSERS.get(section);
  }
}
