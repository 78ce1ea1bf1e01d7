package dev.countersign.testkit.oci;

/** The media types of OCI, Docker, cosign and Sigstore content, spelled exactly. */
public final class MediaTypes {
  private MediaTypes() {}

  /** OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** OCI image index. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** OCI image configuration. */
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

  /** OCI gzip-compressed tar layer. */
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  /** The OCI 1.1 empty descriptor's media type; its content is the two bytes {@code {}}. */
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  /** Docker image manifest v2, schema 2. */
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** Docker manifest list (the multi-architecture form of schema 2). */
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** Docker container image configuration. */
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

  /** Docker gzip-compressed tar layer. */
  public static final String DOCKER_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.diff.tar.gzip";

  /** A cosign simple-signing payload, the layer of a {@code .sig} manifest. */
  public static final String COSIGN_SIMPLE_SIGNING =
      "application/vnd.dev.cosign.simplesigning.v1+json";

  /** A DSSE envelope, the layer of a cosign {@code .att} manifest. */
  public static final String DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";

  /** The artifact type of cosign signatures pushed as OCI 1.1 referrers. */
  public static final String COSIGN_SIGNATURE_ARTIFACT =
      "application/vnd.dev.cosign.artifact.sig.v1+json";

  /** The artifact type of cosign attestations pushed as OCI 1.1 referrers. */
  public static final String COSIGN_ATTESTATION_ARTIFACT =
      "application/vnd.dev.cosign.artifact.att.v1+json";

  /** A Sigstore bundle v0.3: artifact type and layer media type of a bundle referrer. */
  public static final String SIGSTORE_BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

  /** The DSSE payload type of in-toto statements. */
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  /** Every manifest and index type, as a registry client lists them in {@code Accept}. */
  public static final String ACCEPT_ANY_MANIFEST =
      String.join(", ", OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

  /** True for the index (or manifest list) media types. */
  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }
}
