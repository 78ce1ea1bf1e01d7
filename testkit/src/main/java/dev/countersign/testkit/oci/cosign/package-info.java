/**
 * Classic cosign evidence as cosign writes it to a registry (cosign {@code SIGNATURE_SPEC.md} and
 * {@code ATTESTATION_SPEC.md}): simple-signing payloads signed into {@code sha256-<hex>.sig}
 * manifests, DSSE attestations in {@code sha256-<hex>.att} manifests, each layer carrying its
 * signature, certificate, chain, Rekor bundle and RFC 3161 timestamp as annotations, and the same
 * layers pushed as OCI 1.1 referrers.
 *
 * <p>Start with {@link dev.countersign.testkit.oci.cosign.CosignSigner} and {@link
 * dev.countersign.testkit.oci.cosign.CosignManifests}.
 */
package dev.countersign.testkit.oci.cosign;
