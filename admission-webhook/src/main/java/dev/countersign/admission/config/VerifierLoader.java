package dev.countersign.admission.config;

import dev.countersign.admission.ActiveVerifier;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.policy.NoMatchAction;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.PolicySet;
import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustRootException;
import dev.countersign.verify.trust.TrustRoots;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the verifier from the mounted configuration: the policy directory (or file), the trust
 * roots directory (or the shipped public-good root), and the evidence source, which is built once
 * and shared by every configuration (it holds the registry connections and tokens).
 */
public final class VerifierLoader {
  private final Path policies;
  private final Optional<Path> trustRoots;
  private final EvidenceSource evidence;
  private final NoMatchAction noMatch;
  private final Clock clock;

  public VerifierLoader(
      Path policies,
      Optional<Path> trustRoots,
      EvidenceSource evidence,
      NoMatchAction noMatch,
      Clock clock) {
    this.policies = Objects.requireNonNull(policies, "policies");
    this.trustRoots = Objects.requireNonNull(trustRoots, "trustRoots");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.noMatch = Objects.requireNonNull(noMatch, "noMatch");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The paths whose content is the configuration. */
  public List<Path> watched() {
    List<Path> out = new ArrayList<>(List.of(policies));
    trustRoots.ifPresent(out::add);
    return out;
  }

  /**
   * Loads everything and builds a verifier.
   *
   * @throws ConfigException naming the file and problem, with reason {@code POLICY_INVALID} or
   *     {@code TRUST_ROOT_INVALID}
   */
  public ActiveVerifier load() {
    PolicySet set;
    try {
      set = PolicySet.load(policies);
    } catch (PolicyException e) {
      throw new ConfigException("POLICY_INVALID", e.getMessage(), e);
    }
    List<TrustRoot> roots = new ArrayList<>();
    try {
      if (trustRoots.isPresent()) {
        roots.addAll(TrustRoots.fromDirectory(trustRoots.get()));
      }
      boolean hasPublicGood = roots.stream().anyMatch(r -> r.name().equals(TrustRoots.PUBLIC_GOOD));
      boolean wanted =
          roots.isEmpty()
              || set.policies().stream()
                  .anyMatch(
                      p ->
                          p.trustRoot().isEmpty()
                              || p.trustRoot().get().equals(TrustRoots.PUBLIC_GOOD));
      if (wanted && !hasPublicGood) {
        roots.add(TrustRoots.publicGood());
      }
    } catch (TrustRootException e) {
      throw new ConfigException("TRUST_ROOT_INVALID", e.getMessage(), e);
    }
    try {
      Verifier verifier =
          Verifier.builder()
              .trustRoots(roots)
              .policies(set)
              .whenNoPolicyMatches(noMatch)
              .evidenceSource(evidence)
              .clock(clock)
              .build();
      return ActiveVerifier.of(verifier, clock.instant());
    } catch (PolicyException e) {
      throw new ConfigException("POLICY_INVALID", e.getMessage(), e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigException("TRUST_ROOT_INVALID", e.getMessage(), e);
    }
  }
}
