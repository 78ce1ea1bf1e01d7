package dev.countersign.benchmarks;

/**
 * One verifier under measurement, configured for a trust root and one expected signer, reduced to
 * what every benchmark asks of it: does this bundle verify for this artifact digest.
 */
public interface BundleVerifier {

  /**
   * Verifies a bundle.
   *
   * @param bundleJson the bundle as published
   * @param sha256 the SHA-256 digest of the artifact
   * @return the verifier's own result object (consumed by the benchmark), never null
   * @throws VerificationFailedException if the bundle does not verify
   */
  Object verify(byte[] bundleJson, byte[] sha256) throws VerificationFailedException;
}
