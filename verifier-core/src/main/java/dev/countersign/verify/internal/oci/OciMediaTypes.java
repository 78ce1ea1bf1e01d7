package dev.countersign.verify.internal.oci;

/**
 * Media types and annotation keys of cosign and Sigstore content (image manifest types are in
 * {@code internal.registry.MediaTypes}).
 */
public final class OciMediaTypes {
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
