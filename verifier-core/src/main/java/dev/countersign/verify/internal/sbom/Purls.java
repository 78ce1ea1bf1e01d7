package dev.countersign.verify.internal.sbom;

import com.github.packageurl.PackageURL;
import dev.countersign.verify.Digest;
import java.util.Objects;
import java.util.Optional;

/** Package URLs from documents: parsed leniently (a bad one matches nothing) and compared. */
final class Purls {
  private Purls() {}

  static Optional<PackageURL> parse(String purl) {
    if (purl == null || !purl.startsWith("pkg:")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new PackageURL(purl));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** Same type, namespace and name; version, qualifiers and subpath are not compared. */
  static boolean samePackage(PackageURL a, PackageURL b) {
    return a.getType().equals(b.getType())
        && Objects.equals(a.getNamespace(), b.getNamespace())
        && a.getName().equals(b.getName());
  }

  /**
   * Whether a VEX product purl names a component purl: the same package, and the same version
   * unless the product gives none (OpenVEX: a purl without version names every version). Qualifiers
   * and subpath are ignored.
   */
  static boolean covers(String product, String component) {
    Optional<PackageURL> p = parse(product);
    Optional<PackageURL> c = parse(component);
    if (p.isEmpty() || c.isEmpty() || !samePackage(p.get(), c.get())) {
      return false;
    }
    return p.get().getVersion() == null || p.get().getVersion().equals(c.get().getVersion());
  }

  /** The digest an {@code oci} or {@code docker} purl gives as its version, if any. */
  static Optional<Digest> digest(String purl) {
    return parse(purl)
        .filter(p -> p.getType().equals("oci") || p.getType().equals("docker"))
        .map(PackageURL::getVersion)
        .flatMap(Digest::tryParse);
  }

  /** The {@code repository_url} qualifier of an oci purl, if any. */
  static Optional<String> repositoryUrl(String purl) {
    return parse(purl)
        .filter(p -> p.getQualifiers() != null)
        .map(p -> p.getQualifiers().get("repository_url"));
  }
}
