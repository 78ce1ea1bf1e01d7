package dev.countersign.admission;

import dev.countersign.verify.Verifier;
import dev.countersign.verify.trust.TrustRoot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The verifier in force and the configuration it was built from. Hot reload replaces the whole
 * value at once, so a request never sees policies of one revision with trust roots of another.
 *
 * @param verifier the shared verifier (policies, trust roots, evidence source)
 * @param policyRevision the compiled policy set's revision
 * @param trustRootRevisions trust root name to revision ({@code sha256:...} of the document)
 * @param loadedAt when this configuration was loaded
 */
public record ActiveVerifier(
    Verifier verifier,
    String policyRevision,
    Map<String, String> trustRootRevisions,
    Instant loadedAt) {

  public ActiveVerifier {
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(policyRevision, "policyRevision");
    trustRootRevisions = Map.copyOf(trustRootRevisions);
    Objects.requireNonNull(loadedAt, "loadedAt");
    if (verifier.policies().isEmpty()) {
      throw new IllegalArgumentException("the admission verifier needs a policy set");
    }
  }

  /** The verifier with its policy set's revision and its trust roots' revisions. */
  public static ActiveVerifier of(Verifier verifier, Instant loadedAt) {
    Map<String, String> roots = new LinkedHashMap<>();
    for (TrustRoot r : verifier.trustRoots()) {
      roots.put(r.name(), r.revision());
    }
    String policies = verifier.policies().map(p -> p.revision()).orElse("");
    return new ActiveVerifier(verifier, policies, roots, loadedAt);
  }

  /**
   * What a cached decision depends on besides the image: the policy revision and every trust root's
   * revision. A decision made under another configuration is never reused.
   */
  public String cacheScope() {
    StringBuilder b = new StringBuilder(policyRevision);
    new TreeMap<>(trustRootRevisions)
        .forEach((k, v) -> b.append('|').append(k).append('=').append(v));
    return b.toString();
  }
}
