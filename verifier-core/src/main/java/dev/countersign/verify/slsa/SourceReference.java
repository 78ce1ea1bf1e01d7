package dev.countersign.verify.slsa;

import java.util.Objects;
import java.util.Optional;

/**
 * One place where provenance names the source it was built from, normalised.
 *
 * <p>Repository URIs are normalised so that {@code git+https://github.com/acme/app.git}, {@code
 * https://github.com/acme/app/} and {@code github.com/acme/app} are the same repository: the {@code
 * git+} prefix, the {@code https://} scheme, a trailing slash and a {@code .git} suffix are dropped
 * and the host is lower-cased. URIs with another scheme, user information, a query, a fragment or
 * dot segments are not normalised and have an empty {@link #repository()}, so they match no
 * expected repository.
 *
 * @param uri {@code git+https://<host>/<path>} when normalised; otherwise the URI as written,
 *     without its {@code @ref}
 * @param repository {@code <host>/<path>}, e.g. {@code github.com/acme/app}; empty when the URI
 *     could not be normalised
 * @param ref the git ref, e.g. {@code refs/heads/main} or {@code refs/tags/v1.2.3}; empty when
 *     absent
 * @param digest the git commit, lower-case hex; empty when absent
 * @param origin the JSON path the claim was read from, e.g. {@code
 *     predicate.invocation.configSource}
 */
public record SourceReference(
    String uri, String repository, String ref, String digest, String origin) {
  public SourceReference {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(origin, "origin");
  }

  /** The branch name when the ref is {@code refs/heads/<name>}. */
  public Optional<String> branch() {
    return refName("refs/heads/");
  }

  /** The tag name when the ref is {@code refs/tags/<name>}. */
  public Optional<String> tag() {
    return refName("refs/tags/");
  }

  private Optional<String> refName(String prefix) {
    return ref.startsWith(prefix) && ref.length() > prefix.length()
        ? Optional.of(ref.substring(prefix.length()))
        : Optional.empty();
  }

  /** {@code uri@ref}, or the URI alone when there is no ref. */
  @Override
  public String toString() {
    return ref.isEmpty() ? uri : uri + "@" + ref;
  }
}
