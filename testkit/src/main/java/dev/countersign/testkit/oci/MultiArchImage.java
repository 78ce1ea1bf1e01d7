package dev.countersign.testkit.oci;

import java.util.List;

/**
 * A multi-platform image: an index (or manifest list) and the images it lists.
 *
 * @param index the serialized index
 * @param images the platform images, in index order
 */
public record MultiArchImage(Manifest index, List<Image> images) {

  public MultiArchImage {
    images = List.copyOf(images);
  }

  /** The index digest, which is what a multi-platform reference pins. */
  public Digest digest() {
    return index.digest();
  }

  /** The image for {@code platform}. */
  public Image image(Platform platform) {
    return images.stream()
        .filter(i -> i.platform().equals(platform))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no image for " + platform));
  }

  /** Every platform image (by digest) followed by the index under {@code tag}. */
  public OciContent content(String tag) {
    OciContent content = OciContent.empty();
    for (Image image : images) {
      content = content.plus(image.content(null));
    }
    return content.withManifest(index, tag);
  }
}
