package dev.countersign.admission.config;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What configuration is in force and how the last reload went (for {@code /readyz}).
 *
 * @param policyRevision the policy revision in force
 * @param trustRootRevisions trust root name to revision, in force
 * @param loadedAt when the configuration in force was loaded
 * @param reloads reloads that took effect
 * @param failures reloads refused
 * @param lastFailure why the last refused reload was refused, while the configuration on disk is
 *     still the refused one (cleared when a reload succeeds)
 * @param lastFailureAt when
 */
public record ReloadStatus(
    String policyRevision,
    Map<String, String> trustRootRevisions,
    Instant loadedAt,
    long reloads,
    long failures,
    Optional<String> lastFailure,
    Optional<Instant> lastFailureAt) {
  public ReloadStatus {
    trustRootRevisions = Map.copyOf(trustRootRevisions);
  }
}
