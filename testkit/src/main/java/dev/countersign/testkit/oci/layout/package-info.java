/** OCI image layout directories ({@code oci-layout}, {@code index.json}, {@code blobs/}). */
package dev.countersign.testkit.oci.layout;
