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
    PredicateRule parse(YamlNode section, String requirementName);
  }

  private static final Map<String, Parser> PARSERS = new LinkedHashMap<>();

  static {
  }

  private PredicateRuleParsers() {}

  static Set<String> sections() {
    return PARSERS.keySet();
  }

  static Parser parser(String section) {
    return PARSERS.get(section);
  }
}
