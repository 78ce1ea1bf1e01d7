package dev.countersign.verify.internal.slsa;

import static dev.countersign.verify.internal.slsa.PredicateJson.get;
import static dev.countersign.verify.internal.slsa.PredicateJson.object;
import static dev.countersign.verify.internal.slsa.PredicateJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.slsa.ProvenanceV02;
import dev.countersign.verify.slsa.ProvenanceV1;
import dev.countersign.verify.slsa.ResourceDescriptor;
import dev.countersign.verify.slsa.SlsaProvenance;
import dev.countersign.verify.slsa.SourceReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds where provenance names its source, and the GitHub trigger facts the ref checks need (the
 * event, and the branch behind a tag), for each predicate shape this product knows.
 */
final class SourceClaims {
  private static final String ENV_V02 = "predicate.invocation.environment";
  private static final String DEF = "predicate.buildDefinition";
  private static final String INTERNAL = DEF + ".internalParameters";
  private static final String EXTERNAL = DEF + ".externalParameters";

  private SourceClaims() {}

  static SlsaProvenance v02(InTotoStatement st, ProvenanceV02 v, JsonNode predicate)
      throws JsonFormatException {
    JsonNode env = get(get(predicate, "invocation"), "environment");
    List<SourceReference> claims = new ArrayList<>();
    ProvenanceV02.ConfigSource cs = v.configSource();
    if (!cs.uri().isEmpty()) {
      GitUris.UriAndRef u = GitUris.split(cs.uri());
      // GitHub builders also record the trigger in the environment; it fills what the URI omits.
      String ref = u.ref().isEmpty() ? context(env, "ref", ENV_V02) : u.ref();
      String digest = commit(cs.digest().get("sha1"), cs.digest().get("gitCommit"));
      if (digest.isEmpty()) {
        digest = context(env, "sha1", ENV_V02);
      }
      if (digest.isEmpty()) {
        digest = context(env, "sha", ENV_V02);
      }
      claims.add(reference(u.uri(), ref, digest, "predicate.invocation.configSource"));
    }
    if (!v.materials().isEmpty() && !v.materials().get(0).uri().isEmpty()) {
      claims.add(resource(v.materials().get(0), "predicate.materials[0]"));
    }
    return new SlsaProvenance(
        st, v, claims, context(env, "event_name", ENV_V02), tagBaseRef(env, ENV_V02));
  }

  static SlsaProvenance v1(InTotoStatement st, ProvenanceV1 v, JsonNode predicate)
      throws JsonFormatException {
    JsonNode def = get(predicate, "buildDefinition");
    JsonNode ext = get(def, "externalParameters");
    JsonNode internal = get(def, "internalParameters");
    List<SourceReference> claims = new ArrayList<>();
    JsonNode workflow = object(ext, "workflow", EXTERNAL);
    if (workflow != null) {
      String wpath = EXTERNAL + ".workflow";
      String repo = text(workflow, "repository", wpath);
      String ref = text(workflow, "ref", wpath);
      if (!repo.isEmpty()) {
        claims.add(reference(repo, ref, dependencyCommit(v, repo, ref), wpath));
      }
    } else {
      githubTrigger(internal).ifPresent(claims::add);
    }
    JsonNode source = get(ext, "source");
    if (source != null) {
      String spath = EXTERNAL + ".source";
      if (source.isTextual()) {
        GitUris.UriAndRef u = GitUris.split(source.textValue());
        claims.add(reference(u.uri(), u.ref(), "", spath));
      } else if (source.isObject()) {
        claims.add(resource(PredicateJson.resource(source, spath), spath));
      } else {
        throw new JsonFormatException(spath, "must be a string or a resource descriptor");
      }
    }
    List<ResourceDescriptor> deps = v.resolvedDependencies();
    for (int i = 0; i < deps.size(); i++) {
      if (deps.get(i).isGit()) {
        claims.add(resource(deps.get(i), DEF + ".resolvedDependencies[" + i + "]"));
        break;
      }
    }
    String event = context(internal, "event_name", INTERNAL);
    JsonNode github = object(internal, "github", INTERNAL);
    if (event.isEmpty() && github != null) {
      event = text(github, "event_name", INTERNAL + ".github");
    }
    return new SlsaProvenance(st, v, claims, event, tagBaseRef(internal, INTERNAL));
  }

  /**
   * The trigger slsa-github-generator's delegator records in v1 internal parameters: {@code
   * GITHUB_REPOSITORY}, {@code GITHUB_REF}, {@code GITHUB_SHA}, or failing those the repository and
   * ref of {@code GITHUB_WORKFLOW_REF} ({@code owner/repo/path@ref}).
   */
  private static Optional<SourceReference> githubTrigger(JsonNode internal)
      throws JsonFormatException {
    String repo = context(internal, "repository", INTERNAL);
    String ref = context(internal, "ref", INTERNAL);
    String sha = context(internal, "sha", INTERNAL);
    if (repo.isEmpty()) {
      String workflowRef = context(internal, "workflow_ref", INTERNAL);
      int at = workflowRef.indexOf('@');
      String[] parts = (at < 0 ? workflowRef : workflowRef.substring(0, at)).split("/", -1);
      if (at < 0 || parts.length < 3) {
        return Optional.empty();
      }
      repo = parts[0] + "/" + parts[1];
      ref = ref.isEmpty() ? workflowRef.substring(at + 1) : ref;
    }
    String server = context(internal, "server_url", INTERNAL);
    String base = server.isEmpty() ? "https://github.com" : server;
    return Optional.of(reference(base + "/" + repo, ref, sha, INTERNAL));
  }

  /**
   * The commit of the resolved git dependency for the same repository (and ref, when it has one).
   */
  private static String dependencyCommit(ProvenanceV1 v, String repository, String ref) {
    Optional<String> repo = GitUris.repository(repository);
    if (repo.isEmpty()) {
      return "";
    }
    for (ResourceDescriptor d : v.resolvedDependencies()) {
      GitUris.UriAndRef u = GitUris.split(d.uri());
      if (d.isGit()
          && repo.equals(GitUris.repository(u.uri()))
          && (u.ref().isEmpty() || u.ref().equals(ref))) {
        return d.gitCommit().orElse("");
      }
    }
    return "";
  }

  /**
   * The branch ref recorded for a tag build, as slsa-verifier's {@code getBranchForTag} finds it:
   * {@code github_base_ref} when set; else, for a {@code push}, the event payload's {@code
   * base_ref}; for a {@code release}, {@code refs/heads/} + the release's {@code target_commitish}.
   */
  private static String tagBaseRef(JsonNode ctx, String path) throws JsonFormatException {
    String base = context(ctx, "base_ref", path);
    if (!base.isEmpty()) {
      return base;
    }
    String payloadName =
        get(ctx, "github_event_payload") != null ? "github_event_payload" : "GITHUB_EVENT_PAYLOAD";
    JsonNode payload = object(ctx, payloadName, path);
    String ppath = Json.join(path, payloadName);
    switch (context(ctx, "event_name", path)) {
      case "push":
        return text(payload, "base_ref", ppath);
      case "release":
        JsonNode release = object(payload, "release", ppath);
        String target = text(release, "target_commitish", ppath + ".release");
        return target.isEmpty() ? "" : "refs/heads/" + target;
      default:
        return "";
    }
  }

  /**
   * A GitHub context value as builders record it: {@code github_<name>} (slsa-github-generator's
   * generic and Go builders) or {@code GITHUB_<NAME>} (its delegator, and the npm CLI). Empty when
   * absent.
   */
  private static String context(JsonNode ctx, String name, String path) throws JsonFormatException {
    String lower = "github_" + name;
    String v = text(ctx, lower, path);
    return v.isEmpty() ? text(ctx, lower.toUpperCase(Locale.ROOT), path) : v;
  }

  private static SourceReference resource(ResourceDescriptor r, String origin) {
    GitUris.UriAndRef u = GitUris.split(r.uri());
    return reference(u.uri(), u.ref(), r.gitCommit().orElse(""), origin);
  }

  private static SourceReference reference(String uri, String ref, String digest, String origin) {
    Optional<String> repo = GitUris.repository(uri);
    return new SourceReference(
        repo.map(GitUris::gitUri).orElse(uri),
        repo.orElse(""),
        ref,
        digest.toLowerCase(Locale.ROOT),
        origin);
  }

  private static String commit(String sha1, String gitCommit) {
    return gitCommit != null && !gitCommit.isEmpty() ? gitCommit : sha1 == null ? "" : sha1;
  }
}
