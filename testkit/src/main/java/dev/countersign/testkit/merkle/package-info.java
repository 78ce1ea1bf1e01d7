/** RFC 6962 / RFC 9162 Merkle trees: tree heads, inclusion proofs and their verification. */
package dev.countersign.testkit.merkle;
