package dev.countersign.verify.policy;

import dev.countersign.verify.internal.policy.PolicyLinter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reviews policy files before they are deployed: everything that would stop them loading (all of
 * it, not just the first problem), identity patterns that accept more signers than intended
 * (unanchored, any organisation, any host, unescaped dots), keyless identities without an issuer,
 * weakened checks, and trust roots a policy names that are missing, unloadable or expired.
 */
public final class PolicyLint {
  private PolicyLint() {}

  /**
   * Lints a policy file or directory.
   *
   * @param policies a policy file, or a directory of {@code .yaml}/{@code .yml} files
   * @param trustRootsDirectory the trust roots the policies will run with ({@code <name>.json} and
   *     {@code <name>/} entries, as {@code TrustRoots.fromDirectory} reads them); the shipped
   *     public-good root is always known
   * @param now the time at which trust roots must be valid
   * @return the findings, in file order; empty when nothing was found
   */
  public static List<LintFinding> lint(
      Path policies, Optional<Path> trustRootsDirectory, Instant now) {
    return new PolicyLinter(trustRootsDirectory, now).lint(policies);
  }
}
