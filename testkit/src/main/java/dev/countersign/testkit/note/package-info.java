/**
 * C2SP signed notes and transparency-log checkpoints: the note body, signature lines, and the
 * signers used by Rekor v1 (ECDSA), Rekor v2 (Ed25519) and witnesses (cosignature/v1).
 */
package dev.countersign.testkit.note;
