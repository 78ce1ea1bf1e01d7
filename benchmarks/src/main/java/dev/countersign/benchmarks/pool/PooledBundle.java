package dev.countersign.benchmarks.pool;

/**
 * One bundle of the pool and the SHA-256 digest of the artifact it signs.
 *
 * @param json the bundle as written by a Sigstore client
 * @param sha256 the digest of the bundle's own artifact
 */
public record PooledBundle(byte[] json, byte[] sha256) {}
