/**
 * An editable model of Sigstore bundles (v0.1 to v0.3) and its writer to the protobuf JSON mapping.
 * Every record has {@code with...} methods so tests can derive tampered variants after signing.
 */
package dev.countersign.testkit.bundle;
