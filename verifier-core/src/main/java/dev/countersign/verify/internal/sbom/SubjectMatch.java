package dev.countersign.verify.internal.sbom;

import dev.countersign.verify.Digest;
import dev.countersign.verify.sbom.SbomComponent;
import dev.countersign.verify.sbom.SbomSubject;
import dev.countersign.verify.sbom.VexStatement.Product;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a described component (an SBOM's metadata component, a VEX product) is the verified
 * subject. Digests decide when the component gives any (an {@code oci}/{@code docker} purl version,
 * a version of the form {@code sha256:...}, or a SHA-2 hash): one must equal a subject digest. Only
 * a component without digests may match by name: its name, {@code group/name} or the purl's {@code
 * repository_url}, against the subject's full name, its repository path without the registry, or
 * its last path segment, ignoring case, tags and the Docker Hub prefixes.
 */
final class SubjectMatch {
  private SubjectMatch() {}

  /**
   * The outcome.
   *
   * @param matched whether it is the subject
   * @param how for people: which digest or name matched, or what disagreed
   */
  record Outcome(boolean matched, String how) {}

  static Outcome match(SbomComponent c, SbomSubject s) {
    return match(c.purl(), Optional.of(c.name()), c.group(), c.version(), c.hashes(), s);
  }

  static Outcome match(Product p, SbomSubject s) {
    return match(p.purl(), p.name(), Optional.empty(), p.version(), p.hashes(), s);
  }

  static Outcome match(
      Optional<String> purl,
      Optional<String> name,
      Optional<String> group,
      Optional<String> version,
      Map<String, String> hashes,
      SbomSubject s) {
    Set<String> claimed = new LinkedHashSet<>();
    purl.flatMap(Purls::digest).ifPresent(d -> claimed.add(d.toString()));
    version.flatMap(Digest::tryParse).ifPresent(d -> claimed.add(d.toString()));
    for (String alg : List.of("sha256", "sha384", "sha512")) {
      String hex = hashes.get(alg);
      if (hex != null) {
        claimed.add(alg + ":" + hex.toLowerCase(Locale.ROOT));
      }
    }
    for (Digest d : s.digests()) {
      if (claimed.contains(d.toString())) {
        return new Outcome(true, "digest " + d);
      }
    }
    if (!claimed.isEmpty() && !s.digests().isEmpty()) {
      return new Outcome(false, "it names " + String.join(", ", claimed) + ", not " + s.describe());
    }
    if (s.name().isPresent()) {
      Set<String> forms = subjectForms(s.name().get());
      Set<String> own = new LinkedHashSet<>();
      name.filter(n -> !n.isBlank()).ifPresent(n -> own.add(normalize(n)));
      if (name.isPresent() && group.isPresent()) {
        own.add(normalize(group.get() + "/" + name.get()));
      }
      purl.flatMap(Purls::repositoryUrl).ifPresent(r -> own.add(normalize(r)));
      for (String o : own) {
        if (forms.contains(o)) {
          return new Outcome(true, "name " + o + " (no digest to compare)");
        }
      }
      return new Outcome(
          false,
          "its name "
              + (own.isEmpty() ? "(none)" : String.join(", ", own))
              + " is not "
              + s.describe());
    }
    return new Outcome(false, "it gives no digest of " + s.describe());
  }

  /** The subject's name, its repository path and its last segment, normalised. */
  static Set<String> subjectForms(String name) {
    String full = normalize(name);
    Set<String> forms = new LinkedHashSet<>();
    forms.add(full);
    int slash = full.indexOf('/');
    if (slash > 0) {
      String head = full.substring(0, slash);
      if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
        forms.add(full.substring(slash + 1));
      }
    }
    forms.add(full.substring(full.lastIndexOf('/') + 1));
    return forms;
  }

  /** Lower case, without digest, tag or Docker Hub prefix. */
  static String normalize(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    int at = n.indexOf('@');
    if (at >= 0) {
      n = n.substring(0, at);
    }
    int colon = n.lastIndexOf(':');
    if (colon > n.lastIndexOf('/')) {
      n = n.substring(0, colon);
    }
    for (String hub : List.of("index.docker.io/", "registry-1.docker.io/", "docker.io/")) {
      if (n.startsWith(hub)) {
        n = n.substring(hub.length());
      }
    }
    if (n.startsWith("library/")) {
      n = n.substring("library/".length());
    }
    return n;
  }
}
