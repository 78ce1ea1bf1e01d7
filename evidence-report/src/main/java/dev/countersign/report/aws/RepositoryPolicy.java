package dev.countersign.report.aws;

import java.util.Objects;
import java.util.Optional;

/**
 * A repository's resource policy, from {@code GetRepositoryPolicy}. A repository without a policy
 * is recorded as such (ECR answers {@code RepositoryPolicyNotFoundException}): that is evidence
 * too, not a collection failure.
 *
 * @param policyText the IAM policy JSON exactly as ECR returned it; empty when there is none
 */
public record RepositoryPolicy(
    String registryId, String repositoryName, Optional<String> policyText) {
  public RepositoryPolicy {
    registryId = registryId == null ? "" : registryId;
    Objects.requireNonNull(repositoryName, "repositoryName");
    policyText = policyText == null ? Optional.empty() : policyText;
  }

  public boolean present() {
    return policyText.isPresent();
  }
}
