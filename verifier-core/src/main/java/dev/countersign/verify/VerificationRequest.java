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

  static Bundle bundle(byte[] bundleJson, Artifact artifact, Authority... authorities) {
    return new Bundle(bundleJson, artifact, List.of(authorities), Optional.empty());
  }

  static Bundle bundle(byte[] bundleJson, Artifact artifact, List<Authority> authorities) {
    return new Bundle(bundleJson, artifact, authorities, Optional.empty());
  }
}
