package dev.countersign.testkit.bundle;

/** The bundle media types, which also decide the verification-material layout. */
public enum BundleVersion {
  V0_1("application/vnd.dev.sigstore.bundle+json;version=0.1"),
  V0_2("application/vnd.dev.sigstore.bundle+json;version=0.2"),
  /** The v0.3 media type in the older parameter form, still accepted by clients. */
  V0_3_LEGACY("application/vnd.dev.sigstore.bundle+json;version=0.3"),
  V0_3("application/vnd.dev.sigstore.bundle.v0.3+json");

  private final String mediaType;

  BundleVersion(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The {@code mediaType} string. */
  public String mediaType() {
    return mediaType;
  }

  /**
   * True from v0.3 on, where a keyless bundle carries the single leaf {@code certificate} rather
   * than an {@code x509CertificateChain}.
   */
  public boolean usesSingleCertificate() {
    return this == V0_3 || this == V0_3_LEGACY;
  }

  /** True for v0.1, where inclusion promises are required and proofs were not yet written. */
  public boolean isV01() {
    return this == V0_1;
  }
}
