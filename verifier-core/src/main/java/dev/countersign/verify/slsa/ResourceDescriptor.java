package dev.countersign.verify.slsa;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A resource named by provenance: a v1 {@code ResourceDescriptor} (resolved dependency, byproduct)
 * or a v0.2 material.
 *
 * @param uri the URI as written, empty when absent
 * @param digest algorithm to value, as written (e.g. {@code gitCommit}, {@code sha1}, {@code
 *     sha256})
 * @param name the name, empty when absent (v0.2 materials have none)
 */
public record ResourceDescriptor(String uri, Map<String, String> digest, String name) {
  public ResourceDescriptor {
    uri = uri == null ? "" : uri;
    digest = Map.copyOf(digest);
    name = name == null ? "" : name;
  }

  /** The git commit this resource names ({@code gitCommit}, else {@code sha1}), lower case. */
  public Optional<String> gitCommit() {
    String v = digest.get("gitCommit");
    if (v == null || v.isEmpty()) {
      v = digest.get("sha1");
    }
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.toLowerCase(Locale.ROOT));
  }

  /** Whether the URI is a git URI in SPDX download-location form ({@code git+...}). */
  public boolean isGit() {
    return uri.startsWith("git+");
  }
}
