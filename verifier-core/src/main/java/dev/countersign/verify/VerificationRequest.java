package dev.countersign.verify;

import dev.countersign.verify.policy.Authority;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What to verify, and against which expectations. */
public sealed interface VerificationRequest {

  /**
   * A Sigstore bundle for an artifact.
   *
   * @param bundleJson the bundle as read (it is parsed during verification, so a malformed bundle
   *     becomes a FAIL verdict, not an exception)
   * @param artifact the artifact, or its digest
   * @param authorities who may have signed; any one suffices
   * @param trustRoot the name of the trust root to use; empty to choose the configured root that
   *     knows the bundle's log and CA
   */
  record Bundle(
      byte[] bundleJson, Artifact artifact, List<Authority> authorities, Optional<String> trustRoot)
      implements VerificationRequest {
    public Bundle {
      Objects.requireNonNull(bundleJson, "bundleJson");
      Objects.requireNonNull(artifact, "artifact");
      authorities = List.copyOf(authorities);
      if (authorities.isEmpty()) {
        throw new IllegalArgumentException(
            "a bundle verification needs at least one authority (keyless identity or key)");
      }
      trustRoot = Objects.requireNonNull(trustRoot, "trustRoot");
      bundleJson = bundleJson.clone();
    }

    @Override
    public byte[] bundleJson() {
      return bundleJson.clone();
    }

    /** The same request pinned to a named trust root. */
    public Bundle withTrustRoot(String name) {
      return new Bundle(bundleJson, artifact, authorities, Optional.of(name));
    }
  }

  /**
   * A container image: its signatures are found beside it (classic cosign tags, OCI 1.1 referrers,
   * Sigstore bundles) and verified by digest; a tag is resolved once and both are reported.
   *
   * @param image the image, by tag or digest
   * @param authorities who may have signed; any one suffices
   * @param multiArch where a multi-arch image must be signed
   * @param signatureRepository where signatures are stored ({@code registry/repository}), if not in
   *     the image's own repository
   * @param trustRoot the trust root to use, or empty to choose per signature
   */
  record Image(
      dev.countersign.verify.oci.ImageReference image,
      List<Authority> authorities,
      dev.countersign.verify.oci.MultiArchRequirement multiArch,
      Optional<String> signatureRepository,
      Optional<String> trustRoot)
      implements VerificationRequest {
    public Image {
      Objects.requireNonNull(image, "image");
      authorities = List.copyOf(authorities);
      if (authorities.isEmpty()) {
        throw new IllegalArgumentException("an image verification needs at least one authority");
      }
      Objects.requireNonNull(multiArch, "multiArch");
      Objects.requireNonNull(signatureRepository, "signatureRepository");
      Objects.requireNonNull(trustRoot, "trustRoot");
    }

    public Image withMultiArch(dev.countersign.verify.oci.MultiArchRequirement m) {
      return new Image(image, authorities, m, signatureRepository, trustRoot);
    }

    public Image withSignatureRepository(String repository) {
      return new Image(image, authorities, multiArch, Optional.of(repository), trustRoot);
    }

    public Image withTrustRoot(String name) {
      return new Image(image, authorities, multiArch, signatureRepository, Optional.of(name));
    }
  }

  static Image image(dev.countersign.verify.oci.ImageReference image, Authority... authorities) {
    return new Image(
        image,
        List.of(authorities),
        dev.countersign.verify.oci.MultiArchRequirement.INDEX_OR_EVERY_PLATFORM,
        Optional.empty(),
        Optional.empty());
  }

  static Bundle bundle(byte[] bundleJson, Artifact artifact, Authority... authorities) {
    return new Bundle(bundleJson, artifact, List.of(authorities), Optional.empty());
  }

  static Bundle bundle(byte[] bundleJson, Artifact artifact, List<Authority> authorities) {
    return new Bundle(bundleJson, artifact, authorities, Optional.empty());
  }
}
