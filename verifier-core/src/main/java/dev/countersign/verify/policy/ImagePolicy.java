package dev.countersign.verify.policy;

import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.MultiArchRequirement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A compiled image policy: which images it applies to, who may sign them (any one authority), which
 * attestations they must carry (all of them), which trust root verifies them, and what a failure
 * does (mode).
 *
 * @param name the policy's name
 * @param source where it was defined ({@code file:line})
 * @param mode enforce, warn or audit
 * @param images the repositories it applies to
 * @param trustRoot the trust root to verify with; empty to choose per signature
 * @param authorities who may sign; any one suffices
 * @param attestations attestations required; all of them
 * @param multiArch where a multi-arch image must be signed
 * @param signatureRepository where signatures are stored, if elsewhere
 */
public record ImagePolicy(
    String name,
    String source,
    Mode mode,
    List<ImageGlob> images,
    Optional<String> trustRoot,
    List<Authority> authorities,
    List<AttestationRequirement> attestations,
    MultiArchRequirement multiArch,
    Optional<String> signatureRepository) {
  public ImagePolicy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    images = List.copyOf(images);
    authorities = List.copyOf(authorities);
    attestations = List.copyOf(attestations);
    Objects.requireNonNull(trustRoot, "trustRoot");
    Objects.requireNonNull(multiArch, "multiArch");
    Objects.requireNonNull(signatureRepository, "signatureRepository");
    if (images.isEmpty()) {
      throw new PolicyException(source, "policy '" + name + "' matches no images");
    }
    if (authorities.isEmpty()) {
      throw new PolicyException(source, "policy '" + name + "' has no authority");
    }
  }

  public boolean appliesTo(ImageReference image) {
    return images.stream().anyMatch(g -> g.matches(image));
  }
}
