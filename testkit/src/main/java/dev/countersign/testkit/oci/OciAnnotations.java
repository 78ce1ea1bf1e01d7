package dev.countersign.testkit.oci;

/** Annotation keys of OCI, cosign and the cosign bundle specification, spelled exactly. */
public final class OciAnnotations {
  private OciAnnotations() {}

  /** OCI image layout: the tag of a manifest listed in {@code index.json}. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  /** OCI: when the content was created (RFC 3339). */
  public static final String CREATED = "org.opencontainers.image.created";

  /** OCI: a file name for a layer (bundle referrers: {@code sha256-<hex>.sigstore.json}). */
  public static final String TITLE = "org.opencontainers.image.title";

  /** cosign: the base64 signature over the layer's payload (empty for attestations). */
  public static final String COSIGN_SIGNATURE = "dev.cosignproject.cosign/signature";

  /** cosign: the PEM signing certificate. */
  public static final String COSIGN_CERTIFICATE = "dev.sigstore.cosign/certificate";

  /** cosign: the PEM issuing chain, intermediates first, root last. */
  public static final String COSIGN_CHAIN = "dev.sigstore.cosign/chain";

  /** cosign: the "Rekor bundle" JSON (signed entry timestamp and entry payload). */
  public static final String COSIGN_BUNDLE = "dev.sigstore.cosign/bundle";

  /** cosign: {@code {"SignedRFC3161Timestamp":"<base64 DER>"}}. */
  public static final String COSIGN_RFC3161_TIMESTAMP = "dev.sigstore.cosign/rfc3161timestamp";

  /** cosign attestations: the statement's predicate type, on the layer. */
  public static final String COSIGN_PREDICATE_TYPE = "predicateType";

  /** Bundle referrers: {@code message-signature} or {@code dsse-envelope}. */
  public static final String BUNDLE_CONTENT = "dev.sigstore.bundle.content";

  /** Bundle referrers: the in-toto predicate type of a DSSE bundle. */
  public static final String BUNDLE_PREDICATE_TYPE = "dev.sigstore.bundle.predicateType";
}
