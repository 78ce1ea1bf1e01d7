package dev.countersign.verify.sbom;

import dev.countersign.verify.Digest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was verified, for binding an SBOM (and VEX products) to it: the image or artifact digests
 * and, when known, its name.
 *
 * @param digests the digests; for an image, the manifest digest (and the index digest of a
 *     multi-arch image); any one matching suffices
 * @param name the image name ({@code registry/repository}) or artifact name, if known
 */
public record SbomSubject(List<Digest> digests, Optional<String> name) {
  public SbomSubject {
    digests = List.copyOf(digests);
    Objects.requireNonNull(name, "name");
    name = name.map(String::trim).filter(n -> !n.isEmpty());
  }

  /** An image or artifact known by digest only. */
  public static SbomSubject of(Digest digest) {
    return new SbomSubject(List.of(digest), Optional.empty());
  }

  /**
   * An image, as a verifier knows it after resolving it.
   *
   * @param digest {@code sha256:<hex>}
   * @param name {@code registry/repository}
   * @throws IllegalArgumentException if the digest is not of the form {@code algorithm:hex}
   */
  public static SbomSubject image(String digest, String name) {
    return new SbomSubject(List.of(Digest.parse(digest)), Optional.ofNullable(name));
  }

  /** A subject known by name only; binding by name is the weakest kind. */
  public static SbomSubject named(String name) {
    return new SbomSubject(List.of(), Optional.of(name));
  }

  /** No subject: gates that need one fail. */
  public static SbomSubject none() {
    return new SbomSubject(List.of(), Optional.empty());
  }

  public boolean isEmpty() {
    return digests.isEmpty() && name.isEmpty();
  }

  /** For people: the name and digests. */
  public String describe() {
    if (isEmpty()) {
      return "(no subject)";
    }
    StringBuilder sb = new StringBuilder(name.orElse(""));
    for (Digest d : digests) {
      sb.append(sb.length() == 0 ? "" : "@").append(d);
    }
    return sb.toString();
  }
}
