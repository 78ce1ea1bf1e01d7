/**
 * OCI content as registries store it: digests, descriptors, image manifests and indexes (OCI and
 * Docker v2 schema 2), small generated images, and {@link dev.countersign.testkit.oci.OciContent},
 * the set of blobs and (tagged) manifests that a test pushes to a registry or writes to an image
 * layout.
 *
 * <p>Everything in a registry is addressed by the SHA-256 of its serialized bytes, so every
 * document here is serialized once and then carried as those exact bytes ({@link
 * dev.countersign.testkit.oci.Manifest}, {@link dev.countersign.testkit.oci.Blob}). Field order
 * follows the writer being imitated, see {@link dev.countersign.testkit.oci.JsonStyle}.
 *
 * <p>Subpackages: {@code cosign} (classic cosign signatures and attestations), {@code referrers}
 * (OCI 1.1 referrers: Sigstore bundles and the referrers tag schema), {@code layout} (OCI image
 * layout directories) and {@code registry} (a real registry process, a push client, a token server
 * and proxies that inject faults or add the referrers API).
 */
package dev.countersign.testkit.oci;
