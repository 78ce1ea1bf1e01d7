/**
 * Rekor v1 and v2 style transparency logs over real RFC 6962 Merkle trees, with signed checkpoints,
 * inclusion promises (v1) and the entry bodies Rekor writes.
 */
package dev.countersign.testkit.rekor;
