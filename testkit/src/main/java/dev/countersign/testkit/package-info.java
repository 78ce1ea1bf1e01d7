/**
 * Test-only Sigstore infrastructure: a private deployment (certificate authority, CT log, Rekor v1
 * and v2 style transparency logs, timestamp authority) that produces real, specification-conformant
 * evidence and the {@code trusted_root.json} that trusts it.
 *
 * <p>Written independently of the verifier so that each checks the other: nothing here reuses
 * verification code, and every format is built from its specification. Start with {@link
 * dev.countersign.testkit.TestSigstore} and {@link dev.countersign.testkit.SigstoreSigner}.
 *
 * <p>Nothing in this package reads the wall clock: every instant is passed in by the caller.
 */
package dev.countersign.testkit;
