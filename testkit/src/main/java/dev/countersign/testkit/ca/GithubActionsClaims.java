package dev.countersign.testkit.ca;

import java.util.EnumMap;
import java.util.Map;

/**
 * The GitHub Actions OIDC token claims Fulcio turns into a leaf's identity and extensions, so tests
 * can issue realistic CI certificates.
 *
 * @param serverUrl e.g. {@code https://github.com}
 * @param repository {@code owner/name}
 * @param repositoryId numeric repository id
 * @param repositoryOwnerId numeric owner id
 * @param workflowPath the workflow file, e.g. {@code .github/workflows/release.yml}
 * @param ref the git ref the run was based on, e.g. {@code refs/tags/v1.0.0}
 * @param sha the commit the run was based on
 * @param eventName the triggering event, e.g. {@code push}
 * @param workflowName the workflow's display name
 * @param runId the run number
 * @param runAttempt the attempt number
 * @param runnerEnvironment {@code github-hosted} or {@code self-hosted}
 * @param repositoryVisibility {@code public}, {@code private} or {@code internal}
 */
public record GithubActionsClaims(
    String serverUrl,
    String repository,
    String repositoryId,
    String repositoryOwnerId,
    String workflowPath,
    String ref,
    String sha,
    String eventName,
    String workflowName,
    String runId,
    String runAttempt,
    String runnerEnvironment,
    String repositoryVisibility) {

  /** The OIDC issuer of GitHub Actions tokens. */
  public static final String ISSUER = "https://token.actions.githubusercontent.com";

  /** Claims for a push-triggered run on github.com with plausible defaults for the rest. */
  public static GithubActionsClaims of(
      String repository, String workflowPath, String ref, String sha) {
    return new GithubActionsClaims(
        "https://github.com",
        repository,
        "700000001",
        "800000001",
        workflowPath,
        ref,
        sha,
        "push",
        "Release",
        "9000000001",
        "1",
        "github-hosted",
        "public");
  }

  /** A copy triggered by a different event. */
  public GithubActionsClaims withEventName(String event) {
    return new GithubActionsClaims(
        serverUrl,
        repository,
        repositoryId,
        repositoryOwnerId,
        workflowPath,
        ref,
        sha,
        event,
        workflowName,
        runId,
        runAttempt,
        runnerEnvironment,
        repositoryVisibility);
  }

  /** A copy run on a different kind of runner. */
  public GithubActionsClaims withRunnerEnvironment(String environment) {
    return new GithubActionsClaims(
        serverUrl,
        repository,
        repositoryId,
        repositoryOwnerId,
        workflowPath,
        ref,
        sha,
        eventName,
        workflowName,
        runId,
        runAttempt,
        environment,
        repositoryVisibility);
  }

  /** A copy for a repository of different visibility. */
  public GithubActionsClaims withRepositoryVisibility(String visibility) {
    return new GithubActionsClaims(
        serverUrl,
        repository,
        repositoryId,
        repositoryOwnerId,
        workflowPath,
        ref,
        sha,
        eventName,
        workflowName,
        runId,
        runAttempt,
        runnerEnvironment,
        visibility);
  }

  /** The {@code job_workflow_ref} claim: {@code owner/name/path@ref}. */
  public String jobWorkflowRef() {
    return repository + "/" + workflowPath + "@" + ref;
  }

  /** The URI SAN Fulcio certifies: the server URL joined to the job workflow ref. */
  public String subjectUri() {
    return serverUrl + "/" + jobWorkflowRef();
  }

  /** The Fulcio extensions these claims produce (without the issuer extensions). */
  public Map<FulcioExtension, String> extensions() {
    String owner = repository.substring(0, repository.indexOf('/'));
    Map<FulcioExtension, String> out = new EnumMap<>(FulcioExtension.class);
    out.put(FulcioExtension.GITHUB_WORKFLOW_TRIGGER, eventName);
    out.put(FulcioExtension.GITHUB_WORKFLOW_SHA, sha);
    out.put(FulcioExtension.GITHUB_WORKFLOW_NAME, workflowName);
    out.put(FulcioExtension.GITHUB_WORKFLOW_REPOSITORY, repository);
    out.put(FulcioExtension.GITHUB_WORKFLOW_REF, ref);
    out.put(FulcioExtension.BUILD_SIGNER_URI, subjectUri());
    out.put(FulcioExtension.BUILD_SIGNER_DIGEST, sha);
    out.put(FulcioExtension.RUNNER_ENVIRONMENT, runnerEnvironment);
    out.put(FulcioExtension.SOURCE_REPOSITORY_URI, serverUrl + "/" + repository);
    out.put(FulcioExtension.SOURCE_REPOSITORY_DIGEST, sha);
    out.put(FulcioExtension.SOURCE_REPOSITORY_REF, ref);
    out.put(FulcioExtension.SOURCE_REPOSITORY_IDENTIFIER, repositoryId);
    out.put(FulcioExtension.SOURCE_REPOSITORY_OWNER_URI, serverUrl + "/" + owner);
    out.put(FulcioExtension.SOURCE_REPOSITORY_OWNER_IDENTIFIER, repositoryOwnerId);
    out.put(FulcioExtension.BUILD_CONFIG_URI, subjectUri());
    out.put(FulcioExtension.BUILD_CONFIG_DIGEST, sha);
    out.put(FulcioExtension.BUILD_TRIGGER, eventName);
    out.put(
        FulcioExtension.RUN_INVOCATION_URI,
        serverUrl + "/" + repository + "/actions/runs/" + runId + "/attempts/" + runAttempt);
    out.put(FulcioExtension.SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING, repositoryVisibility);
    return out;
  }
}
