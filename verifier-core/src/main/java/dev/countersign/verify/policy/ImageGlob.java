package dev.countersign.verify.policy;

import dev.countersign.verify.oci.ImageReference;
import java.util.regex.Pattern;

/**
 * A pattern for image names ({@code registry/repository}, normalised as image references are):
 * {@code **} matches anything, {@code *} anything within one path segment, {@code ?} one character
 * within a segment; everything else is literal. A glob without a registry is a Docker Hub name, as
 * in an image reference ({@code nginx}, {@code acme/*}), except one with {@code **} and no {@code
 * /}, which spans every registry ({@code **} matches every image). Tags and digests do not take
 * part: a policy applies to a repository, whatever is deployed from it.
 */
public final class ImageGlob {
  private final String glob;
  private final Pattern pattern;

  private ImageGlob(String glob, Pattern pattern) {
    this.glob = glob;
    this.pattern = pattern;
  }

  public static ImageGlob of(String glob) {
    if (glob == null || glob.isBlank() || glob.chars().anyMatch(Character::isWhitespace)) {
      throw new PolicyException("", "an image glob must be a non-empty pattern without spaces");
    }
    String normalised = normalise(glob);
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < normalised.length(); i++) {
      char c = normalised.charAt(i);
      if (c == '*' && i + 1 < normalised.length() && normalised.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new ImageGlob(glob, Pattern.compile(re.toString()));
  }

  /** Docker Hub short names in a glob mean what they mean in an image reference. */
  private static String normalise(String glob) {
    int first = glob.indexOf('/');
    if (first < 0 && glob.contains("**")) {
      // Why: "**" (the roll-out policies' match-everything) crosses registries and repositories;
      // read as a Docker Hub short name it would cover only docker.io/library images.
      return glob;
    }
    String head = first < 0 ? "" : glob.substring(0, first);
    boolean hasRegistry =
        first >= 0
            && (head.contains(".")
                || head.contains(":")
                || head.equals("localhost")
                || head.contains("*"));
    if (hasRegistry) {
      return glob.startsWith("index.docker.io/") ? "docker.io/" + glob.substring(16) : glob;
    }
    return ImageReference.DOCKER_HUB + "/" + (glob.contains("/") ? glob : "library/" + glob);
  }

  public boolean matches(ImageReference image) {
    return pattern.matcher(image.name()).matches();
  }

  /** The glob as written. */
  public String glob() {
    return glob;
  }

  @Override
  public String toString() {
    return glob;
  }
}
