package dev.countersign.report.oscal;

import java.util.regex.Pattern;

/**
 * What an observation is about: an image by digest, a repository, a cluster. Each distinct subject
 * becomes one OSCAL inventory item that observations reference.
 *
 * @param type a lower-case token, e.g. {@code container-image}, {@code ecr-repository}, {@code
 *     kubernetes-cluster}
 * @param identifier what identifies it, e.g. {@code
 *     1234.dkr.ecr.us-gov-west-1.amazonaws.com/app@sha256:...}
 * @param title a short human-readable name
 */
public record Subject(String type, String identifier, String title) {
  private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9-]*$");

  public Subject {
    Text.requireLine(type, "subject type");
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "subject type must be a lower-case token such as container-image, not " + type);
    }
    Text.requireLine(identifier, "subject identifier");
    Text.requireLine(title, "subject title");
  }

  /** A container image named by a digest-pinned reference. */
  public static Subject image(String digestReference) {
    if (!digestReference.contains("@sha256:")) {
      throw new IllegalArgumentException(
          "an image subject is named by digest (name@sha256:...), not " + digestReference);
    }
    return new Subject("container-image", digestReference, digestReference);
  }
}
