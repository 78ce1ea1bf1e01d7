package dev.countersign.verify.internal.registry;

import java.util.Locale;
import java.util.Set;

/** The manifest media types the registry client asks for and accepts. */
public final class MediaTypes {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** The Accept header for manifests: images and indexes, OCI and Docker schema 2. */
  public static final String MANIFEST_ACCEPT =
      String.join(", ", OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

  private static final Set<String> IMAGES = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
  private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);

  private MediaTypes() {}

  public static boolean isImageManifest(String mediaType) {
    return mediaType != null && IMAGES.contains(mediaType);
  }

  public static boolean isIndex(String mediaType) {
    return mediaType != null && INDEXES.contains(mediaType);
  }

  public static boolean isManifest(String mediaType) {
    return isImageManifest(mediaType) || isIndex(mediaType);
  }

  /** The media type of a Content-Type header value, without parameters; null if absent. */
  public static String fromContentType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    type = type.trim().toLowerCase(Locale.ROOT);
    return type.isEmpty() ? null : type;
  }
}
