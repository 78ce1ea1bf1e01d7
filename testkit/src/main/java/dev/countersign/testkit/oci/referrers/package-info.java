/**
 * OCI 1.1 referrers: Sigstore bundles attached to an image as artifact manifests (cosign {@code
 * BUNDLE_SPEC.md}, and GitHub's attestation actions through sigstore-js), and the referrers tag
 * schema index that clients push for registries without the referrers API, such as distribution
 * 2.8.
 *
 * <p>See {@link dev.countersign.testkit.oci.referrers.BundleReferrers} and {@link
 * dev.countersign.testkit.oci.OciContent#withReferrersTagIndex}.
 */
package dev.countersign.testkit.oci.referrers;
