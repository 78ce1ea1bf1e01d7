package dev.countersign.verify.oci;

import dev.countersign.verify.Digest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference: registry, repository, and a tag and/or a digest. Parsing follows the
 * Docker conventions: {@code nginx} is {@code docker.io/library/nginx:latest}, and a first path
 * component with a dot or a colon, or {@code localhost}, is a registry host.
 *
 * @param registry the registry host (and port), e.g. {@code
 *     123456789012.dkr.ecr.us-gov-west-1.amazonaws.com}
 * @param repository the repository path, e.g. {@code prod/app}
 * @param tag the tag, if any
 * @param digest the manifest digest, if any; a reference with a digest is pinned
 */
public record ImageReference(
    String registry, String repository, Optional<String> tag, Optional<Digest> digest) {
  public static final String DOCKER_HUB = "docker.io";
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern REGISTRY =
      Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]{1,5})?|\\[[0-9a-fA-F:]+\\](?::[0-9]{1,5})?");

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(digest, "digest");
    if (!REGISTRY.matcher(registry).matches()) {
      throw new IllegalArgumentException("invalid registry '" + registry + "'");
    }
    if (!REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException("invalid repository '" + repository + "'");
    }
    tag.ifPresent(
        t -> {
          if (!TAG.matcher(t).matches()) {
            throw new IllegalArgumentException("invalid tag '" + t + "'");
          }
        });
  }

  /** Parses a reference; throws IllegalArgumentException with what is wrong. */
  public static ImageReference parse(String text) {
    if (text == null || text.isBlank() || text.length() > 4096) {
      throw new IllegalArgumentException("empty or oversized image reference");
    }
    String rest = text.trim();
    Optional<Digest> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      String d = rest.substring(at + 1);
      digest =
          Optional.of(
              Digest.tryParse(d)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "invalid digest '" + d + "' in image reference")));
      rest = rest.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      tag = Optional.of(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
    }
    String registry;
    String repository;
    int first = rest.indexOf('/');
    String head = first < 0 ? "" : rest.substring(0, first);
    if (first >= 0
        && (head.contains(".")
            || head.contains(":")
            || head.equals("localhost")
            || head.startsWith("["))) {
      registry = head.toLowerCase(Locale.ROOT);
      repository = rest.substring(first + 1);
    } else {
      registry = DOCKER_HUB;
      repository = rest;
    }
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = Optional.of("latest");
    }
    return new ImageReference(registry, repository, tag, digest);
  }

  /** Whether the reference names a digest (and so one immutable manifest). */
  public boolean isPinned() {
    return digest.isPresent();
  }

  /** The same repository at {@code d}, without the tag. */
  public ImageReference atDigest(Digest d) {
    return new ImageReference(registry, repository, Optional.empty(), Optional.of(d));
  }

  /** The same repository with tag {@code t}, without a digest. */
  public ImageReference atTag(String t) {
    return new ImageReference(registry, repository, Optional.of(t), Optional.empty());
  }

  /** The same reference with the digest a tag resolved to, keeping the tag for reports. */
  public ImageReference resolvedTo(Digest d) {
    return new ImageReference(registry, repository, tag, Optional.of(d));
  }

  /** Another repository (same or other registry), e.g. where signatures are stored. */
  public ImageReference inRepository(String otherRegistry, String otherRepository) {
    return new ImageReference(otherRegistry, otherRepository, tag, digest);
  }

  /** {@code registry/repository}. */
  public String name() {
    return registry + "/" + repository;
  }

  @Override
  public String toString() {
    return name() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }
}
