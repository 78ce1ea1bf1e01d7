/**
 * Writes real TUF 1.0 repositories for tests: generated keys, canonical-JSON signatures, root
 * rotation, consistent and plain snapshot layouts, and hooks to break any of it on purpose. Start
 * with {@link dev.countersign.testkit.tuf.TufRepositoryWriter}.
 *
 * <p>Self-contained (its own canonical JSON and signing) so that it checks the verifier rather than
 * sharing its mistakes. Nothing here reads the wall clock: every instant is passed in.
 */
package dev.countersign.testkit.tuf;
