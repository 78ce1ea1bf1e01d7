package dev.countersign.benchmarks;

import dev.countersign.verify.Artifact;
import dev.countersign.verify.Digest;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.CertificateIdentity;
import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.verdict.Verdict;

/**
 * Countersign's {@link Verifier} expecting one keyless signer. The verifier is built once per trust
 * root and shared, as applications use it.
 */
public final class CountersignBundleVerifier implements BundleVerifier {
  private final Verifier verifier;
  private final Authority authority;

  public CountersignBundleVerifier(Verifier verifier, String san, String issuer) {
    this.verifier = verifier;
    this.authority =
        Authority.keyless(
            CertificateIdentity.of(StringMatcher.exact(san), StringMatcher.exact(issuer)));
  }

  /** A verifier for {@code root} and one signer. */
  public static CountersignBundleVerifier of(TrustRoot root, String san, String issuer) {
    return new CountersignBundleVerifier(Verifier.builder().trustRoot(root).build(), san, issuer);
  }

  @Override
  public Verdict verify(byte[] bundleJson, byte[] sha256) throws VerificationFailedException {
    Verdict verdict =
        verifier.verify(
            VerificationRequest.bundle(
                bundleJson, Artifact.ofDigest(new Digest("sha256", sha256)), authority));
    if (!verdict.outcome().isPass()) {
      throw new VerificationFailedException(verdict.summary(), null);
    }
    return verdict;
  }
}
