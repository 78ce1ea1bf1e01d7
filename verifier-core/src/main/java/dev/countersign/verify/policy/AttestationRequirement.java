package dev.countersign.verify.policy;

import java.util.List;
import java.util.Objects;

/**
 * An attestation a policy requires: a verified in-toto statement of this predicate type about the
 * image, signed by one of the authorities.
 *
 * @param name the requirement's name, for reports
 * @param predicateType the predicate type URI
 * @param authorities who may sign it (the policy's authorities unless the requirement names its
 *     own)
 * @param predicateRules checks of the verified predicate (SLSA provenance expectations, SBOM gates)
 */
public record AttestationRequirement(
    String name,
    String predicateType,
    List<Authority> authorities,
    List<PredicateRule> predicateRules) {
  public AttestationRequirement {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(predicateType, "predicateType");
    authorities = List.copyOf(authorities);
    predicateRules = List.copyOf(predicateRules);
    if (authorities.isEmpty()) {
      throw new PolicyException("", "attestation requirement '" + name + "' has no authority");
    }
  }
}
