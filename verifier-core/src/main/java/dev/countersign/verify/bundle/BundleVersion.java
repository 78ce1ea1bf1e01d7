package dev.countersign.verify.bundle;

import java.util.Optional;

/** Sigstore bundle versions this verifier reads. */
public enum BundleVersion {
  V0_1("application/vnd.dev.sigstore.bundle+json;version=0.1"),
  V0_2("application/vnd.dev.sigstore.bundle+json;version=0.2"),
  V0_3("application/vnd.dev.sigstore.bundle.v0.3+json");

  /** The older spelling of the v0.3 media type, also accepted. */
  public static final String V0_3_LEGACY_MEDIA_TYPE =
      "application/vnd.dev.sigstore.bundle+json;version=0.3";

  private final String mediaType;

  BundleVersion(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The canonical media type of this version. */
  public String mediaType() {
    return mediaType;
  }

  public static Optional<BundleVersion> fromMediaType(String mediaType) {
    if (mediaType == null) {
      return Optional.empty();
    }
    for (BundleVersion v : values()) {
      if (v.mediaType.equals(mediaType)) {
        return Optional.of(v);
      }
    }
    return V0_3_LEGACY_MEDIA_TYPE.equals(mediaType) ? Optional.of(V0_3) : Optional.empty();
  }
}
