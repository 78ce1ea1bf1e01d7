package dev.countersign.verify.slsa;

import dev.countersign.verify.policy.FulcioExtension;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The verified keyless identity that signed the provenance: the signing certificate's subject
 * alternative name, OIDC issuer and Fulcio extensions. Only construct it from a certificate whose
 * chain, validity at signing time and signature have been verified.
 *
 * <p>For GitHub Actions the SAN is the job workflow ref, {@code
 * https://github.com/<owner>/<repo>/<path>@<ref>}: for a reusable workflow, the reusable workflow
 * (the builder), not the caller.
 *
 * @param subjectAlternativeName the certificate's single SAN
 * @param issuer the OIDC issuer
 * @param extensions Fulcio extension values present in the certificate
 */
public record ProvenanceSigner(
    String subjectAlternativeName, String issuer, Map<FulcioExtension, String> extensions) {
  /** The OIDC issuer of GitHub Actions workflow tokens. */
  public static final String GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";

  public ProvenanceSigner {
    Objects.requireNonNull(subjectAlternativeName, "subjectAlternativeName");
    Objects.requireNonNull(issuer, "issuer");
    EnumMap<FulcioExtension, String> copy = new EnumMap<>(FulcioExtension.class);
    copy.putAll(extensions);
    extensions = Map.copyOf(copy);
  }

  /** A certificate extension, when present and non-empty. */
  public Optional<String> extension(FulcioExtension ext) {
    String v = extensions.get(ext);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** Whether the identity comes from a GitHub Actions workflow token. */
  public boolean isGitHubActions() {
    return GITHUB_ACTIONS_ISSUER.equals(issuer);
  }

  /**
   * The source repository the workflow ran for: {@code sourceRepositoryURI} (…1.12), or for older
   * certificates {@code https://github.com/} + {@code githubWorkflowRepository} (…1.5).
   */
  public Optional<String> sourceRepository() {
    return extension(FulcioExtension.SOURCE_REPOSITORY_URI)
        .or(
            () ->
                extension(FulcioExtension.GITHUB_WORKFLOW_REPOSITORY)
                    .map(r -> "https://github.com/" + r));
  }

  /** The triggering ref: {@code sourceRepositoryRef} (…1.14), else {@code githubWorkflowRef}. */
  public Optional<String> sourceRef() {
    return extension(FulcioExtension.SOURCE_REPOSITORY_REF)
        .or(() -> extension(FulcioExtension.GITHUB_WORKFLOW_REF));
  }

  /** The source commit: {@code sourceRepositoryDigest} (…1.13), else {@code githubWorkflowSha}. */
  public Optional<String> sourceDigest() {
    return extension(FulcioExtension.SOURCE_REPOSITORY_DIGEST)
        .or(() -> extension(FulcioExtension.GITHUB_WORKFLOW_SHA));
  }

  /** The triggering event: {@code buildTrigger} (…1.20), else {@code githubWorkflowTrigger}. */
  public Optional<String> buildTrigger() {
    return extension(FulcioExtension.BUILD_TRIGGER)
        .or(() -> extension(FulcioExtension.GITHUB_WORKFLOW_TRIGGER));
  }

  /** {@code runnerEnvironment} (…1.11): {@code github-hosted} or {@code self-hosted}. */
  public Optional<String> runnerEnvironment() {
    return extension(FulcioExtension.RUNNER_ENVIRONMENT);
  }
}
