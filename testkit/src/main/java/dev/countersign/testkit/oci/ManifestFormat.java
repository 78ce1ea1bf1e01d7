package dev.countersign.testkit.oci;

/** The two manifest families registries serve, with the media types each uses. */
public enum ManifestFormat {
  /** OCI image spec v1.1. */
  OCI(
      MediaTypes.OCI_MANIFEST,
      MediaTypes.OCI_INDEX,
      MediaTypes.OCI_CONFIG,
      MediaTypes.OCI_LAYER_GZIP),
  /** Docker image manifest v2, schema 2, and manifest lists. */
  DOCKER_V2(
      MediaTypes.DOCKER_MANIFEST,
      MediaTypes.DOCKER_MANIFEST_LIST,
      MediaTypes.DOCKER_CONFIG,
      MediaTypes.DOCKER_LAYER_GZIP);

  private final String manifest;
  private final String index;
  private final String config;
  private final String layer;

  ManifestFormat(String manifest, String index, String config, String layer) {
    this.manifest = manifest;
    this.index = index;
    this.config = config;
    this.layer = layer;
  }

  /** The image manifest media type. */
  public String manifestMediaType() {
    return manifest;
  }

  /** The index (manifest list) media type. */
  public String indexMediaType() {
    return index;
  }

  /** The image configuration media type. */
  public String configMediaType() {
    return config;
  }

  /** The gzip layer media type. */
  public String layerMediaType() {
    return layer;
  }
}
