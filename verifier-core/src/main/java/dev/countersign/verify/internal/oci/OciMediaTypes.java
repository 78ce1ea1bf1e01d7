package dev.countersign.verify.internal.oci;

import java.util.Set;

/** Media types and annotation keys of OCI, Docker, cosign and Sigstore content. */
public final class OciMediaTypes {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_LIST);
  public static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);

  public static final String COSIGN_SIMPLE_SIGNING =
      "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";
  public static final String COSIGN_SIGNATURE_ARTIFACT =
      "application/vnd.dev.cosign.artifact.sig.v1+json";
  public static final String COSIGN_ATTESTATION_ARTIFACT =
      "application/vnd.dev.cosign.artifact.att.v1+json";

  /** Prefix of every Sigstore bundle media type (v0.1 to v0.3 spellings). */
  public static final String SIGSTORE_BUNDLE_PREFIX = "application/vnd.dev.sigstore.bundle";

  public static final String ANNOTATION_SIGNATURE = "dev.cosignproject.cosign/signature";
  public static final String ANNOTATION_CERTIFICATE = "dev.sigstore.cosign/certificate";
  public static final String ANNOTATION_CHAIN = "dev.sigstore.cosign/chain";
  public static final String ANNOTATION_REKOR_BUNDLE = "dev.sigstore.cosign/bundle";
  public static final String ANNOTATION_RFC3161 = "dev.sigstore.cosign/rfc3161timestamp";
  public static final String ANNOTATION_BUNDLE_PREDICATE = "dev.sigstore.bundle.predicateType";

  /** The predicate type of a cosign (v3) image signature in a bundle. */
  public static final String COSIGN_SIGN_PREDICATE = "https://sigstore.dev/cosign/sign/v1";

  private OciMediaTypes() {}
}
